package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What WorkOsClient refuses to do whatever the server answers: follow a redirect with the API key, read an answer of
 * any size, page through memberships without end. Redirects and huge bodies come from a tiny JDK HTTP server (the
 * emulator has no such fault); the membership pages from the emulator.
 */
@DisplayName("WorkOsClient's limits")
class WorkOsClientLimitsTest {

    private static final String API_KEY = "sk_test_limits_key";
    private static final int MIB = 1024 * 1024;

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    /** Apache's default client, which follows redirects of GETs: the client must switch that off itself. */
    private CloseableHttpClient http;

    @BeforeEach
    void httpClient() {
        http = HttpClients.createDefault();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        servers.forEach(server -> server.stop(0));
    }

    private String serve(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private WorkOsClient clientOf(String baseUrl) {
        return new WorkOsClient(http, new WorkOsSettings(baseUrl, API_KEY, "client_limits", Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3), sleeps::add);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, boolean chunked) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** A user answer padded to about {@code size} bytes: valid JSON, so only its size can be wrong. */
    private static byte[] userOfSize(int size) {
        String head = "{\"id\":\"user_alice\",\"email\":\"alice@acme.test\",\"pad\":\"";
        return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    @Nested
    @DisplayName("Given WorkOS answers with a redirect")
    class Redirects {

        private final List<String> elsewhere = new CopyOnWriteArrayList<>();
        private final AtomicLong workosCalls = new AtomicLong();

        private String redirectingTo(int status) throws IOException {
            String target = serve(exchange -> {
                elsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                answer(exchange, 200, userOfSize(200), false);
            });
            return serve(exchange -> {
                workosCalls.incrementAndGet();
                exchange.getResponseHeaders().set("Location", target + exchange.getRequestURI());
                exchange.sendResponseHeaders(status, -1);
            });
        }

        @Test
        @DisplayName("when a read is redirected then it is not followed: workos_unexpected, the key goes nowhere else")
        void readNotFollowed() throws Exception {
            WorkOsClient client = clientOf(redirectingTo(302));

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice"));

            assertThat(e.error()).isEqualTo(WorkOsError.UNEXPECTED);
            assertThat(e.error().code()).isEqualTo("workos_unexpected");
            assertThat(e.status()).isEqualTo(302);
            assertThat(e.getMessage()).contains("redirect").doesNotContain(API_KEY);
            assertThat(elsewhere).isEmpty();
            assertThat(workosCalls).as("not retried").hasValue(1);
        }

        @Test
        @DisplayName("when an exchange is redirected with 307 then it is not followed either")
        void exchangeNotFollowed() throws Exception {
            WorkOsClient client = clientOf(redirectingTo(307));

            WorkOsException e = catchThrowableOfType(WorkOsException.class,
                    () -> client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null));

            assertThat(e.error()).isEqualTo(WorkOsError.UNEXPECTED);
            assertThat(e.status()).isEqualTo(307);
            assertThat(elsewhere).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given WorkOS answers with a large body")
    class BodySize {

        @Test
        @DisplayName("when the answer is just under 1 MiB then it is read")
        void underTheCapIsRead() throws Exception {
            WorkOsClient client = clientOf(serve(exchange -> answer(exchange, 200, userOfSize(MIB - 16), false)));

            assertThat(client.getUser("user_alice").email()).isEqualTo("alice@acme.test");
        }

        @Test
        @DisplayName("when its Content-Length is over 1 MiB then workos_malformed_response, not retried")
        void declaredTooLarge() throws Exception {
            AtomicLong calls = new AtomicLong();
            WorkOsClient client = clientOf(serve(exchange -> {
                calls.incrementAndGet();
                answer(exchange, 200, userOfSize(MIB + 16), false);
            }));

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice"));

            assertThat(e.error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("larger than");
            assertThat(calls).hasValue(1);
        }

        @Test
        @DisplayName("when a chunked answer grows over 1 MiB then workos_malformed_response")
        void chunkedTooLarge() throws Exception {
            WorkOsClient client = clientOf(serve(exchange -> answer(exchange, 200, userOfSize(MIB + 16), true)));

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice"));

            assertThat(e.error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
        }

        @Test
        @DisplayName("when an error answer is over 1 MiB then workos_malformed_response too")
        void errorTooLarge() throws Exception {
            WorkOsClient client = clientOf(serve(exchange -> answer(exchange, 400, userOfSize(2 * MIB), true)));

            WorkOsException e = catchThrowableOfType(WorkOsException.class,
                    () -> client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null));

            assertThat(e.error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
        }

        @Test
        @DisplayName("when the answer never ends then reading stops near the cap instead of draining it")
        void endlessAnswerIsCut() throws Exception {
            AtomicLong written = new AtomicLong();
            WorkOsClient client = clientOf(serve(exchange -> {
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                byte[] chunk = ("{\"pad\":\"" + "x".repeat(64 * 1024) + "\",").getBytes(StandardCharsets.US_ASCII);
                try {
                    // 256 MiB at most, so a client that drains the answer still ends the test, and fails it.
                    while (written.get() < 256L * MIB) {
                        body.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closedByTheClient) {
                    // expected: the client hung up
                }
            }));

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice"));

            assertThat(e.error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
            // Whatever the socket buffers held beyond the 1 MiB read; far from the 256 MiB a drain would take.
            assertThat(written.get()).isLessThan(64L * MIB);
        }
    }

    @Nested
    @DisplayName("Given a user with more memberships than the client pages through")
    class MembershipPages {

        @Test
        @DisplayName("when listed then 10 pages of 100 are read, and no more")
        void pagingIsCapped() throws Exception {
            try (WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0)) {
                String user = workos.addUser("many@orgs.test", "Demo-pass-1!", "Many", "Orgs");
                for (int i = 1; i <= 1050; i++) {
                    String organization = String.format("org_many_%04d", i);
                    workos.addOrganization(organization, "Many " + i);
                    workos.addMembership(user, organization, "viewer");
                }
                WorkOsClient client = new WorkOsClient(http,
                        WorkOsSettings.of(workos.baseUrl(), workos.apiKey(), workos.clientId()));

                List<WorkOsMembership> memberships = client.memberships(user);

                assertThat(memberships).hasSize(1000);
                assertThat(memberships.get(999).organizationId()).isEqualTo("org_many_1000");
                assertThat(workos.calls().count(Endpoint.MEMBERSHIPS)).isEqualTo(10);
            }
        }

        @Test
        @DisplayName("when a cursor keeps pointing on then the listing still stops after 10 pages")
        void endlessCursorIsCapped() throws Exception {
            AtomicLong pages = new AtomicLong();
            WorkOsClient client = clientOf(serve(exchange -> {
                long page = pages.incrementAndGet();
                // A next page every time, up to 50, so a client without the cap ends the test too, and fails it.
                String after = page < 50 ? "\"om_" + page + "\"" : "null";
                answer(exchange, 200, ("{\"data\":[{\"id\":\"om_" + page + "\",\"user_id\":\"user_1\","
                        + "\"organization_id\":\"org_" + page + "\",\"status\":\"active\"}],"
                        + "\"list_metadata\":{\"before\":null,\"after\":" + after + "}}")
                        .getBytes(StandardCharsets.US_ASCII), false);
            }));

            assertThat(client.memberships("user_1")).hasSize(10);
            assertThat(pages).hasValue(10);
        }
    }
}
