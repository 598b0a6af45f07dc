package io.weft.bench.api;

import io.weft.bench.rest.RestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The REST API under load, with the admin bearer token, one HTTP/1.1 connection per client: a
 * GET of one of the fabric's lists, or virtual network creation ({@code POST
 * /api/v1/tenants/{t}/networks}) under a tenant of each round's own ({@link RoundTenants}). Any
 * 2xx is a success; another status is the problem {@code refused.<status>}, a request that got no
 * answer {@code failed}.
 */
final class RestLoad implements Load {
    private final URI base;
    private final String token;
    private final Optional<Read> read;
    private final Optional<RoundTenants> tenants;
    private final RestClient admin;
    private final List<RestClient> clients = new CopyOnWriteArrayList<>();

    private RestLoad(URI base, String token, Optional<Read> read, Optional<RoundTenants> tenants) {
        this.base = base;
        this.token = token;
        this.read = read;
        this.tenants = tenants;
        this.admin = new RestClient(base, token);
    }

    static RestLoad read(URI base, String token, Read read) {
        return new RestLoad(base, token, Optional.of(read), Optional.empty());
    }

    static RestLoad networkCreation(URI base, String token, RoundTenants tenants) {
        return new RestLoad(base, token, Optional.empty(), Optional.of(tenants));
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST;
    }

    @Override
    public String operation() {
        return read.map(r -> "GET " + r.restPath()).orElse("POST /api/v1/tenants/{t}/networks");
    }

    @Override
    public String unit() {
        return read.isPresent() ? "requests" : "networks";
    }

    @Override
    public Client client() {
        RestClient client = new RestClient(base, token);
        clients.add(client);
        if (read.isPresent()) {
            HttpRequest get = client.request(read.get().restPath());
            return (round, n) -> send(client, get);
        }
        RoundTenants where = tenants.orElseThrow();
        return (round, n) -> send(client, client.post(networks(where.tenant(round)),
                "{\"id\":\"" + RoundTenants.network(n) + "\",\"kind\":\"" + RoundTenants.KIND + "\"}"));
    }

    @Override
    public void beforeRound(int round) throws InterruptedException {
        if (tenants.isPresent()) {
            must(admin.post("/api/v1/tenants", "{\"id\":\"" + tenants.get().tenant(round) + "\"}"),
                    "create tenant " + tenants.get().tenant(round));
        }
    }

    @Override
    public void afterRound(int round) throws InterruptedException {
        if (tenants.isPresent()) {
            must(admin.delete("/api/v1/tenants/" + tenants.get().tenant(round)),
                    "delete tenant " + tenants.get().tenant(round));
        }
    }

    @Override
    public void close() {
        clients.forEach(RestClient::close);
        admin.close();
    }

    private static String networks(String tenant) {
        return "/api/v1/tenants/" + tenant + "/networks";
    }

    static Answer send(RestClient client, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = client.send(request);
            int status = response.statusCode();
            return status / 100 == 2 ? Answer.ok(response.body().length)
                    : Answer.problem("refused." + status, new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Answer.problem("failed", e.toString());
        }
    }

    /** A request that readies a round: if it fails, the round cannot be measured at all. */
    private void must(HttpRequest request, String what) throws InterruptedException {
        Answer answer = send(admin, request);
        if (!answer.succeeded()) {
            throw new IllegalStateException("REST: could not " + what + ": " + answer.problem() + " "
                    + answer.detail());
        }
    }
}
