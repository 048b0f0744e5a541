package io.tes.keycloak.organization.selection;

import static io.tes.keycloak.organization.selection.OrganizationSelectionTest.ACME;
import static io.tes.keycloak.organization.selection.OrganizationSelectionTest.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.spi.SourceFailure;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.protocol.LoginProtocol;

@DisplayName("The organization selection step, when the picker is posted or a source fails")
class OrganizationSelectionActionTest {

    private static final String REMEMBERED = RememberedChoice.ATTRIBUTE_PREFIX + SelectionFixture.CLIENT_ID;

    private final SelectionFixture fx = new SelectionFixture();
    private final FakeSource source = fx.register("fake", 50, new FakeSource().offering(ACME, GLOBEX));

    /** The picker was shown for the source's organizations. */
    private void offered() {
        OfferedNote.write(fx.auth.model, new Candidates("fake", List.of(ACME, GLOBEX)), "kc-user-1");
    }

    private void action() {
        new OrganizationSelection().action(fx.context);
    }

    private static SourceFailure unavailable() {
        return new SourceFailure("workos_error", "workos_unavailable", Errors.IDENTITY_PROVIDER_ERROR,
                "workosUnavailable", AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, null);
    }

    @Nested
    @DisplayName("Given a posted organization that was offered")
    class OfferedChoice {

        @Test
        @DisplayName("then the offering source settles it as USER, the offer is gone and the flow succeeds")
        void settlesAsUser() {
            offered();
            fx.post("org_globex");

            action();

            assertThat(source.settled).containsExactly("org_globex:user");
            assertThat(fx.auth.clientNotes).containsEntry(SelectedOrganization.ID_NOTE, "org_globex")
                    .containsEntry(SelectedOrganization.REASON_NOTE, "user");
            assertThat(fx.event.details).containsEntry(OrganizationEvents.ORGANIZATION_ID, "org_globex")
                    .containsEntry(OrganizationEvents.ORGANIZATION_REASON, "user");
            assertThat(fx.auth.authNotes).doesNotContainKey(OfferedNote.NOTE);
            assertThat(fx.userAttributes).isEmpty();
            verify(fx.context).success();
        }

        @Test
        @DisplayName("when the step remembers then the choice is written as the user's attribute for this client")
        void remembersChoice() {
            fx.remember(null);
            offered();
            fx.post("org_globex");

            action();

            assertThat(fx.userAttributes).containsEntry(REMEMBERED, "org_globex");
            verify(fx.context).success();
        }

        @Test
        @DisplayName("when the same choice is remembered already then the attribute is not written again")
        void sameChoiceNotRewritten() {
            fx.remember("org_acme");
            offered();
            fx.post("org_acme");

            action();

            verify(fx.user, never()).setSingleAttribute(anyString(), anyString());
            assertThat(source.settled).containsExactly("org_acme:user");
        }
    }

    @Nested
    @DisplayName("Given a posted organization that was not offered")
    class ForgedChoice {

        @Test
        @DisplayName("then organization_choice_invalid is recorded and the picker comes again, nothing settled")
        void forged() {
            offered();
            fx.post("org_initech");

            action();

            assertThat(fx.event.details).containsEntry(OrganizationEvents.ORGANIZATION_ERROR,
                    SelectionFailure.CHOICE_INVALID);
            assertThat(fx.event.errors).containsExactly(Errors.INVALID_INPUT);
            verify(fx.form).setError("tesOrganizationChoiceInvalid");
            verify(fx.context).challenge(fx.pickerPage);
            verify(fx.context, never()).success();
            verify(fx.context, never()).failure(any(), any());
            assertThat(source.settled).isEmpty();
            assertThat(OfferedNote.read(fx.auth.model, "kc-user-1")).isPresent();
            assertThat(SelectedOrganization.id(fx.auth.model)).isNull();
        }

        @Test
        @DisplayName("when nothing was posted then the same")
        void missing() {
            offered();

            action();

            assertThat(fx.event.details).containsEntry(OrganizationEvents.ORGANIZATION_ERROR,
                    SelectionFailure.CHOICE_INVALID);
            verify(fx.context).challenge(fx.pickerPage);
            assertThat(source.settled).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given no usable offer")
    class NoOffer {

        @Test
        @DisplayName("when nothing was offered in this session then the step starts over: the picker, not the post")
        void noOfferStartsOver() {
            fx.post("org_acme");

            action();

            assertThat(source.settled).isEmpty();
            assertThat(source.candidateCalls).isEqualTo(1);
            verify(fx.context).challenge(fx.pickerPage);
            assertThat(OfferedNote.read(fx.auth.model, "kc-user-1")).isPresent();
        }

        @Test
        @DisplayName("when the offering source is gone then the step starts over with the deciding source")
        void sourceGoneStartsOver() {
            OfferedNote.write(fx.auth.model, new Candidates("removed", List.of(Organization.of("org_x", "X"))),
                    "kc-user-1");
            fx.post("org_x");

            action();

            assertThat(source.settled).isEmpty();
            assertThat(source.candidateCalls).isEqualTo(1);
            verify(fx.context).challenge(fx.pickerPage);
            assertThat(OfferedNote.read(fx.auth.model, "kc-user-1")).map(Candidates::source).hasValue("fake");
        }
    }

    @Nested
    @DisplayName("Given a source that fails")
    class SourceFails {

        @Test
        @DisplayName("when listing fails then the flow fails with the source's code, event error and message")
        void candidatesFail() {
            source.failOnCandidates = unavailable();

            new OrganizationSelection().authenticate(fx.context);

            assertThat(fx.event.details).containsEntry("workos_error", "workos_unavailable");
            assertThat(fx.event.errors).containsExactly(Errors.IDENTITY_PROVIDER_ERROR);
            verify(fx.form).setError("workosUnavailable");
            verify(fx.form).createErrorPage(Response.Status.SERVICE_UNAVAILABLE);
            verify(fx.context).failure(AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, fx.errorPage);
            verify(fx.context, never()).success();
        }

        @Test
        @DisplayName("when settling the posted choice fails then the same, and nothing is remembered")
        void settleFails() {
            fx.remember(null);
            source.failOnSettle = unavailable();
            offered();
            fx.post("org_acme");

            action();

            assertThat(source.settled).containsExactly("org_acme:user");
            assertThat(fx.event.details).containsEntry("workos_error", "workos_unavailable")
                    .doesNotContainKey(OrganizationEvents.ORGANIZATION_ID);
            verify(fx.context).failure(AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, fx.errorPage);
            verify(fx.context, never()).success();
            assertThat(fx.userAttributes).isEmpty();
        }

        @Test
        @DisplayName("when the request is prompt=none then the app gets passive login_required, never a page")
        void passiveFailure() {
            fx.passive();
            source.failOnCandidates = unavailable();

            new OrganizationSelection().authenticate(fx.context);

            verify(fx.protocol).sendError(fx.auth.model, LoginProtocol.Error.PASSIVE_LOGIN_REQUIRED, null);
            verify(fx.context).failure(AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, fx.protocolError);
            verify(fx.form, never()).createErrorPage(any());
        }
    }

    @Nested
    @DisplayName("Given an offer made to another user (restart login)")
    class OtherUsersOffer {

        @Test
        @DisplayName("then the posted choice is not settled from it: the step decides afresh for this user")
        void offerOfAnotherUserIsIgnored() {
            OfferedNote.write(fx.auth.model, new Candidates("fake", List.of(ACME, GLOBEX)), "kc-someone-else");

            assertThat(OfferedNote.read(fx.auth.model, "kc-user-1")).isEmpty();
            assertThat(OfferedNote.read(fx.auth.model, "kc-someone-else")).isPresent();
        }
    }
}
