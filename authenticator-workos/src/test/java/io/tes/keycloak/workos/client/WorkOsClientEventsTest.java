package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsClient.events")
class WorkOsClientEventsTest {

    private WorkOsEmulator workos;
    private CloseableHttpClient http;
    private final List<Duration> sleeps = new ArrayList<>();
    private WorkOsClient client;

    @BeforeEach
    void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        http = HttpClients.createDefault();
        client = new WorkOsClient(http, new WorkOsSettings(workos.baseUrl(), workos.apiKey(), workos.clientId(),
                Duration.ofSeconds(1), Duration.ofMillis(500), 3), sleeps::add);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        workos.close();
    }

    @Test
    @DisplayName("Given events of several types when read with types and a cursor then only those after it, typed")
    void readsAfterTheCursor() throws Exception {
        workos.changeNames("user_alice", "Al", "Ice");
        workos.renameOrganization("org_acme", "Acme Two");
        workos.removeMembership("user_bob", "org_globex");

        WorkOsEventPage all = client.events(null, List.of("user.updated", "organization_membership.deleted"), null);
        WorkOsEventPage after = client.events(all.events().get(0).id(), List.of("organization_membership.deleted"),
                null);

        assertThat(all.events()).extracting(WorkOsEvent::type)
                .containsExactly("user.updated", "organization_membership.deleted");
        assertThat(all.events().get(0).user().firstName()).isEqualTo("Al");
        assertThat(all.events().get(1).membership().organizationId()).isEqualTo("org_globex");
        assertThat(all.after()).isEqualTo(all.events().get(1).id());
        assertThat(after.events()).extracting(WorkOsEvent::id).containsExactly(all.events().get(1).id());
        assertThat(client.events(null, List.of("user.updated"), Instant.now().plusSeconds(60)).events()).isEmpty();
    }

    @Test
    @DisplayName("Given WorkOS answering 503 once when events are read then the read is retried")
    void retried() throws Exception {
        workos.faults().set(Endpoint.EVENTS, Fault.status(503).times(1));

        assertThat(client.events(null, List.of("user.deleted"), null).events()).isEmpty();
        assertThat(sleeps).hasSize(1);
    }

    @Test
    @DisplayName("Given WorkOS down when events are read then workos_server_error after the read attempts")
    void down() {
        workos.faults().set(Endpoint.EVENTS, Fault.status(503));

        WorkOsException failure = catchThrowableOfType(WorkOsException.class,
                () -> client.events(null, List.of("user.deleted"), null));

        assertThat(failure.error()).isEqualTo(WorkOsError.SERVER_ERROR);
        assertThat(workos.calls().count(Endpoint.EVENTS)).isEqualTo(3);
    }
}
