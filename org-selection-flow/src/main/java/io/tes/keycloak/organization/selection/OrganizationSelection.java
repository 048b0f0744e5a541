package io.tes.keycloak.organization.selection;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tes.keycloak.workos.signin.OrganizationChooser;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.SessionNotes;
import io.tes.keycloak.workos.signin.SignInFailure;
import io.tes.keycloak.workos.signin.WorkOsEventDetails;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Settles the organization of this client's session: client pin, {@code organization} hint, remembered choice,
 * configured default, only membership; otherwise the picker. The posted choice must be one the picker offered.
 */
final class OrganizationSelection implements Authenticator {

    private static final Logger LOG = Logger.getLogger(OrganizationSelection.class);
    static final String FORM_FIELD = "organization";
    static final String TEMPLATE = "tes-select-organization.ftl";
    /** From this many organizations on, the picker shows a filter box. */
    static final int FILTER_FROM = 8;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        OrganizationSelectionConfig config = OrganizationSelectionConfig.of(context.getAuthenticatorConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ClientModel client = authSession.getClient();
        String pinned = OrganizationChooser.pinnedOrganization(client);
        if (settledByWorkOs(authSession)) {
            // The WorkOS step chose already (pin, hint, default, only membership) and checked the pin.
            String organization = authSession.getClientNote(SessionNotes.ORGANIZATION_ID);
            if (organization == null && (pinned != null || config.required())) {
                SelectionFailure.required(context);
                return;
            }
            // After a hosted sign-in the LOGIN event is this request's: it gets the facts the callback recorded.
            var event = SelectionFailure.event(context).detail(WorkOsEventDetails.WORKOS_USER_ID,
                    authSession.getClientNote(SessionNotes.WORKOS_USER_ID));
            if (organization != null) {
                event.detail(WorkOsEventDetails.ORGANIZATION_ID, organization)
                        .detail(WorkOsEventDetails.ORGANIZATION_REASON,
                                authSession.getClientNote(SessionNotes.ORGANIZATION_REASON));
            }
            context.success();
            return;
        }
        Candidates candidates;
        try {
            candidates = Candidates.collect(context.getSession(), context.getRealm(), authSession, context.getUser(),
                    config);
        } catch (SignInFailure failure) {
            SelectionFailure.workOs(context, failure);
            return;
        }
        if (candidates.organizations().isEmpty()) {
            if (pinned != null) {
                SelectionFailure.notAllowed(context);
            } else if (config.required()) {
                SelectionFailure.required(context);
            } else {
                context.success();
            }
            return;
        }
        String hint = OrganizationChooser.requestedOrganization(authSession);
        if (hint != null && candidates.find(hint).isEmpty() && SelectionFailure.passive(authSession)) {
            // A silent switch to an organization the user is not in: the app gets access_denied.
            SelectionFailure.notAllowed(context);
            return;
        }
        String remembered = config.remember() ? RememberedChoice.read(context.getUser(), client) : null;
        OrganizationChooser.Outcome outcome = OrganizationChooser.choose(
                candidates.organizations().stream().map(Candidate::organization).toList(), pinned, hint,
                remembered, config.defaultOrganization());
        if (outcome.refused()) {
            SelectionFailure.notAllowed(context);
            return;
        }
        if (outcome.chosen().isPresent()) {
            OrganizationChooser.Choice choice = outcome.chosen().get();
            settle(context, candidates, candidates.find(choice.organization().id()).orElseThrow(), choice.reason(),
                    config);
            return;
        }
        OfferedNote.write(authSession, candidates);
        context.challenge(picker(context, candidates, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        OrganizationSelectionConfig config = OrganizationSelectionConfig.of(context.getAuthenticatorConfig());
        Optional<Candidates> offered = OfferedNote.read(context.getAuthenticationSession());
        if (offered.isEmpty()) {
            authenticate(context);
            return;
        }
        String posted = context.getHttpRequest().getDecodedFormParameters().getFirst(FORM_FIELD);
        Optional<Candidate> chosen = offered.get().find(posted);
        if (chosen.isEmpty()) {
            LOG.debugf("Refused an organization choice that was not offered to user %s", context.getUser().getId());
            SelectionFailure.event(context)
                    .detail(WorkOsEventDetails.ORGANIZATION_ERROR, SelectionFailure.CHOICE_INVALID)
                    .error(Errors.INVALID_INPUT);
            context.challenge(picker(context, offered.get(), "tesOrganizationChoiceInvalid"));
            return;
        }
        settle(context, offered.get(), chosen.get(), OrganizationChooser.Reason.USER, config);
    }

    private static void settle(AuthenticationFlowContext context, Candidates candidates, Candidate chosen,
            OrganizationChooser.Reason reason, OrganizationSelectionConfig config) {
        try {
            Settlement.settle(context, candidates, chosen, reason, config);
            context.success();
        } catch (SignInFailure failure) {
            SelectionFailure.workOs(context, failure);
        }
    }

    private static boolean settledByWorkOs(AuthenticationSessionModel authSession) {
        return "true".equals(authSession.getClientNote(SessionNotes.WORKOS_SETTLED))
                && PendingSelection.peek(authSession).isEmpty();
    }

    private static Response picker(AuthenticationFlowContext context, Candidates candidates, String error) {
        List<Map<String, String>> organizations = candidates.organizations().stream()
                .map(org -> Map.of("id", org.id(), "name", org.name() == null || org.name().isBlank() ? org.id()
                        : org.name()))
                .toList();
        var form = context.form()
                .setAttribute("organizations", organizations)
                .setAttribute("organizationFilter", organizations.size() >= FILTER_FROM);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
