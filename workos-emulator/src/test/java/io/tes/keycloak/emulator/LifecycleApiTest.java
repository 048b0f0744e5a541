package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's lifecycle changes, Events API and webhook")
class LifecycleApiTest {

    private WorkOsEmulator workos;
    private EmulatorClient client;
    private String key;

    @BeforeEach
    void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        client = new EmulatorClient(workos);
        key = workos.apiKey();
    }

    @AfterEach
    void stop() {
        workos.close();
    }

    private EmulatorClient.Reply call(String method, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(workos.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private JsonNode events(String query) throws Exception {
        return client.get("/events" + query, key).json();
    }

    @Nested
    @DisplayName("Given changes through the API")
    class Changes {

        @Test
        @DisplayName("when a membership is created, changed and deleted then each is an event, in order")
        void membershipLifecycle() throws Exception {
            EmulatorClient.Reply created = call("POST", "/user_management/organization_memberships",
                    "{\"user_id\":\"user_alice\",\"organization_id\":\"org_globex\",\"role_slug\":\"viewer\"}");
            String id = created.json().path("id").asText();
            EmulatorClient.Reply changed = call("PUT", "/user_management/organization_memberships/" + id,
                    "{\"role_slug\":\"organizer\"}");
            EmulatorClient.Reply deleted = call("DELETE", "/user_management/organization_memberships/" + id, null);

            assertThat(created.status()).isEqualTo(201);
            assertThat(changed.json().path("role").path("slug").asText()).isEqualTo("organizer");
            assertThat(deleted.status()).isEqualTo(202);
            JsonNode data = events("").path("data");
            assertThat(data.findValuesAsText("event")).containsExactly("organization_membership.created",
                    "organization_membership.updated", "organization_membership.deleted");
            assertThat(data.get(1).path("data").path("id").asText()).isEqualTo(id);
            assertThat(data.get(1).path("data").path("roles").get(0).path("slug").asText()).isEqualTo("organizer");
            assertThat(client.get("/user_management/organization_memberships?user_id=user_alice", key).json()
                    .path("data").findValuesAsText("organization_id")).containsExactly("org_acme");
        }

        @Test
        @DisplayName("when an unknown role or a duplicate membership is asked for then 422 and no event")
        void refusals() throws Exception {
            assertThat(call("POST", "/user_management/organization_memberships",
                    "{\"user_id\":\"user_alice\",\"organization_id\":\"org_globex\",\"role_slug\":\"king\"}")
                    .status()).isEqualTo(422);
            assertThat(call("POST", "/user_management/organization_memberships",
                    "{\"user_id\":\"user_alice\",\"organization_id\":\"org_acme\"}").status()).isEqualTo(422);
            assertThat(call("DELETE", "/user_management/organization_memberships/om_nobody", null).status())
                    .isEqualTo(404);
            assertThat(events("").path("data")).isEmpty();
        }

        @Test
        @DisplayName("when a user is updated then user.updated carries the new fields")
        void userUpdated() throws Exception {
            EmulatorClient.Reply reply = call("PUT", "/user_management/users/user_alice",
                    "{\"first_name\":\"Alicia\",\"last_name\":null,\"email_verified\":false}");

            assertThat(reply.json().path("first_name").asText()).isEqualTo("Alicia");
            JsonNode event = events("?events[]=user.updated").path("data").get(0);
            assertThat(event.path("data").path("first_name").asText()).isEqualTo("Alicia");
            assertThat(event.path("data").path("last_name").isNull()).isTrue();
            assertThat(event.path("data").path("email_verified").asBoolean()).isFalse();
        }

        @Test
        @DisplayName("when a user is deleted then their memberships end first, then user.deleted")
        void userDeleted() throws Exception {
            assertThat(call("DELETE", "/user_management/users/user_bob", null).status()).isEqualTo(202);

            assertThat(events("").path("data").findValuesAsText("event")).containsExactly(
                    "organization_membership.deleted", "organization_membership.deleted", "user.deleted");
            assertThat(client.get("/user_management/users/user_bob", key).status()).isEqualTo(404);
            assertThat(client.password("bob@multi.test", "Demo-pass-1!").status()).isNotEqualTo(200);
        }

        @Test
        @DisplayName("when an organization is renamed or deleted then organization.updated or .deleted")
        void organizations() throws Exception {
            assertThat(call("PUT", "/organizations/org_globex", "{\"name\":\"Globex Freight\"}").json()
                    .path("name").asText()).isEqualTo("Globex Freight");
            assertThat(call("GET", "/organizations/org_globex", null).json().path("name").asText())
                    .isEqualTo("Globex Freight");
            assertThat(call("DELETE", "/organizations/org_globex", null).status()).isEqualTo(202);

            assertThat(events("").path("data").findValuesAsText("event")).containsExactly("organization.updated",
                    "organization_membership.deleted", "organization.deleted");
            assertThat(call("GET", "/organizations/org_globex", null).status()).isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("Given the Events API")
    class EventsApi {

        @Test
        @DisplayName("when read with events[], after and limit then pages follow in order without gaps")
        void paging() throws Exception {
            workos.changeNames("user_alice", "A", "One");
            workos.removeMembership("user_bob", "org_globex");
            workos.changeNames("user_alice", "A", "Two");
            workos.changeNames("user_alice", "A", "Three");

            JsonNode first = events("?events[]=user.updated&events[]=user.deleted&limit=2");
            String cursor = first.path("list_metadata").path("after").asText();
            JsonNode second = events("?events[]=user.updated&limit=2&after=" + cursor);
            JsonNode third = events("?events[]=user.updated&limit=2&after="
                    + second.path("list_metadata").path("after").asText());

            assertThat(first.path("data").findValuesAsText("last_name")).containsExactly("One", "Two");
            assertThat(cursor).isEqualTo(first.path("data").get(1).path("id").asText());
            assertThat(second.path("data").findValuesAsText("last_name")).containsExactly("Three");
            assertThat(third.path("data")).isEmpty();
            assertThat(third.path("list_metadata").path("after").isNull()).isTrue();
        }

        @Test
        @DisplayName("when read without the API key or with a bad limit then 401 or 422")
        void refusals() throws Exception {
            assertThat(client.get("/events", null).status()).isEqualTo(401);
            assertThat(client.get("/events?limit=101", key).status()).isEqualTo(422);
        }

        @Test
        @DisplayName("when a fault is set on the events endpoint then it answers the fault")
        void faults() throws Exception {
            workos.faults().set(Endpoint.EVENTS, Fault.status(503).times(1));

            assertThat(client.get("/events", key).status()).isEqualTo(503);
            assertThat(client.get("/events", key).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("Given a webhook")
    class Webhook {

        @Test
        @DisplayName("when an event is recorded then it is posted with a signature over timestamp and body")
        void delivers() throws Exception {
            BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/hook", exchange -> {
                received.add(Map.of("signature", exchange.getRequestHeaders().getFirst("WorkOS-Signature"),
                        "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            receiver.start();
            try {
                client.put("/__emulator/webhook", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hook\",\"secret\":\"whsec\"}");
                workos.renameOrganization("org_acme", "Acme Two");
                Map<String, String> first = received.poll(10, TimeUnit.SECONDS);
                workos.redeliver(workos.latestEventId("organization.updated"));
                Map<String, String> again = received.poll(10, TimeUnit.SECONDS);

                assertThat(first).isNotNull();
                String signature = first.get("signature");
                long timestamp = Long.parseLong(signature.substring(2, signature.indexOf(',')));
                assertThat(signature).isEqualTo(WorkOsEmulator.webhookSignature("whsec", timestamp,
                        first.get("body").getBytes(StandardCharsets.UTF_8)));
                assertThat(EmulatorClient.MAPPER.readTree(first.get("body")).path("event").asText())
                        .isEqualTo("organization.updated");
                assertThat(again).isNotNull();
                long deadline = System.currentTimeMillis() + 5_000;
                while (workos.webhookDeliveries().size() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(again.get("body")).isEqualTo(first.get("body"));
                assertThat(workos.webhookDeliveries()).extracting(d -> d.get("status")).containsExactly(200, 200);
                assertThat(client.get("/__emulator/webhook", null).json().path("deliveries")).hasSize(2);
            } finally {
                receiver.stop(0);
            }
        }

        @Test
        @DisplayName("when no webhook is set then nothing is delivered and a resend is refused")
        void none() throws Exception {
            workos.renameOrganization("org_acme", "Acme Two");

            assertThat(workos.webhookDeliveries()).isEmpty();
            assertThat(client.send(HttpRequest.newBuilder(URI.create(workos.baseUrl() + "/__emulator/webhook/"
                    + workos.latestEventId("organization.updated"))).POST(HttpRequest.BodyPublishers.noBody())
                    .build()).status()).isEqualTo(409);
            assertThat(List.of(workos.events().size())).containsExactly(1);
        }
    }
}
