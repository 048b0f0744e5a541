package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.CallLog;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How WorkOS events arrive: the signed webhook, replays and duplicates, and polling while WorkOS is down. */
@ExtendWith(TesKeycloak.class)
@DisplayName("WorkOS events: webhook signature, replayed and duplicated events, WorkOS down while polling")
class WorkOsEventDeliveryIT {

    private static final String PASSWORD = "Event-pass-1!";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    private static WorkOsEmulator workos() {
        return TesKeycloak.env().workos;
    }

    private static String webhookUrl() {
        return TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM) + "/tes-workos-webhook";
    }

    @AfterEach
    void cleanUp() {
        workos().webhook(null, null);
        workos().faults().clearAll();
    }

    private int postWebhook(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("WorkOS-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A signed-in WorkOS user (in Acme); returns the WorkOS user id. */
    private static String signedInUser(String email) throws Exception {
        String id = workos().addUser(email, PASSWORD, "First", "Last");
        workos().addMembership(id, "org_acme", "viewer");
        Logins.passwordForm("tes-web", email, PASSWORD).tokens();
        return id;
    }

    private static JsonNode keycloakUser(String email) throws Exception {
        return TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email).get(0);
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@delivery.test";
    }

    @Test
    @DisplayName("Given a webhook call with a forged, stale or missing signature then 401 and nothing changes;"
            + " signed with the secret then 200")
    void forgedOrStaleSignatureRefused() throws Exception {
        String email = email("forged");
        String id = signedInUser(email);
        String body = "{\"object\":\"event\",\"id\":\"event_zz_forged_" + UUID.randomUUID() + "\",\"event\":"
                + "\"user.deleted\",\"data\":{\"object\":\"user\",\"id\":\"" + id + "\",\"email\":\"" + email
                + "\",\"email_verified\":true},\"created_at\":\"" + Instant.now() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();

        assertThat(postWebhook(body, WorkOsEmulator.webhookSignature("whsec_forged", now, bytes))).isEqualTo(401);
        assertThat(postWebhook(body, WorkOsEmulator.webhookSignature(TestEnvironment.WEBHOOK_SECRET,
                now - Duration.ofMinutes(10).toMillis(), bytes))).isEqualTo(401);
        assertThat(postWebhook(body, null)).isEqualTo(401);
        assertThat(postWebhook(body.replace("user.deleted", "user.updated"),
                WorkOsEmulator.webhookSignature(TestEnvironment.WEBHOOK_SECRET, now, bytes))).isEqualTo(401);
        assertThat(keycloakUser(email).path("enabled").asBoolean()).isTrue();
        assertThat(Files.readString(TestEnvironment.path("tes.keycloak.log")))
                .contains("workos_webhook_signature_refused");

        assertThat(postWebhook(body, WorkOsEmulator.webhookSignature(TestEnvironment.WEBHOOK_SECRET, now, bytes)))
                .isEqualTo(200);
        assertThat(keycloakUser(email).path("enabled").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("Given an event delivered by webhook and polled too, then resent, then it is handled once: a local"
            + " change made after it stays")
    void replayedAndDuplicatedEventHandledOnce() throws Exception {
        workos().webhook(webhookUrl(), TestEnvironment.WEBHOOK_SECRET);
        String email = email("replay");
        String id = signedInUser(email);
        String userId = keycloakUser(email).path("id").asText();

        workos().changeNames(id, "Webhook", "Delivered");
        String eventId = workos().latestEventId("user.updated");
        Eventually.within(LIMIT, "names synced", () -> "Webhook".equals(keycloakUser(email).path("firstName")
                .asText()));
        Eventually.within(LIMIT, "the webhook answered 200", () -> workos().webhookDeliveries().stream()
                .anyMatch(d -> eventId.equals(d.get("event_id")) && Integer.valueOf(200).equals(d.get("status"))));
        // The poller has read past the event too once a later one is handled.
        Eventually.pause(Duration.ofSeconds(2L * TestEnvironment.EVENTS_POLL_SECONDS + 1));
        JsonNode user = keycloakUser(email);
        ((com.fasterxml.jackson.databind.node.ObjectNode) user).put("firstName", "Local");
        assertThat(TesKeycloak.env().admin.put("/realms/tes/users/" + userId, user).statusCode()).isEqualTo(204);

        workos().redeliver(eventId);
        Eventually.within(LIMIT, "the resent event answered", () -> workos().webhookDeliveries().stream()
                .filter(d -> eventId.equals(d.get("event_id"))).count() == 2);
        Eventually.pause(Duration.ofSeconds(2L * TestEnvironment.EVENTS_POLL_SECONDS + 1));

        assertThat(workos().webhookDeliveries().stream().filter(d -> eventId.equals(d.get("event_id")))
                .map(d -> d.get("status"))).containsExactly(200, 200);
        assertThat(keycloakUser(email).path("firstName").asText()).isEqualTo("Local");
    }

    @Test
    @DisplayName("Given WorkOS down while polling then no event is lost: polls back off, the cursor stays, and the"
            + " change arrives once WorkOS answers again")
    void workOsDownNoEventLost() throws Exception {
        String email = email("down");
        String id = signedInUser(email);
        Path log = TestEnvironment.path("tes.keycloak.log");
        long logBefore = Files.size(log);
        workos().faults().set(Endpoint.EVENTS, Fault.status(503));
        workos().calls().clear();

        workos().changeNames(id, "While", "Down");
        Eventually.pause(Duration.ofSeconds(20));
        List<CallLog.Call> failed = workos().calls().of(Endpoint.EVENTS);
        assertThat(keycloakUser(email).path("firstName").asText()).isEqualTo("First");
        assertThat(failed).isNotEmpty().allMatch(call -> call.status() == 503);
        // Each poll that failed waited longer than the one before; once the events endpoint's circuit opened
        // (after the provider's five failures in a row, the first polls' read attempts), the polls went on without
        // calling WorkOS until the cool-down ends.
        List<Long> waits = pollWaits(newLogText(log, logBefore));
        assertThat(waits).as("seconds to the next poll").hasSizeGreaterThanOrEqualTo(3);
        assertThat(waits.get(waits.size() - 1)).isGreaterThan(waits.get(0));
        assertThat(newLogText(log, logBefore)).contains("(workos_circuit_open, ");

        workos().faults().clearAll();
        // The circuit's cool-down (30 s), then the longest wait between polls, then the poll itself.
        Eventually.within(Duration.ofSeconds(30 + TestEnvironment.EVENTS_BACKOFF_MAX_SECONDS + 20L), "names synced",
                () -> "While".equals(keycloakUser(email).path("firstName").asText()));
        assertThat(Files.readString(log)).contains("workos_events_poll_failed");
    }

    private static String newLogText(Path log, long from) throws Exception {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
    }

    /** The waits the consumer announced after each failed poll of realm tes ("next poll in N s"), in order. */
    private static List<Long> pollWaits(String logText) {
        List<Long> waits = new ArrayList<>();
        Matcher m = Pattern.compile("reading WorkOS events for realm tes failed .*? next poll in (\\d+) s")
                .matcher(logText);
        while (m.find()) {
            waits.add(Long.parseLong(m.group(1)));
        }
        return waits;
    }

}
