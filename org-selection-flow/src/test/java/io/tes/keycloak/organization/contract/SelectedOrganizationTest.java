package io.tes.keycloak.organization.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import io.tes.keycloak.organization.testing.FakeAuthSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatedClientSessionModel;

@DisplayName("SelectedOrganization")
class SelectedOrganizationTest {

    private static final Organization ACME = new Organization("org_acme", "Acme Recycling",
            List.of("organizer", "viewer"));

    private final FakeAuthSession session = new FakeAuthSession();

    private static AuthenticatedClientSessionModel clientSession(Map<String, String> notes) {
        AuthenticatedClientSessionModel clientSession = mock(AuthenticatedClientSessionModel.class);
        when(clientSession.getNote(any())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
        return clientSession;
    }

    @Nested
    @DisplayName("Given keep")
    class Keep {

        @Test
        @DisplayName("then id, name, reason, roles (comma-joined, in order) and settled are written")
        void writesEveryNote() {
            SelectedOrganization.keep(session.model, ACME, SelectionReason.HINT);

            assertThat(session.clientNotes).containsOnly(
                    entry(SelectedOrganization.ID_NOTE, "org_acme"),
                    entry(SelectedOrganization.NAME_NOTE, "Acme Recycling"),
                    entry(SelectedOrganization.REASON_NOTE, "hint"),
                    entry(SelectedOrganization.ROLES_NOTE, "organizer,viewer"),
                    entry(SelectedOrganization.SETTLED_NOTE, "true"));
            assertThat(SelectedOrganization.settled(session.model)).isTrue();
            assertThat(SelectedOrganization.id(session.model)).isEqualTo("org_acme");
            assertThat(SelectedOrganization.reason(session.model)).isEqualTo("hint");
        }

        @Test
        @DisplayName("when the organization has no name or roles then both notes are written empty")
        void emptyNameAndRoles() {
            SelectedOrganization.keep(session.model, Organization.of("org_x", null), SelectionReason.SINGLE);

            assertThat(session.clientNotes).containsEntry(SelectedOrganization.NAME_NOTE, "")
                    .containsEntry(SelectedOrganization.ROLES_NOTE, "")
                    .containsEntry(SelectedOrganization.REASON_NOTE, "single");
        }

        @Test
        @DisplayName("when another organization was kept before then nothing of it stays")
        void replacesEarlierOrganization() {
            SelectedOrganization.keep(session.model, ACME, SelectionReason.USER);

            SelectedOrganization.keep(session.model, Organization.of("org_globex", null), SelectionReason.CLIENT);

            assertThat(session.clientNotes).containsEntry(SelectedOrganization.ID_NOTE, "org_globex")
                    .containsEntry(SelectedOrganization.NAME_NOTE, "")
                    .containsEntry(SelectedOrganization.ROLES_NOTE, "")
                    .containsEntry(SelectedOrganization.REASON_NOTE, "client");
        }
    }

    @Nested
    @DisplayName("Given keepNone and clear")
    class KeepNoneAndClear {

        @Test
        @DisplayName("when keepNone follows a kept organization then it is forgotten and the session is settled")
        void keepNoneClearsAndSettles() {
            session.clientNotes.put("unrelated", "stays");
            SelectedOrganization.keep(session.model, ACME, SelectionReason.USER);

            SelectedOrganization.keepNone(session.model);

            assertThat(session.clientNotes).containsOnly(entry(SelectedOrganization.SETTLED_NOTE, "true"),
                    entry("unrelated", "stays"));
            assertThat(SelectedOrganization.settled(session.model)).isTrue();
            assertThat(SelectedOrganization.id(session.model)).isNull();
        }

        @Test
        @DisplayName("when clear follows a kept organization then every note, settled included, is gone")
        void clearRemovesEverything() {
            session.clientNotes.put("unrelated", "stays");
            SelectedOrganization.keep(session.model, ACME, SelectionReason.USER);

            SelectedOrganization.clear(session.model);

            assertThat(session.clientNotes).containsOnly(entry("unrelated", "stays"));
            assertThat(SelectedOrganization.settled(session.model)).isFalse();
        }

        @Test
        @DisplayName("when nothing was written then nothing is settled and no organization is known")
        void freshSession() {
            assertThat(SelectedOrganization.settled(session.model)).isFalse();
            assertThat(SelectedOrganization.id(session.model)).isNull();
            assertThat(SelectedOrganization.reason(session.model)).isNull();
        }

        @Test
        @DisplayName("when the settled note holds anything but 'true' then it is not settled")
        void onlyTrueSettles() {
            session.clientNotes.put(SelectedOrganization.SETTLED_NOTE, "yes");

            assertThat(SelectedOrganization.settled(session.model)).isFalse();
        }
    }

    @Nested
    @DisplayName("Given a client session")
    class ClientSessionReaders {

        @Test
        @DisplayName("then id, name and roles are read from its notes, roles trimmed with empty entries dropped")
        void readsNotes() {
            AuthenticatedClientSessionModel clientSession = clientSession(Map.of(
                    SelectedOrganization.ID_NOTE, "org_acme",
                    SelectedOrganization.NAME_NOTE, "Acme Recycling",
                    SelectedOrganization.ROLES_NOTE, " organizer , ,viewer,"));

            assertThat(SelectedOrganization.id(clientSession)).isEqualTo("org_acme");
            assertThat(SelectedOrganization.name(clientSession)).isEqualTo("Acme Recycling");
            assertThat(SelectedOrganization.roles(clientSession)).containsExactly("organizer", "viewer");
        }

        @Test
        @DisplayName("when the name and roles are empty or blank then no name and no roles")
        void emptyNameAndRoles() {
            AuthenticatedClientSessionModel clientSession = clientSession(Map.of(
                    SelectedOrganization.ID_NOTE, "org_acme",
                    SelectedOrganization.NAME_NOTE, " ",
                    SelectedOrganization.ROLES_NOTE, " "));

            assertThat(SelectedOrganization.name(clientSession)).isNull();
            assertThat(SelectedOrganization.roles(clientSession)).isEmpty();
        }

        @Test
        @DisplayName("when there is no client session or no notes then null and empty, never an exception")
        void missing() {
            AuthenticatedClientSessionModel empty = clientSession(Map.of());

            assertThat(SelectedOrganization.id((AuthenticatedClientSessionModel) null)).isNull();
            assertThat(SelectedOrganization.name(null)).isNull();
            assertThat(SelectedOrganization.roles(null)).isEmpty();
            assertThat(SelectedOrganization.id(empty)).isNull();
            assertThat(SelectedOrganization.roles(empty)).isEmpty();
        }

        @Test
        @DisplayName("when the notes were written by keep then the client session reads the same organization")
        void roundTripThroughKeep() {
            SelectedOrganization.keep(session.model, ACME, SelectionReason.USER);
            AuthenticatedClientSessionModel clientSession = clientSession(Map.copyOf(session.clientNotes));

            assertThat(SelectedOrganization.id(clientSession)).isEqualTo(ACME.id());
            assertThat(SelectedOrganization.name(clientSession)).isEqualTo(ACME.name());
            assertThat(SelectedOrganization.roles(clientSession)).isEqualTo(ACME.roles());
        }
    }
}
