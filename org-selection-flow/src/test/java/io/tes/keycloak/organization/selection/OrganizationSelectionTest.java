package io.tes.keycloak.organization.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Errors;
import org.keycloak.protocol.LoginProtocol;

@DisplayName("The organization selection step, when it starts")
class OrganizationSelectionTest {

    static final Organization ACME = new Organization("org_acme", "Acme Recycling", List.of("organizer"));
    static final Organization GLOBEX = Organization.of("org_globex", "Globex Logistics");

    private final SelectionFixture fx = new SelectionFixture();
    private final FakeSource source = fx.register("fake", 50, new FakeSource());

    private void authenticate() {
        new OrganizationSelection().authenticate(fx.context);
    }

    private void assertSettled(String organizationId, String reason) {
        assertThat(source.settled).containsExactly(organizationId + ":" + reason);
        assertThat(fx.auth.clientNotes).containsEntry(SelectedOrganization.ID_NOTE, organizationId)
                .containsEntry(SelectedOrganization.REASON_NOTE, reason);
        assertThat(fx.event.details).containsEntry(OrganizationEvents.ORGANIZATION_ID, organizationId)
                .containsEntry(OrganizationEvents.ORGANIZATION_REASON, reason);
        assertThat(fx.event.errors).isEmpty();
        verify(fx.context).success();
    }

    private void assertRefused(String code, String messageKey) {
        assertThat(fx.event.details).containsEntry(OrganizationEvents.ORGANIZATION_ERROR, code);
        assertThat(fx.event.errors).containsExactly(Errors.ACCESS_DENIED);
        verify(fx.form).setError(messageKey);
        verify(fx.form).createErrorPage(Response.Status.FORBIDDEN);
        verify(fx.context).failure(AuthenticationFlowError.ACCESS_DENIED, fx.errorPage);
        verify(fx.context, never()).success();
        assertThat(source.settled).isEmpty();
    }

    @Nested
    @DisplayName("Given the sign-in step settled the organization already")
    class SettledDuringSignIn {

        @Test
        @DisplayName("when it settled one then success, the event names it and the carried facts, no source asked")
        void settledWithOrganization() {
            SelectedOrganization.keep(fx.auth.model, ACME, SelectionReason.HINT);
            OrganizationEvents.carry(fx.auth.model, "workos_user_id", "user_bob");

            authenticate();

            verify(fx.context).success();
            assertThat(fx.event.details).contains(entry("workos_user_id", "user_bob"),
                    entry(OrganizationEvents.ORGANIZATION_ID, "org_acme"),
                    entry(OrganizationEvents.ORGANIZATION_REASON, "hint"), entry("username", "bob@multi.test"));
            assertThat(source.candidateCalls).isZero();
        }

        @Test
        @DisplayName("when it settled none and the client pins then refused as organization_required")
        void settledNoneButPinned() {
            fx.pin("org_acme");
            SelectedOrganization.keepNone(fx.auth.model);

            authenticate();

            assertRefused(SelectionFailure.REQUIRED, "tesOrganizationRequired");
        }

        @Test
        @DisplayName("when it settled none and the step requires one then refused as organization_required")
        void settledNoneButRequired() {
            fx.config.put(OrganizationSelectionConfigProperties.REQUIRED, "true");
            SelectedOrganization.keepNone(fx.auth.model);

            authenticate();

            assertRefused(SelectionFailure.REQUIRED, "tesOrganizationRequired");
        }

        @Test
        @DisplayName("when it settled none and nothing needs one then success without organization details")
        void settledNone() {
            SelectedOrganization.keepNone(fx.auth.model);

            authenticate();

            verify(fx.context).success();
            assertThat(fx.event.details).doesNotContainKey(OrganizationEvents.ORGANIZATION_ID);
            assertThat(source.candidateCalls).isZero();
        }
    }

    @Nested
    @DisplayName("Given no organization to choose from")
    class NoOrganization {

        @Test
        @DisplayName("when no source decides for the user then success, settled with no organization")
        void noSource() {
            source.decides = false;

            authenticate();

            verify(fx.context).success();
            assertThat(source.candidateCalls).isZero();
            assertThat(SelectedOrganization.settled(fx.auth.model)).isTrue();
            assertThat(SelectedOrganization.id(fx.auth.model)).isNull();
        }

        @Test
        @DisplayName("when the source offers none and the client pins then refused as organization_not_allowed")
        void emptyWithPin() {
            fx.pin("org_acme");

            authenticate();

            assertRefused(SelectionFailure.NOT_ALLOWED, "tesOrganizationNotAllowed");
        }

        @Test
        @DisplayName("when the source offers none and the step requires one then refused as organization_required")
        void emptyAndRequired() {
            fx.config.put(OrganizationSelectionConfigProperties.REQUIRED, "true");

            authenticate();

            assertRefused(SelectionFailure.REQUIRED, "tesOrganizationRequired");
        }
    }

    @Nested
    @DisplayName("Given organizations and something that decides")
    class Decided {

        @Test
        @DisplayName("when the client pins a membership then the source settles it as CLIENT, with the request's facts")
        void pinned() {
            source.offering(ACME, GLOBEX);
            fx.pin("org_globex");
            fx.hint("org_acme");

            authenticate();

            assertSettled("org_globex", "client");
            assertThat(source.lastRequest.userAgent()).isEqualTo(SelectionFixture.USER_AGENT);
            assertThat(source.lastRequest.user()).isSameAs(fx.user);
            assertThat(source.lastRequest.authSession()).isSameAs(fx.auth.model);
        }

        @Test
        @DisplayName("when the client pins an organization the user is not in then refused as organization_not_allowed")
        void foreignPin() {
            source.offering(ACME, GLOBEX);
            fx.pin("org_initech");

            authenticate();

            assertRefused(SelectionFailure.NOT_ALLOWED, "tesOrganizationNotAllowed");
        }

        @Test
        @DisplayName("when the request hints at a membership then settled as HINT")
        void hinted() {
            source.offering(ACME, GLOBEX);
            fx.hint(" org_globex ");

            authenticate();

            assertSettled("org_globex", "hint");
        }

        @Test
        @DisplayName("when a prompt=none request hints at a membership then settled as HINT, no page needed")
        void passiveMemberHint() {
            source.offering(ACME, GLOBEX);
            fx.hint("org_acme");
            fx.passive();

            authenticate();

            assertSettled("org_acme", "hint");
        }

        @Test
        @DisplayName("when a prompt=none request hints at a foreign organization then the app gets the OAuth2 error")
        void passiveForeignHint() {
            source.offering(ACME, GLOBEX);
            fx.hint("org_initech");
            fx.passive();

            authenticate();

            assertThat(fx.event.details).containsEntry(OrganizationEvents.ORGANIZATION_ERROR,
                    SelectionFailure.NOT_ALLOWED);
            assertThat(fx.event.errors).containsExactly(Errors.ACCESS_DENIED);
            assertThat(fx.auth.authNotes).containsEntry(AuthenticationProcessor.FORWARDED_PASSIVE_LOGIN, "true");
            verify(fx.protocol).sendError(fx.auth.model, LoginProtocol.Error.CONSENT_DENIED, null);
            verify(fx.context).failure(AuthenticationFlowError.ACCESS_DENIED, fx.protocolError);
            verify(fx.form, never()).createErrorPage(any());
            assertThat(source.settled).isEmpty();
        }

        @Test
        @DisplayName("when the step remembers and the user chose a membership before then settled as REMEMBERED")
        void remembered() {
            source.offering(ACME, GLOBEX);
            fx.remember("org_globex");
            fx.config.put(OrganizationSelectionConfigProperties.DEFAULT_ORGANIZATION, "org_acme");

            authenticate();

            assertSettled("org_globex", "remembered");
        }

        @Test
        @DisplayName("when the configured default is a membership then settled as DEFAULT")
        void byDefault() {
            source.offering(ACME, GLOBEX);
            fx.config.put(OrganizationSelectionConfigProperties.DEFAULT_ORGANIZATION, "org_acme");

            authenticate();

            assertSettled("org_acme", "default");
        }

        @Test
        @DisplayName("when the user has one organization then settled as SINGLE")
        void single() {
            source.offering(GLOBEX);

            authenticate();

            assertSettled("org_globex", "single");
        }

        @Test
        @DisplayName("when a settled choice is not the user's pick then nothing is remembered")
        void onlyUserChoicesRemembered() {
            source.offering(ACME, GLOBEX);
            fx.remember(null);
            fx.pin("org_acme");

            authenticate();

            assertSettled("org_acme", "client");
            assertThat(fx.userAttributes).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given several sources")
    class Ranking {

        @Test
        @DisplayName("then the highest-ranked source that decides for the user is asked, others are not")
        void highestDecidingSourceWins() {
            source.offering(ACME);
            FakeSource higherButSilent = fx.register("silent", 200, new FakeSource().offering(GLOBEX));
            higherButSilent.decides = false;
            FakeSource lower = fx.register("lower", 10, new FakeSource().offering(GLOBEX));

            authenticate();

            assertSettled("org_acme", "single");
            assertThat(higherButSilent.candidateCalls).isZero();
            assertThat(lower.candidateCalls).isZero();
        }
    }
}
