package io.tes.keycloak.workos.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.testing.FakeAuthSession;
import io.tes.keycloak.workos.client.WorkOsUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PendingSelection")
class PendingSelectionTest {

    private static final WorkOsUser BOB = new WorkOsUser("user_bob", "bob@multi.test", true, "Bob", "Multi");
    private static final List<Organization> OFFERED = List.of(Organization.of("org_acme", "Acme Recycling"),
            Organization.of("org_globex", null));

    private final FakeAuthSession session = new FakeAuthSession();

    private void handOver() {
        PendingSelection.handOver(session.model, "workos",
                new HandOver(HandOver.Kind.ORGANIZATION_SELECTION, "pending_secret", BOB, OFFERED), "kc-bob");
    }

    @Nested
    @DisplayName("Given a hand-over")
    class RoundTrip {

        @Test
        @DisplayName("then peek reads back token, organizations, WorkOS user and provider, and leaves it there")
        void peek() {
            handOver();

            PendingSelection first = PendingSelection.peek(session.model).orElseThrow();
            PendingSelection again = PendingSelection.peek(session.model).orElseThrow();

            assertThat(first.pendingToken()).isEqualTo("pending_secret");
            assertThat(first.organizations()).isEqualTo(OFFERED);
            assertThat(first.workosUserId()).isEqualTo("user_bob");
            assertThat(first.providerAlias()).isEqualTo("workos");
            assertThat(again.pendingToken()).isEqualTo("pending_secret");
            assertThat(first.toString()).doesNotContain("pending_secret");
        }

        @Test
        @DisplayName("then it is one client note, which survives the first-broker-login flow, not an auth note")
        void clientNote() {
            handOver();

            assertThat(session.clientNotes).containsOnlyKeys(PendingSelection.NOTE);
            assertThat(session.authNotes).isEmpty();
        }

        @Test
        @DisplayName("when taken then it is returned once and gone: the pending token is single-use")
        void takeOnce() {
            handOver();

            assertThat(PendingSelection.take(session.model)).map(PendingSelection::pendingToken)
                    .hasValue("pending_secret");
            assertThat(PendingSelection.take(session.model)).isEmpty();
            assertThat(PendingSelection.peek(session.model)).isEmpty();
            assertThat(session.clientNotes).doesNotContainKey(PendingSelection.NOTE);
        }

        @Test
        @DisplayName("when an organization was settled before then the hand-over forgets it")
        void clearsSettledOrganization() {
            SelectedOrganization.keep(session.model, Organization.of("org_acme", "Acme"), SelectionReason.SINGLE);

            handOver();

            assertThat(SelectedOrganization.settled(session.model)).isFalse();
            assertThat(SelectedOrganization.id(session.model)).isNull();
            assertThat(session.clientNotes).containsOnlyKeys(PendingSelection.NOTE);
        }

        @Test
        @DisplayName("when the hand-over has no user then none is read back")
        void noUser() {
            PendingSelection.handOver(session.model, "workos",
                    new HandOver(HandOver.Kind.ORGANIZATION_SELECTION, "t", null, OFFERED), null);

            assertThat(PendingSelection.peek(session.model).orElseThrow().workosUserId()).isNull();
        }
    }

    @Nested
    @DisplayName("Given no usable note")
    class Unusable {

        @Test
        @DisplayName("when there is none then peek and take find nothing")
        void none() {
            assertThat(PendingSelection.peek(session.model)).isEmpty();
            assertThat(PendingSelection.take(session.model)).isEmpty();
        }

        @Test
        @DisplayName("when the note is not JSON then it is ignored, and take still removes it")
        void unreadable() {
            session.clientNotes.put(PendingSelection.NOTE, "{not json");

            assertThat(PendingSelection.peek(session.model)).isEmpty();
            assertThat(PendingSelection.take(session.model)).isEmpty();
            assertThat(session.clientNotes).doesNotContainKey(PendingSelection.NOTE);
        }

        @Test
        @DisplayName("when an organization in the note has no id then the note is ignored")
        void organizationWithoutId() {
            session.clientNotes.put(PendingSelection.NOTE,
                    "{\"token\":\"t\",\"organizations\":[{\"id\":\"\",\"name\":\"x\"}]}");

            assertThat(PendingSelection.peek(session.model)).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given a hand-over bound to bob")
    class Binding {

        @Test
        @DisplayName("then it belongs to bob's link and Keycloak user only")
        void belongsToItsUser() {
            handOver();
            PendingSelection pending = PendingSelection.peek(session.model).orElseThrow();

            assertThat(pending.keycloakUserId()).isEqualTo("kc-bob");
            assertThat(pending.belongsTo(BOB.id(), "kc-bob")).isTrue();
            assertThat(pending.belongsTo("user_alice", "kc-bob")).isFalse();
            assertThat(pending.belongsTo(BOB.id(), "kc-alice")).isFalse();
            assertThat(pending.belongsTo(null, "kc-bob")).isFalse();
        }

        @Test
        @DisplayName("when no Keycloak user was known at hand-over (hosted page) then the WorkOS link alone decides")
        void hostedHandOverBindsByLink() {
            PendingSelection.handOver(session.model, "workos",
                    new HandOver(HandOver.Kind.ORGANIZATION_SELECTION, "t", BOB, OFFERED), null);
            PendingSelection pending = PendingSelection.peek(session.model).orElseThrow();

            assertThat(pending.belongsTo(BOB.id(), "kc-anyone")).isTrue();
            assertThat(pending.belongsTo("user_alice", "kc-anyone")).isFalse();
        }
    }
}
