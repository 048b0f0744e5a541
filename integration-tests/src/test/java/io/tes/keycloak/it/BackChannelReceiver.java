package io.tes.keycloak.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OIDC back-channel logout endpoint for a test client: a JDK HTTP server on 127.0.0.1 (free port) that keeps the
 * {@code logout_token} of every POST Keycloak sends and answers 200. Set {@link #url()} as a client's back-channel
 * logout URL ({@code backchannel.logout.url}).
 */
final class BackChannelReceiver implements AutoCloseable {

    private static final String PATH = "/backchannel-logout";

    private final HttpServer server;
    private final List<String> logoutTokens = new CopyOnWriteArrayList<>();

    private BackChannelReceiver(HttpServer server) {
        this.server = server;
    }

    static BackChannelReceiver start() throws IOException {
        return start(0);
    }

    /** On the port of the demo clients' back-channel logout URL in the tests ({@code TestEnvironment}). */
    static BackChannelReceiver startForDemoClients() throws IOException {
        return start(java.net.URI.create(io.tes.keycloak.testsupport.TestEnvironment.BACKCHANNEL_LOGOUT_URL).getPort());
    }

    private static BackChannelReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        BackChannelReceiver receiver = new BackChannelReceiver(server);
        server.createContext(PATH, receiver::receive);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Every logout token received so far, oldest first. */
    List<String> logoutTokens() {
        return List.copyOf(logoutTokens);
    }

    /** The logout tokens received within {@code timeout}, at least one unless none came. */
    List<String> awaitLogoutTokens(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (logoutTokens.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return logoutTokens();
    }

    void clear() {
        logoutTokens.clear();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && "logout_token".equals(pair.substring(0, equals))) {
                    logoutTokens.add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
