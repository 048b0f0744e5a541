package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.CallLog;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TwoNodeCluster;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WorkOS event consumer on two nodes: each node's timer ticks every second, Keycloak's cluster-wide task lock
 * lets one node read WorkOS's events at a time, and the cursor is in the shared database. Which node polled and
 * which handled an event is read from the nodes' logs (the consumer's package logs at debug level on the cluster).
 * The last test kills a node; the next cluster class starts it again ({@link TwoNodeCluster#bothNodesUp()}).
 */
@Tag("cluster")
@ExtendWith(TesCluster.class)
@DisplayName("WorkOS events on two clustered nodes: one reader at a time, taken over when it dies")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEventsIT {

    private static final String PASSWORD = "Events-pass-1!";
    private static final String POLLS = "polls WorkOS events";
    private static final String REFUSED = "Another node is polling WorkOS events";
    private static final Pattern HANDLED = Pattern.compile("WorkOS event (\\S+) \\((\\S+)\\) handled in realm");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /**
     * The lifespan of the cluster lock a poll takes (the consumer's minimum, as the poll interval is 1 s). A dead
     * node's lock goes sooner: Keycloak removes the locks of the nodes a new cluster view leaves out.
     */
    private static final Duration LOCK = Duration.ofSeconds(30);

    private static TwoNodeCluster cluster() {
        return TesCluster.cluster();
    }

    /** A WorkOS user in Acme, signed in once through node B so that Keycloak has the user; returns the WorkOS id. */
    private static String signedInUser(String email) throws Exception {
        String id = cluster().workos().addUser(email, PASSWORD, "Before", "Events");
        cluster().workos().addMembership(id, "org_acme", "viewer");
        HttpResponse<String> signIn = new Oidc(cluster().b().realmUrl(TesCluster.REALM)).token(Map.of(
                "grant_type", "password", "client_id", "tes-backend", "client_secret", cluster().backendSecret(),
                "username", email, "password", PASSWORD, "scope", "openid"));
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        return id;
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@cluster-events.test";
    }

    private static String firstName(KeycloakAdmin admin, String email) throws Exception {
        return admin.get("/realms/tes/users?exact=true&email=" + email).get(0).path("firstName").asText();
    }

    private static String log(KeycloakServer node) throws IOException {
        return Files.readString(node.settings().logFile(), StandardCharsets.UTF_8);
    }

    /** How many times the node has taken the poll's cluster lock since that point of its log. */
    private static long pollsSince(KeycloakServer node, int from) throws IOException {
        return linesSince(node, from, POLLS);
    }

    private static long linesSince(KeycloakServer node, int from, String text) throws IOException {
        String log = log(node);
        return log.substring(Math.min(from, log.length())).lines().filter(line -> line.contains(text)).count();
    }

    /**
     * How often each event id was handled, over every log of the run (a killed node's included). The line is written
     * before the poll's transaction commits: a node killed between the two leaves an event the survivor handles
     * again, rightly, so only events no node died over are checked.
     */
    private static Map<String, Integer> handledCounts() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Path log : cluster().logs()) {
            Matcher handled = HANDLED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            while (handled.find()) {
                counts.merge(handled.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    @Order(1)
    @DisplayName("Given both nodes up and each read of WorkOS events slowed to 1.5 s then no two reads overlap and "
            + "a change is applied once")
    void oneNodeReadsAtATime() throws Exception {
        String email = email("overlap");
        String id = signedInUser(email);
        Duration latency = Duration.ofMillis(1500);
        cluster().workos().faults().set(Endpoint.EVENTS, Fault.latency(latency.toMillis()));
        cluster().workos().calls().clear();
        int fromA = log(cluster().a()).length();
        int fromB = log(cluster().b()).length();

        cluster().workos().changeNames(id, "Overlap", "Events");
        String event = cluster().workos().latestEventId("user.updated");
        Eventually.within(LIMIT, "the new name on node A", () -> "Overlap".equals(firstName(cluster().adminOnA(),
                email)));
        // Each node's timer fires every second: without the lock, reads of 1.5 s from two nodes would overlap.
        Eventually.within(LIMIT, "eight reads", () -> cluster().workos().calls().count(Endpoint.EVENTS) >= 8);

        List<CallLog.Call> reads = cluster().workos().calls().of(Endpoint.EVENTS);
        for (int i = 1; i < reads.size(); i++) {
            // A read ends at least its latency after it started, which is after the previous read ended.
            assertThat(Duration.between(reads.get(i - 1).at(), reads.get(i).at()))
                    .as("between the ends of reads %d and %d", i - 1, i).isGreaterThanOrEqualTo(latency);
        }
        long pollsOnA = pollsSince(cluster().a(), fromA);
        long pollsOnB = pollsSince(cluster().b(), fromB);
        long refused = linesSince(cluster().a(), fromA, REFUSED) + linesSince(cluster().b(), fromB, REFUSED);
        System.out.printf("WorkOS events read %d times: node A took the lock %d times, node B %d; a tick found it "
                + "taken %d times%n", reads.size(), pollsOnA, pollsOnB, refused);
        // Both timers were ticking: reads stayed apart because the lock turned ticks away, not by luck.
        assertThat(refused).isPositive();
        assertThat(handledCounts()).containsEntry(event, 1);
    }

    @Test
    @Order(2)
    @DisplayName("Given the node reading WorkOS events killed with SIGKILL mid-read, holding the cluster lock, then "
            + "the other node takes over, reads on from the database cursor and applies a later change once")
    void survivorTakesOverFromTheCursor() throws Exception {
        String email = email("takeover");
        String id = signedInUser(email);
        cluster().workos().changeNames(id, "Earlier", "Events");
        String earlier = cluster().workos().latestEventId("user.updated");
        Eventually.within(LIMIT, "the earlier change applied", () -> "Earlier".equals(firstName(
                cluster().adminOnB(), email)));
        cluster().workos().faults().set(Endpoint.EVENTS, Fault.latency(5000));
        int fromA = log(cluster().a()).length();
        int fromB = log(cluster().b()).length();
        Eventually.within(LIMIT, "a node reading WorkOS events", () -> pollsSince(cluster().a(), fromA)
                + pollsSince(cluster().b(), fromB) > 0);
        KeycloakServer poller = pollsSince(cluster().a(), fromA) > 0 ? cluster().a() : cluster().b();
        KeycloakServer survivor = cluster().other(poller);
        int fromSurvivor = log(survivor).length();

        poller.kill();
        long killed = System.nanoTime();
        cluster().workos().faults().clearAll();
        cluster().workos().changeNames(id, "Later", "Events");
        String later = cluster().workos().latestEventId("user.updated");

        KeycloakAdmin admin = new KeycloakAdmin(survivor);
        Eventually.within(LOCK.plus(LIMIT), "the survivor's first read", () -> pollsSince(survivor, fromSurvivor) > 0);
        Duration tookOver = Duration.ofNanos(System.nanoTime() - killed);
        Eventually.within(LIMIT, "the later change applied by the survivor", () -> "Later".equals(firstName(admin,
                email)));
        System.out.printf("Node %s killed mid-read; node %s read WorkOS events %d s later%n",
                poller == cluster().a() ? "A" : "B", survivor == cluster().a() ? "A" : "B", tookOver.toSeconds());

        // The survivor read on after the cursor the dead node's earlier poll committed: the earlier event was not
        // read again (neither handled nor skipped as handled).
        assertThat(log(survivor).substring(fromSurvivor)).doesNotContain("WorkOS event " + earlier)
                .contains("WorkOS event " + later + " (user.updated) handled");
        assertThat(handledCounts()).containsEntry(earlier, 1).containsEntry(later, 1);
        JsonNode user = admin.get("/realms/tes/users?exact=true&email=" + email).get(0);
        assertThat(user.path("lastName").asText()).isEqualTo("Events");
    }
}
