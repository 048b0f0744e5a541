package io.tes.keycloak.organization.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tes.keycloak.organization.testing.FakeAuthSession;
import io.tes.keycloak.organization.testing.RecordedEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OrganizationEvents")
class OrganizationEventsTest {

    private final FakeAuthSession session = new FakeAuthSession();
    private final RecordedEvent event = new RecordedEvent();

    @Nested
    @DisplayName("Given details carried to a later request")
    class Carried {

        @Test
        @DisplayName("when applied then every carried detail lands on the event, in the order carried")
        void roundTrip() {
            OrganizationEvents.carry(session.model, "workos_user_id", "user_bob");
            OrganizationEvents.carry(session.model, OrganizationEvents.ORGANIZATION_ID, "org_acme");

            OrganizationEvents.applyCarried(session.model, event.builder);

            assertThat(event.details).containsExactly(entry("workos_user_id", "user_bob"),
                    entry("organization_id", "org_acme"));
            assertThat(event.errors).isEmpty();
        }

        @Test
        @DisplayName("when a key is carried twice then the later value wins")
        void laterValueWins() {
            OrganizationEvents.carry(session.model, "workos_user_id", "user_alice");
            OrganizationEvents.carry(session.model, "workos_user_id", "user_bob");

            OrganizationEvents.applyCarried(session.model, event.builder);

            assertThat(event.details).containsOnly(entry("workos_user_id", "user_bob"));
        }

        @Test
        @DisplayName("then they live in one client note, which survives broker flows")
        void keptAsClientNote() {
            OrganizationEvents.carry(session.model, "k", "v");

            assertThat(session.clientNotes).containsOnlyKeys(OrganizationEvents.CARRIED_NOTE);
            assertThat(session.authNotes).isEmpty();
        }

        @Test
        @DisplayName("when cleared then nothing is applied any more")
        void cleared() {
            OrganizationEvents.carry(session.model, "k", "v");

            OrganizationEvents.clearCarried(session.model);
            OrganizationEvents.applyCarried(session.model, event.builder);

            assertThat(event.details).isEmpty();
            assertThat(session.clientNotes).isEmpty();
        }

        @Test
        @DisplayName("when the note is unreadable then nothing is applied, and carrying starts afresh")
        void unreadableNote() {
            session.clientNotes.put(OrganizationEvents.CARRIED_NOTE, "{not json");

            OrganizationEvents.applyCarried(session.model, event.builder);
            OrganizationEvents.carry(session.model, "k", "v");
            RecordedEvent later = new RecordedEvent();
            OrganizationEvents.applyCarried(session.model, later.builder);

            assertThat(event.details).isEmpty();
            assertThat(later.details).containsOnly(entry("k", "v"));
        }

        @Test
        @DisplayName("when nothing was carried then the event is returned untouched")
        void nothingCarried() {
            assertThat(OrganizationEvents.applyCarried(session.model, event.builder)).isSameAs(event.builder);
            assertThat(event.details).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given a chosen organization")
    class Chosen {

        @Test
        @DisplayName("then the event gets its id and the reason's code")
        void chosenDetails() {
            OrganizationEvents.chosen(event.builder, Organization.of("org_acme", "Acme"), SelectionReason.REMEMBERED);

            assertThat(event.details).containsExactly(entry("organization_id", "org_acme"),
                    entry("organization_reason", "remembered"));
        }
    }
}
