package io.tes.keycloak.organization.selection;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tes.keycloak.organization.contract.ClientPin;
import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationChooser;
import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.metrics.TesMetrics;
import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.OrganizationSources;
import io.tes.keycloak.organization.spi.SourceFailure;
import io.tes.keycloak.organization.spi.SourceRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Settles the organization of this client's session with the source that decides for the user: client pin,
 * {@code organization} hint, remembered choice, configured default, only membership; otherwise the picker. The
 * posted choice must be one the picker offered.
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
        String pinned = ClientPin.of(authSession.getClient());
        if (SelectedOrganization.settled(authSession)) {
            // The sign-in step chose already (pin, hint, default, only membership) and checked the pin.
            acceptSettled(context, pinned, config);
            return;
        }
        SourceRequest request = request(context);
        Optional<OrganizationSources.Deciding> deciding = OrganizationSources.deciding(request);
        Candidates candidates;
        try {
            candidates = deciding.isEmpty() ? Candidates.none()
                    : new Candidates(deciding.get().id(), deciding.get().source().candidates(request));
        } catch (SourceFailure failure) {
            SelectionFailure.source(context, failure);
            return;
        }
        if (candidates.organizations().isEmpty()) {
            noOrganization(context, pinned, config);
            return;
        }
        String hint = OrganizationRequest.hint(authSession);
        if (hint != null && candidates.find(hint).isEmpty() && OrganizationRequest.passive(authSession)) {
            // A silent switch to an organization the user is not in: the app gets access_denied.
            SelectionFailure.notAllowed(context);
            return;
        }
        String remembered = config.remember() ? RememberedChoice.read(context.getUser(), authSession.getClient())
                : null;
        OrganizationChooser.Outcome outcome = OrganizationChooser.choose(candidates.organizations(),
                new OrganizationChooser.Inputs(pinned, hint, remembered, config.defaultOrganization()));
        if (outcome.refused()) {
            SelectionFailure.notAllowed(context);
        } else if (outcome.chosen().isPresent()) {
            OrganizationChooser.Choice choice = outcome.chosen().get();
            settle(context, request, deciding.get().source(), choice.organization(), choice.reason(), config);
        } else {
            OfferedNote.write(authSession, candidates, context.getUser().getId());
            context.challenge(picker(context, candidates, null));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        OrganizationSelectionConfig config = OrganizationSelectionConfig.of(context.getAuthenticatorConfig());
        Optional<Candidates> offered = OfferedNote.read(context.getAuthenticationSession(),
                context.getUser() == null ? null : context.getUser().getId());
        Optional<OrganizationSource> source = offered.flatMap(
                candidates -> OrganizationSources.byId(context.getSession(), candidates.source()));
        if (offered.isEmpty() || source.isEmpty()) {
            authenticate(context);
            return;
        }
        Optional<Organization> chosen = choice(offered.get(), context.getHttpRequest().getDecodedFormParameters());
        if (chosen.isEmpty()) {
            LOG.debugf("Refused an organization choice that was not offered to user %s", context.getUser().getId());
            SelectionFailure.choiceInvalid(context);
            context.challenge(picker(context, offered.get(), "tesOrganizationChoiceInvalid"));
            return;
        }
        settle(context, request(context), source.get(), chosen.get(), SelectionReason.USER, config);
    }

    /** The organization the picker's form names, if it is one of those offered; anything else chooses none. */
    static Optional<Organization> choice(Candidates offered, MultivaluedMap<String, String> form) {
        return offered.find(form.getFirst(FORM_FIELD));
    }

    private static void acceptSettled(AuthenticationFlowContext context, String pinned,
            OrganizationSelectionConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String organization = SelectedOrganization.id(authSession);
        if (organization == null && (pinned != null || config.required())) {
            SelectionFailure.required(context);
            return;
        }
        // After a hosted sign-in the LOGIN event is this request's: it gets the facts the sign-in recorded.
        var event = SelectionFailure.event(context);
        if (organization != null) {
            event.detail(OrganizationEvents.ORGANIZATION_ID, organization)
                    .detail(OrganizationEvents.ORGANIZATION_REASON, SelectedOrganization.reason(authSession));
        }
        context.success();
    }

    private static void noOrganization(AuthenticationFlowContext context, String pinned,
            OrganizationSelectionConfig config) {
        if (pinned != null) {
            SelectionFailure.notAllowed(context);
        } else if (config.required()) {
            SelectionFailure.required(context);
        } else {
            SelectedOrganization.keepNone(context.getAuthenticationSession());
            SelectionFailure.event(context);
            context.success();
        }
    }

    private static void settle(AuthenticationFlowContext context, SourceRequest request, OrganizationSource source,
            Organization chosen, SelectionReason reason, OrganizationSelectionConfig config) {
        try {
            Settlement.settle(context, request, source, chosen, reason, config);
            context.success();
        } catch (SourceFailure failure) {
            SelectionFailure.source(context, failure);
        }
    }

    private static SourceRequest request(AuthenticationFlowContext context) {
        return new SourceRequest(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
                context.getUser(), context.getConnection() == null ? null : context.getConnection().getRemoteAddr(),
                context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT));
    }

    private static Response picker(AuthenticationFlowContext context, Candidates candidates, String error) {
        TesMetrics.organizationPickerShown();
        List<Map<String, String>> organizations = candidates.organizations().stream()
                .map(org -> Map.of("id", org.id(), "name", org.displayName()))
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
