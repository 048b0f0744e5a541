package io.tes.keycloak.workos.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.testing.FakeAuthSession;
import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.WorkOsUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsNotes.keep")
class WorkOsNotesTest {

    private static final WorkOsUser BOB = new WorkOsUser("user_bob", "bob@multi.test", true, "Bob", "Multi");
    private static final Organization ACME = new Organization("org_acme", "Acme Recycling", List.of("organizer"));

    private final FakeAuthSession session = new FakeAuthSession();

    private static SignInResult signedIn(Organization organization, String refreshToken, String sessionId) {
        String organizationId = organization == null ? null : organization.id();
        Authentication authentication = new Authentication(BOB, organizationId, "access", refreshToken, "Password");
        AccessTokenClaims claims = new AccessTokenClaims("user_bob", sessionId, organizationId,
                organization == null ? List.of() : organization.roles(), List.of());
        return SignInResult.signedIn(authentication, organization,
                organization == null ? null : SelectionReason.USER, claims);
    }

    @Nested
    @DisplayName("Given a sign-in in an organization")
    class WithOrganization {

        @Test
        @DisplayName("then the refresh token is a user-session note, session id and organization are client notes")
        void writesNotes() {
            WorkOsNotes.keep(session.model, signedIn(ACME, "refresh_secret", "session_1"));

            assertThat(session.userSessionNotes).containsOnly(
                    entry(WorkOsNotes.WORKOS_REFRESH_TOKEN, "refresh_secret"));
            assertThat(session.clientNotes).containsEntry(WorkOsNotes.WORKOS_SESSION_ID, "session_1")
                    .containsEntry(SelectedOrganization.ID_NOTE, "org_acme")
                    .containsEntry(SelectedOrganization.NAME_NOTE, "Acme Recycling")
                    .containsEntry(SelectedOrganization.ROLES_NOTE, "organizer")
                    .containsEntry(SelectedOrganization.REASON_NOTE, "user")
                    .doesNotContainValue("refresh_secret");
            assertThat(SelectedOrganization.settled(session.model)).isTrue();
            assertThat(session.authNotes).isEmpty();
        }

        @Test
        @DisplayName("when WorkOS gave no refresh token or session id then those notes are not written")
        void missingTokenAndSession() {
            WorkOsNotes.keep(session.model, signedIn(ACME, null, null));

            assertThat(session.userSessionNotes).isEmpty();
            assertThat(session.clientNotes).doesNotContainKey(WorkOsNotes.WORKOS_SESSION_ID)
                    .containsEntry(SelectedOrganization.ID_NOTE, "org_acme");
        }

        @Test
        @DisplayName("when a hand-over was pending then it is consumed")
        void consumesHandOver() {
            PendingSelection.handOver(session.model, "workos", new HandOver(HandOver.Kind.ORGANIZATION_SELECTION,
                    "pending_secret", BOB, List.of(ACME, Organization.of("org_globex", null))), null);

            WorkOsNotes.keep(session.model, signedIn(ACME, "refresh_secret", "session_1"));

            assertThat(PendingSelection.peek(session.model)).isEmpty();
            assertThat(session.clientNotes).doesNotContainKey(PendingSelection.NOTE);
        }
    }

    @Nested
    @DisplayName("Given a sign-in without organization")
    class WithoutOrganization {

        @Test
        @DisplayName("then settled with none, and an organization kept earlier in this session is forgotten")
        void keepsNone() {
            SelectedOrganization.keep(session.model, ACME, SelectionReason.HINT);

            WorkOsNotes.keep(session.model, signedIn(null, "refresh_secret", "session_1"));

            assertThat(SelectedOrganization.settled(session.model)).isTrue();
            assertThat(SelectedOrganization.id(session.model)).isNull();
            assertThat(session.clientNotes).doesNotContainKeys(SelectedOrganization.NAME_NOTE,
                    SelectedOrganization.ROLES_NOTE, SelectedOrganization.REASON_NOTE)
                    .containsEntry(WorkOsNotes.WORKOS_SESSION_ID, "session_1");
        }
    }
}
