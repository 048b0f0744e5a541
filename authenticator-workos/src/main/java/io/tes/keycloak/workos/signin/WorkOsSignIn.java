package io.tes.keycloak.workos.signin;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationChooser;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.OrganizationSelectionRequired;
import io.tes.keycloak.workos.client.SecondStepRequired;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.jboss.logging.Logger;

/**
 * The one WorkOS sign-in sequence, with no Keycloak session state (see {@link SessionSignIn} for the authentication
 * session): runs the first exchange (a password, a code, ...), hands WorkOS's second steps (email verification,
 * MFA) over to the caller's code page or fails them, settles {@code organization_selection_required} with the
 * organization contract's chooser or hands it over, checks the client's pin, and verifies the access token. The
 * answer to a second step is another exchange through {@link #signIn}: WorkOS may then ask for the next step.
 */
public final class WorkOsSignIn {

    private static final Logger LOG = Logger.getLogger(WorkOsSignIn.class);

    /** The first exchange with WorkOS. */
    @FunctionalInterface
    public interface Exchange {
        Authentication run() throws WorkOsException;
    }

    private final WorkOsClient client;
    private final WorkOsConnection.TokenVerifier tokens;

    public WorkOsSignIn(WorkOsConnection connection) {
        this(connection.client(), connection.tokens());
    }

    WorkOsSignIn(WorkOsClient client, WorkOsConnection.TokenVerifier tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    public SignInResult signIn(SignInRequest request, Exchange exchange) throws WorkOsFailure {
        try {
            return direct(exchange.run(), request);
        } catch (OrganizationSelectionRequired selection) {
            return select(selection, request);
        } catch (SecondStepRequired step) {
            if (!request.secondStepAllowed()) {
                throw WorkOsFailure.of(step);
            }
            LOG.debugf("Handing WorkOS's %s to the code page", step.step().code());
            return SignInResult.handedOver(HandOver.secondStep(step));
        } catch (WorkOsException e) {
            throw WorkOsFailure.of(e);
        }
    }

    /** Completes a handed-over selection with the organization the user (or the selection step) chose. */
    public SignInResult complete(String pendingToken, Organization organization, SelectionReason reason,
            String ipAddress, String userAgent) throws WorkOsFailure {
        return signedInTo(organization, reason, () -> client.completeOrganizationSelection(pendingToken,
                organization.id(), ipAddress, userAgent));
    }

    /** Moves a WorkOS session to another organization the user belongs to: refresh with {@code organization_id}. */
    public SignInResult switchOrganization(String refreshToken, Organization organization, SelectionReason reason)
            throws WorkOsFailure {
        return signedInTo(organization, reason,
                () -> client.authenticateWithRefreshToken(refreshToken, organization.id()));
    }

    /** A user WorkOS signed straight in (one organization or none) must still be in the client's organization. */
    private SignInResult direct(Authentication authentication, SignInRequest request) throws WorkOsException,
            WorkOsFailure {
        String organizationId = authentication.organizationId();
        String pinned = request.pinnedOrganization();
        if (pinned != null && !pinned.equals(organizationId)) {
            throw WorkOsFailure.organizationNotAllowed();
        }
        AccessTokenClaims claims = tokens.verify(authentication);
        if (organizationId == null) {
            return SignInResult.signedIn(authentication, null, null, claims);
        }
        return SignInResult.signedIn(authentication, new Organization(organizationId, null, claims.roles()),
                pinned != null ? SelectionReason.CLIENT : SelectionReason.SINGLE, claims);
    }

    private SignInResult select(OrganizationSelectionRequired selection, SignInRequest request)
            throws WorkOsFailure {
        List<Organization> offered = selection.organizations().stream()
                .map(org -> Organization.of(org.id(), org.name())).toList();
        OrganizationChooser.Outcome outcome = OrganizationChooser.choose(offered, request.chooserInputs());
        if (outcome.refused()) {
            LOG.debugf("WorkOS user %s is not in the client's organization %s",
                    selection.user() == null ? "?" : selection.user().id(), request.pinnedOrganization());
            throw WorkOsFailure.organizationNotAllowed();
        }
        if (outcome.undecided() && request.handOverAllowed()) {
            LOG.debugf("Handing the choice among %d organizations to the organization selection step",
                    offered.size());
            return SignInResult.handedOver(new HandOver(HandOver.Kind.ORGANIZATION_SELECTION,
                    selection.pendingToken(), selection.user(), offered));
        }
        OrganizationChooser.Choice choice = outcome.chosen()
                .orElseThrow(WorkOsFailure::organizationSelectionUnavailable);
        LOG.debugf("Chose WorkOS organization %s (%s)", choice.organization().id(), choice.reason().code());
        return complete(selection.pendingToken(), choice.organization(), choice.reason(), request.ipAddress(),
                request.userAgent()).withMemberships(offered);
    }

    /** An exchange that must land in that organization; the token's roles there come with it. */
    private SignInResult signedInTo(Organization organization, SelectionReason reason, Exchange exchange)
            throws WorkOsFailure {
        try {
            Authentication authentication = exchange.run();
            if (!organization.id().equals(authentication.organizationId())) {
                throw WorkOsFailure.organizationNotAllowed();
            }
            AccessTokenClaims claims = tokens.verify(authentication);
            return SignInResult.signedIn(authentication,
                    new Organization(organization.id(), organization.name(), claims.roles()), reason, claims);
        } catch (WorkOsException e) {
            throw WorkOsFailure.of(e);
        }
    }
}
