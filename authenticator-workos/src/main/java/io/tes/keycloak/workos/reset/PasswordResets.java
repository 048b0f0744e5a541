package io.tes.keycloak.workos.reset;

import io.tes.keycloak.organization.metrics.TesMetrics;
import io.tes.keycloak.workos.client.PasswordReset;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.throttle.WindowLimit;
import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The two WorkOS password-reset calls, the one path of the reset pages ({@link WorkOsResetRequest},
 * {@link PasswordResetPage}) and the TES account API. Each records its event: the caller picks the event type and
 * the client; nothing secret (token, password) goes in it.
 */
public final class PasswordResets {

    private static final Logger LOG = Logger.getLogger(PasswordResets.class);

    private PasswordResets() {
    }

    /**
     * "Forgot password": throttled per email and client address, then WorkOS creates the reset and mails the link.
     * Records {@code sent} (success with the WorkOS user, or the failure); null when WorkOS sent it, else why not.
     * Only a {@link ResetFailure#retryable()} failure may be told to the user: the others look like a sent email.
     */
    public static ResetFailure request(KeycloakSession session, String alias, String email, EventBuilder sent) {
        ResetFailure failure;
        try {
            WorkOsThrottle.of(session).resetRequest(email);
            PasswordReset reset = WorkOsConnection.open(session, alias).client().createPasswordReset(email);
            sent.detail(WorkOsEventDetails.WORKOS_USER_ID, reset.userId()).success();
            LOG.debugf("WorkOS created password reset %s", reset.id());
            return null;
        } catch (WorkOsException e) {
            failure = ResetFailure.ofRequest(e);
        } catch (WorkOsFailure refused) {
            // Too many requests for the email or from the address, or the WorkOS connection is not configured.
            failure = ResetFailure.of(refused);
        }
        failure.failure().report(sent);
        LOG.debugf("WorkOS created no password reset: %s", failure.code());
        return failure;
    }

    /** Whether the client address has had too many tokens refused ({@code refusedLinks}); then WorkOS is not asked. */
    public static boolean blocked(KeycloakSession session, WindowLimit refusedLinks) {
        boolean blocked = WorkOsThrottle.of(session).blocked(refusedLinks);
        if (blocked) {
            TesMetrics.throttleRefused("reset_links");
        }
        return blocked;
    }

    /**
     * Sets the new password with WorkOS's reset token. On success the linked Keycloak user is logged out everywhere
     * ({@link UserLogout}) and {@code event} records it; null is returned. Otherwise the failure is recorded and
     * returned; a refused token counts against the client address ({@code refusedLinks}).
     */
    public static ResetFailure confirm(KeycloakSession session, String alias, WindowLimit refusedLinks, String token,
            String password, EventBuilder event) {
        try {
            WorkOsUser user = WorkOsConnection.open(session, alias).client().confirmPasswordReset(token, password);
            succeeded(session, alias, event, user);
            return null;
        } catch (WorkOsFailure notConfigured) {
            ResetFailure failure = ResetFailure.of(notConfigured);
            failure.failure().report(event);
            return failure;
        } catch (WorkOsException e) {
            ResetFailure failure = ResetFailure.ofConfirm(e);
            failure.failure().report(event);
            LOG.debugf("WorkOS refused the password reset: %s", failure.code());
            if (failure.kind() == ResetFailure.Kind.INVALID_LINK) {
                WorkOsThrottle.of(session).attempted(refusedLinks);
            }
            return failure;
        }
    }

    /**
     * WorkOS ended the user's WorkOS sessions; end the linked Keycloak user's sessions too, online and offline, with
     * back-channel logout to the clients ({@link UserLogout}).
     */
    private static void succeeded(KeycloakSession session, String alias, EventBuilder event, WorkOsUser workos) {
        RealmModel realm = session.getContext().getRealm();
        event.detail(WorkOsEventDetails.WORKOS_USER_ID, workos.id());
        UserModel user = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(alias, workos.id(), workos.email()));
        if (user != null) {
            event.user(user);
            UserLogout.everywhere(session, realm, user, event);
        }
        event.success();
        LOG.debugf("WorkOS reset the password of %s", workos.id());
    }
}
