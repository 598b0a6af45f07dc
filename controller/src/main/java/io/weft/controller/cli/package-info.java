/**
 * The {@code weft} command's client side: subcommands that call a running controller's REST API
 * ({@code weft devices}, {@code weft tenants create}, {@code weft watch}...) and print tables
 * for people or, with {@code --json}, the API's JSON for scripts. Where the server is and which
 * token to present come from flags, then {@code WEFT_URL} / {@code WEFT_TOKEN}, then a config
 * file ({@link io.weft.controller.cli.ClientSettings}). Exit codes: 0 done, 1 the API refused
 * (its message is printed), 2 a usage or client config error, 3 the controller could not be
 * reached.
 */
package io.weft.controller.cli;
