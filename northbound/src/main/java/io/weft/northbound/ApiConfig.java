package io.weft.northbound;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the REST API listens and, optionally, the admin token from the config file.
 *
 * @param address    the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port       the TCP port; 0 picks a free one
 * @param adminToken the bearer token admins present, when configured; the controller generates
 *                   one when none is configured, so the server itself is always given a token
 */
public record ApiConfig(String address, int port, Optional<String> adminToken) {
    /** Shorter tokens are too easy to guess to stand between the network and the controller. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final ApiConfig DEFAULTS = new ApiConfig("0.0.0.0", 8181, Optional.empty());

    public ApiConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(adminToken, "adminToken");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        adminToken.ifPresent(ApiConfig::checkToken);
    }

    /**
     * Refuses a token that is too short or that cannot travel in an HTTP header as one word.
     * The message never repeats the token.
     */
    public static String checkToken(String token) {
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("admin token must be at least " + MIN_TOKEN_LENGTH
                    + " characters, was " + token.length());
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("admin token must be printable ASCII without spaces");
        }
        return token;
    }

    public ApiConfig withAddress(String newAddress) {
        return new ApiConfig(newAddress, port, adminToken);
    }

    public ApiConfig withPort(int newPort) {
        return new ApiConfig(address, newPort, adminToken);
    }

    public ApiConfig withAdminToken(String token) {
        return new ApiConfig(address, port, Optional.of(token));
    }

    /** Never prints the token: configs are logged. */
    @Override
    public String toString() {
        return "ApiConfig[address=" + address + ", port=" + port + ", adminToken="
                + (adminToken.isPresent() ? "(set)" : "(none)") + "]";
    }
}
