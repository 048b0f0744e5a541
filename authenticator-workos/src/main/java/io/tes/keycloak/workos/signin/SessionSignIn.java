package io.tes.keycloak.workos.signin;

import io.tes.keycloak.organization.contract.ClientPin;
import io.tes.keycloak.organization.contract.OrganizationEvents;
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
     * Signs in with an email and password, throttled: refused before WorkOS is asked while the email or the client
     * address is locked; a password WorkOS refuses counts, one it accepts clears the email's count.
     */
    public SignInResult signInWithPassword(String email, String password, String organizationHint,
            String defaultOrganization, boolean handOverAllowed) throws WorkOsFailure {
        throttle.beforePassword(email);
        SignInResult result;
        try {
            result = signIn(() -> connection.client().authenticateWithPassword(email, password, ipAddress, userAgent),
                    organizationHint, defaultOrganization, handOverAllowed);
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
     * the user when nothing decides; otherwise an undecided choice fails.
     */
    public SignInResult signIn(WorkOsSignIn.Exchange exchange, String organizationHint, String defaultOrganization,
            boolean handOverAllowed) throws WorkOsFailure {
        WorkOsNotes.forget(authSession);
        SignInRequest request = new SignInRequest(ClientPin.of(authSession.getClient()), organizationHint,
                defaultOrganization, ipAddress, userAgent, handOverAllowed);
        SignInResult result = new WorkOsSignIn(connection).signIn(request, exchange);
        event.detail(WorkOsEventDetails.WORKOS_USER_ID, result.user().id());
        return result;
    }

    /**
     * Keeps the result in the authentication session: the hand-over, or WorkOS's facts and the organization, whose
     * details go on {@code event} (this request's current event: signup has moved on from REGISTER to LOGIN).
     * {@code user}: the Keycloak user, when the caller knows it (null on the hosted-page callback).
     */
    public void keep(SignInResult result, UserModel user, EventBuilder event) {
        OrganizationEvents.carry(authSession, WorkOsEventDetails.WORKOS_USER_ID, result.user().id());
        if (result.handedOver()) {
            PendingSelection.handOver(authSession, connection.alias(), result.handOver(),
                    user == null ? null : user.getId());
            return;
        }
        WorkOsNotes.keep(session, authSession, result);
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
