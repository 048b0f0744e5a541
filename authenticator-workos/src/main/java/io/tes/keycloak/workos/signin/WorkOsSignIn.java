package io.tes.keycloak.workos.signin;

import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.OrganizationSelectionRequired;
import io.tes.keycloak.workos.client.WorkOsAccessTokens;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsOrganization;
import org.jboss.logging.Logger;

/**
 * One WorkOS sign-in attempt, shared by the password form, the direct grant and the hosted page: runs the first
 * exchange, completes {@code organization_selection_required} automatically when the chooser decides, and checks
 * the client's pinned organization. The result carries the organization and why it was chosen.
 */
public final class WorkOsSignIn {

    private static final Logger LOG = Logger.getLogger(WorkOsSignIn.class);

    /** The first exchange: a password, a code, ... */
    @FunctionalInterface
    public interface Exchange {
        Authentication run() throws WorkOsException;
    }

    /** What decides the organization: the client's pin, the request's hint, the configured default. */
    public record Context(String pinnedOrganization, String organizationHint, String defaultOrganization,
            String ipAddress, String userAgent) {
    }

    /** A signed-in WorkOS user with the organization of the session (null when the user has none). */
    public record Result(Authentication authentication, WorkOsOrganization organization,
            OrganizationChooser.Reason reason, AccessTokenClaims claims) {
    }

    private WorkOsSignIn() {
    }

    /** The context of a sign-in into the client of this authentication session. */
    public static Context context(org.keycloak.sessions.AuthenticationSessionModel authSession, String hint,
            String defaultOrganization, org.keycloak.common.ClientConnection connection, String userAgent) {
        return new Context(OrganizationChooser.pinnedOrganization(authSession.getClient()), hint, defaultOrganization,
                connection == null ? null : connection.getRemoteAddr(), userAgent);
    }

    public static Result signIn(WorkOsClient client, Exchange exchange, Context context) throws SignInFailure {
        Result result = exchange(client, exchange, context);
        try {
            AccessTokenClaims claims = WorkOsAccessTokens.SHARED.verify(client, result.authentication());
            return new Result(result.authentication(), result.organization(), result.reason(), claims);
        } catch (WorkOsException e) {
            throw SignInFailure.of(e);
        }
    }

    private static Result exchange(WorkOsClient client, Exchange exchange, Context context) throws SignInFailure {
        try {
            Authentication direct = exchange.run();
            return checkPin(direct, context);
        } catch (OrganizationSelectionRequired selection) {
            OrganizationChooser.Outcome outcome = OrganizationChooser.choose(selection.organizations(),
                    context.pinnedOrganization(), context.organizationHint(), context.defaultOrganization());
            if (outcome.refused()) {
                LOG.debugf("WorkOS user %s is not in the client's organization %s", selection.user() == null ? "?"
                        : selection.user().id(), context.pinnedOrganization());
                throw SignInFailure.organizationNotAllowed();
            }
            OrganizationChooser.Choice choice = outcome.chosen()
                    .orElseThrow(SignInFailure::organizationSelectionUnavailable);
            try {
                Authentication completed = client.completeOrganizationSelection(selection.pendingToken(),
                        choice.organization().id(), context.ipAddress(), context.userAgent());
                LOG.debugf("Chose WorkOS organization %s (%s)", choice.organization().id(), choice.reason().code());
                return new Result(completed, choice.organization(), choice.reason(), null);
            } catch (WorkOsException e) {
                throw SignInFailure.of(e);
            }
        } catch (WorkOsException e) {
            throw SignInFailure.of(e);
        }
    }

    /** A user WorkOS signed straight in (one organization or none) must still be in the client's organization. */
    private static Result checkPin(Authentication authentication, Context context) throws SignInFailure {
        String organizationId = authentication.organizationId();
        String pinned = context.pinnedOrganization();
        if (pinned != null && !pinned.equals(organizationId)) {
            throw SignInFailure.organizationNotAllowed();
        }
        if (organizationId == null) {
            return new Result(authentication, null, null, null);
        }
        return new Result(authentication, new WorkOsOrganization(organizationId, null),
                pinned != null ? OrganizationChooser.Reason.CLIENT : OrganizationChooser.Reason.SINGLE, null);
    }
}
