package io.weft.northbound;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the REST and gRPC APIs listen and, optionally, the admin token from the config file.
 *
 * @param address    the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port       the TCP port; 0 picks a free one
 * @param adminToken the bearer token admins present, when configured; the controller generates
 *                   one when none is configured, so the server itself is always given a token
 * @param grpcPort   a port of gRPC's own (0 picks a free one); empty, or the REST port, serves
 *                   gRPC beside REST on the REST port
 */
public record ApiConfig(String address, int port, Optional<String> adminToken, OptionalInt grpcPort) {
    /** Shorter tokens are too easy to guess to stand between the network and the controller. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final ApiConfig DEFAULTS = new ApiConfig("0.0.0.0", 8181, Optional.empty());

    public ApiConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(grpcPort, "grpcPort");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be empty");
        }
        checkPort("port", port);
        grpcPort.ifPresent(p -> checkPort("grpc port", p));
        adminToken.ifPresent(ApiConfig::checkToken);
    }

    /** gRPC on the REST port. */
    public ApiConfig(String address, int port, Optional<String> adminToken) {
        this(address, port, adminToken, OptionalInt.empty());
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be within 0..65535, was " + port);
        }
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

    /** Whether gRPC has a server of its own: a gRPC port is set, and is not the REST port (0 is never "the same"). */
    public boolean separateGrpcPort() {
        return grpcPort.isPresent() && (grpcPort.getAsInt() != port || port == 0);
    }

    public ApiConfig withAddress(String newAddress) {
        return new ApiConfig(newAddress, port, adminToken, grpcPort);
    }

    public ApiConfig withPort(int newPort) {
        return new ApiConfig(address, newPort, adminToken, grpcPort);
    }

    public ApiConfig withAdminToken(String token) {
        return new ApiConfig(address, port, Optional.of(token), grpcPort);
    }

    public ApiConfig withGrpcPort(int newGrpcPort) {
        return new ApiConfig(address, port, adminToken, OptionalInt.of(newGrpcPort));
    }

    /** Never prints the token: configs are logged. */
    @Override
    public String toString() {
        return "ApiConfig[address=" + address + ", port=" + port + ", adminToken="
                + (adminToken.isPresent() ? "(set)" : "(none)") + ", grpcPort="
                + (grpcPort.isPresent() ? Integer.toString(grpcPort.getAsInt()) : "(the REST port)") + "]";
    }
}
