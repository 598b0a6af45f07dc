package io.weft.controller.cli;

/** Why a client command failed, with the exit code that says which kind of failure it was. */
public final class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The API answered with an error. */
    public static final int API_ERROR = 1;
    /** The command line or the client config was wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** The controller could not be reached, or broke off. */
    public static final int CONNECTION = 3;

    private final int exitCode;

    public ClientException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
