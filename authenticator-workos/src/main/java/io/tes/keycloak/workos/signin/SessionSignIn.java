package io.tes.keycloak.workos.signin;

import java.util.Locale;

import io.tes.keycloak.organization.contract.ClientPin;
import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.TotpEnrollment;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The WorkOS sign-in sequence for a Keycloak authentication session, the one path of the password form, the direct
 * grant, the hosted-page callback and signup: {@link #signIn} asks WorkOS (the client's pin decides with the
 * request's hint and the default), then, once the caller has its Keycloak user, {@link #keep} hands over or keeps
 * WorkOS's facts and the organization, with the event details. A sign-in starts by forgetting whatever an earlier
 * sign-in in this authentication session left (organization, hand-over, WorkOS session): nothing of another
 * user's attempt survives "restart login".
 */
public final class SessionSignIn {

    private final KeycloakSession session;
    private final WorkOsConnection connection;
    private final AuthenticationSessionModel authSession;
    private final EventBuilder event;
    private final String ipAddress;
    private final String userAgent;
    private final WorkOsThrottle throttle;

    private SessionSignIn(KeycloakSession session, WorkOsConnection connection, AuthenticationSessionModel authSession,
            EventBuilder event, String ipAddress, String userAgent, WorkOsThrottle throttle) {
        this.session = session;
        this.throttle = throttle;
        this.connection = connection;
        this.authSession = authSession;
        this.event = event;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
    }

    /** A sign-in of this request's browser (or API client) into the authentication session's client. */
    public static SessionSignIn of(KeycloakSession session, WorkOsConnection connection,
            AuthenticationSessionModel authSession, EventBuilder event) {
        ClientConnection client = session.getContext().getConnection();
        HttpHeaders headers = session.getContext().getRequestHeaders();
        return new SessionSignIn(session, connection, authSession, event,
                client == null ? null : client.getRemoteAddr(),
                headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT), WorkOsThrottle.of(session));
    }

    /**
     * A sign-in that keeps nothing, for an API call with no authentication session (the TES account API's sign-up):
     * no client pin, no notes; only {@link #signIn} and {@link #signInWithPassword} may be used.
     */
    public static SessionSignIn detached(KeycloakSession session, WorkOsConnection connection, EventBuilder event) {
        return of(session, connection, null, event);
    }

    /**
     * Signs in with an email and password, throttled: refused before WorkOS is asked while the email or the client
     * address is locked; a password WorkOS refuses counts, one it accepts clears the email's count.
     */
    public SignInResult signInWithPassword(String email, String password, String organizationHint,
            String defaultOrganization, boolean handOverAllowed, boolean secondStepAllowed) throws WorkOsFailure {
        throttle.beforePassword(email);
        SignInResult result;
        try {
            result = signIn(() -> connection.client().authenticateWithPassword(email, password, ipAddress, userAgent),
                    organizationHint, defaultOrganization, handOverAllowed, secondStepAllowed);
        } catch (WorkOsFailure failure) {
            if (failure.flowError() == AuthenticationFlowError.INVALID_CREDENTIALS) {
                throttle.passwordRefused(email);
            }
            throw failure;
        }
        throttle.passwordAccepted(email);
        return result;
    }

    /**
     * Signs in at WorkOS. {@code handOverAllowed}: an "Organization selection" step follows in the flow and can ask
     * the user when nothing decides; otherwise an undecided choice fails. {@code secondStepAllowed}: the caller
     * shows WorkOS's second steps (the emailed code, TOTP) with {@link #startSecondStep}; otherwise they fail.
     */
    public SignInResult signIn(WorkOsSignIn.Exchange exchange, String organizationHint, String defaultOrganization,
            boolean handOverAllowed, boolean secondStepAllowed) throws WorkOsFailure {
        if (authSession != null) {
            WorkOsNotes.forget(authSession);
        }
        String pin = authSession == null ? null : ClientPin.of(authSession.getClient());
        SignInRequest request = new SignInRequest(pin, organizationHint,
                defaultOrganization, ipAddress, userAgent, handOverAllowed, secondStepAllowed);
        SignInResult result = new WorkOsSignIn(connection).signIn(request, exchange);
        detailUser(result);
        return result;
    }

    /**
     * Starts the second step WorkOS handed over and keeps it for the code page: WorkOS has already emailed a
     * verification code; a TOTP factor of the user is challenged, or a first one enrolled ({@code issuer} is what
     * the authenticator app shows). {@code keycloakUserId}: the Keycloak user the step belongs to when one exists
     * already (sign-up); {@code handOverAllowed} and {@code defaultOrganization} as for the sign-in it continues.
     */
    public PendingSecondStep startSecondStep(HandOver handOver, String keycloakUserId, boolean handOverAllowed,
            String defaultOrganization, String issuer) throws WorkOsFailure {
        String challengeId = null;
        String secret = null;
        String uri = null;
        try {
            if (handOver.kind() == HandOver.Kind.MFA_CHALLENGE) {
                challengeId = connection.client().challengeFactor(handOver.factorIds().get(0));
            } else if (handOver.kind() == HandOver.Kind.MFA_ENROLLMENT) {
                TotpEnrollment enrollment = connection.client().enrollTotp(handOver.user().id(), issuer,
                        handOver.email());
                challengeId = enrollment.challengeId();
                secret = enrollment.secret();
                uri = enrollment.uri();
            }
        } catch (WorkOsException e) {
            throw WorkOsFailure.of(e);
        }
        PendingSecondStep pending = new PendingSecondStep(handOver.kind(), handOver.pendingToken(),
                handOver.user().id(), handOver.email(), keycloakUserId, connection.alias(), handOverAllowed,
                defaultOrganization, challengeId, secret, uri);
        pending.keep(authSession);
        event.detail(WorkOsEventDetails.SECOND_STEP, secondStepCode(handOver.kind()));
        return pending;
    }

    /**
     * Answers the pending second step with the user's code, throttled per email: refused before WorkOS is asked
     * while the email's codes or the address are locked; a code WorkOS refuses counts and keeps the step (the user
     * may try again, or ask for a new code); WorkOS away keeps it too. Any other outcome ends the step: the sign-in
     * (or WorkOS's next step, which the caller starts), or a failure that needs a new sign-in.
     */
    public SignInResult answerSecondStep(PendingSecondStep pending, String code) throws WorkOsFailure {
        throttle.beforeCode(pending.email());
        event.detail(WorkOsEventDetails.SECOND_STEP, secondStepCode(pending.kind()))
                .detail(WorkOsEventDetails.WORKOS_USER_ID, pending.workosUserId());
        SignInRequest request = new SignInRequest(ClientPin.of(authSession.getClient()),
                OrganizationRequest.hint(authSession),
                pending.defaultOrganization(), ipAddress, userAgent, pending.handOverAllowed(), true);
        SignInResult result;
        try {
            result = new WorkOsSignIn(connection).signIn(request, () -> answer(pending, code));
        } catch (WorkOsFailure failure) {
            if (failure.codeRefused()) {
                throttle.codeRefused(pending.email());
            } else if (failure.flowError() != AuthenticationFlowError.IDENTITY_PROVIDER_ERROR) {
                PendingSecondStep.forget(authSession);
            }
            throw failure;
        }
        throttle.codeAccepted(pending.email());
        PendingSecondStep.forget(authSession);
        detailUser(result);
        return result;
    }

    private Authentication answer(PendingSecondStep pending, String code) throws WorkOsException {
        if (pending.kind() == HandOver.Kind.EMAIL_VERIFICATION) {
            return connection.client().completeEmailVerification(pending.pendingToken(), code, ipAddress, userAgent);
        }
        return connection.client().completeTotp(pending.pendingToken(), pending.challengeId(), code, ipAddress,
                userAgent);
    }

    /** Asks WorkOS to email a new verification code for the pending step; counted against the client address. */
    public void resendCode(PendingSecondStep pending) throws WorkOsFailure {
        throttle.codeResent();
        try {
            connection.client().sendVerificationEmail(pending.workosUserId());
        } catch (WorkOsException e) {
            throw WorkOsFailure.of(e);
        }
    }

    private void detailUser(SignInResult result) {
        if (result.user() != null) {
            event.detail(WorkOsEventDetails.WORKOS_USER_ID, result.user().id());
        }
    }

    private static String secondStepCode(HandOver.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Keeps the result in the authentication session: the hand-over, or WorkOS's facts and the organization, whose
     * details go on {@code event} (this request's current event: signup has moved on from REGISTER to LOGIN).
     * {@code user}: the Keycloak user, when the caller knows it (null on the hosted-page callback).
     */
    public void keep(SignInResult result, UserModel user, EventBuilder event) {
        OrganizationEvents.carry(authSession, WorkOsEventDetails.WORKOS_USER_ID, result.user().id());
        if (result.handedOver() && result.handOver().kind().secondStep()) {
            throw new IllegalStateException("A second step is started with startSecondStep, not kept");
        }
        if (result.handedOver()) {
            PendingSelection.handOver(authSession, connection.alias(), result.handOver(),
                    user == null ? null : user.getId());
            return;
        }
        WorkOsNotes.keep(session, authSession, result);
        WorkOsNotes.keepProvider(authSession, connection.alias());
        if (result.organization() != null) {
            OrganizationEvents.chosen(event, result.organization(), result.reason());
        }
    }

    public String ipAddress() {
        return ipAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    public WorkOsConnection connection() {
        return connection;
    }
}
