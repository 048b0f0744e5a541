package io.tes.keycloak.workos.signin;

import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.OrganizationSelectionRequired;
import io.tes.keycloak.workos.client.WorkOsAccessTokens;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsOrganization;
import io.tes.keycloak.workos.client.WorkOsUser;
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

    /**
     * What decides the organization: the client's pin, the request's hint, the configured default; and whether an
     * "Organization selection" step later in the flow can ask the user when none of them decides.
     */
    public record Context(String pinnedOrganization, String organizationHint, String defaultOrganization,
            String ipAddress, String userAgent, boolean pickerFollows) {

        public Context withPickerFollowing(boolean follows) {
            return new Context(pinnedOrganization, organizationHint, defaultOrganization, ipAddress, userAgent,
                    follows);
        }
    }

    /**
     * A signed-in WorkOS user with the organization of the session (null when the user has none); or, when the
     * choice is left to the "Organization selection" step, the pending selection (and no authentication yet).
     */
    public record Result(Authentication authentication, WorkOsOrganization organization,
            OrganizationChooser.Reason reason, AccessTokenClaims claims, OrganizationSelectionRequired pending) {

        Result(Authentication authentication, WorkOsOrganization organization, OrganizationChooser.Reason reason,
                AccessTokenClaims claims) {
            this(authentication, organization, reason, claims, null);
        }

        /** The WorkOS user, signed in or waiting for the organization choice. */
        public WorkOsUser user() {
            return pending != null ? pending.user() : authentication.user();
        }
    }

    private WorkOsSignIn() {
    }

    /** The context of a sign-in into the client of this authentication session. */
    public static Context context(org.keycloak.sessions.AuthenticationSessionModel authSession, String hint,
            String defaultOrganization, org.keycloak.common.ClientConnection connection, String userAgent) {
        return new Context(OrganizationChooser.pinnedOrganization(authSession.getClient()), hint, defaultOrganization,
                connection == null ? null : connection.getRemoteAddr(), userAgent, false);
    }

    public static Result signIn(WorkOsClient client, WorkOsAccessTokens tokens, Exchange exchange, Context context)
            throws SignInFailure {
        Result result = exchange(client, exchange, context);
        if (result.pending() != null) {
            return result;
        }
        try {
            AccessTokenClaims claims = tokens.verify(client, result.authentication());
            return new Result(result.authentication(), result.organization(), result.reason(), claims);
        } catch (WorkOsException e) {
            throw SignInFailure.of(e);
        }
    }

    /** Completes a handed-over selection with the organization the user (or the selection step) chose. */
    public static Result complete(WorkOsClient client, WorkOsAccessTokens tokens, String pendingToken,
            WorkOsOrganization organization, OrganizationChooser.Reason reason, String ipAddress, String userAgent)
            throws SignInFailure {
        return verified(client, tokens, () -> client.completeOrganizationSelection(pendingToken, organization.id(),
                ipAddress, userAgent), organization, reason);
    }

    /** Moves a WorkOS session to another organization the user belongs to: refresh with {@code organization_id}. */
    public static Result switchOrganization(WorkOsClient client, WorkOsAccessTokens tokens, String refreshToken,
            WorkOsOrganization organization, OrganizationChooser.Reason reason) throws SignInFailure {
        return verified(client, tokens, () -> client.authenticateWithRefreshToken(refreshToken, organization.id()),
                organization, reason);
    }

    private static Result verified(WorkOsClient client, WorkOsAccessTokens tokens, Exchange exchange,
            WorkOsOrganization organization, OrganizationChooser.Reason reason) throws SignInFailure {
        try {
            Authentication authentication = exchange.run();
            if (!organization.id().equals(authentication.organizationId())) {
                throw SignInFailure.organizationNotAllowed();
            }
            AccessTokenClaims claims = tokens.verify(client, authentication);
            return new Result(authentication, organization, reason, claims);
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
            if (outcome.chosen().isEmpty() && context.pickerFollows()) {
                LOG.debugf("Leaving the choice among %d organizations to the organization selection step",
                        selection.organizations().size());
                return new Result(null, null, null, null, selection);
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
