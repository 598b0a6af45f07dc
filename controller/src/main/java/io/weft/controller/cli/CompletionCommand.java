package io.weft.controller.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code weft completion}: bash (and zsh, with bashcompinit) completion, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash completion script for weft: source <(weft completion)")
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("weft", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
