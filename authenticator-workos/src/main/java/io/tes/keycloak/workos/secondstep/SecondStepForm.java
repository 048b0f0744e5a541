package io.tes.keycloak.workos.secondstep;

import java.util.Optional;

import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.organization.OrganizationMirror;
import io.tes.keycloak.workos.signin.HandOver;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.PendingSecondStep;
import io.tes.keycloak.workos.signin.SessionSignIn;
import io.tes.keycloak.workos.signin.SignInResult;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * WorkOS's second steps in a browser flow, for the steps that show the code page (the password form, and the
 * "WorkOS second step" of the registration flow): starts the step WorkOS handed over, then takes the page's posts —
 * a code, or "send a new code" — until WorkOS signs the user in. Only then is the Keycloak user created or updated
 * (a sign-up's user exists already and must be the one the step belongs to), so a step abandoned or failed leaves
 * nothing behind in Keycloak.
 */
public final class SecondStepForm {

    /** The page's hidden field: this post answers the second step, not the login form. */
    public static final String MARKER = "tes_second_step";
    static final String RESEND = "resend";
    private static final Logger LOG = Logger.getLogger(SecondStepForm.class);

    /** What the step in the flow does once WorkOS has signed the user in. */
    @FunctionalInterface
    public interface Completion {
        void signedIn(UserModel user);
    }

    /** What the step in the flow does when the second step is over without a sign-in (expired, refused). */
    @FunctionalInterface
    public interface Failure {
        void failed(WorkOsFailure failure);
    }

    private SecondStepForm() {
    }

    /** Whether this request posts the code page of the second step waiting in this authentication session. */
    public static boolean posted(AuthenticationFlowContext context) {
        return context.getHttpRequest().getDecodedFormParameters().containsKey(MARKER)
                && PendingSecondStep.peek(context.getAuthenticationSession()).isPresent();
    }

    /**
     * Starts the second step of {@code handOver} (challenges or enrolls a TOTP factor at WorkOS) and keeps it in the
     * authentication session, without showing a page: for a step that runs before the page's (sign-up).
     */
    public static void prepare(SessionSignIn signIn, HandOver handOver, RealmModel realm, String keycloakUserId,
            boolean handOverAllowed, String defaultOrganization) throws WorkOsFailure {
        signIn.startSecondStep(handOver, keycloakUserId, handOverAllowed, defaultOrganization, issuer(realm));
    }

    /** Starts the second step of {@code handOver} and shows its page. */
    public static void start(AuthenticationFlowContext context, SessionSignIn signIn, HandOver handOver,
            String keycloakUserId, boolean handOverAllowed, String defaultOrganization) throws WorkOsFailure {
        PendingSecondStep pending = signIn.startSecondStep(handOver, keycloakUserId, handOverAllowed,
                defaultOrganization, issuer(context.getRealm()));
        context.challenge(SecondStepPage.render(context.form(), pending, null, null));
    }

    /** Shows the page of the second step waiting in this authentication session; false when none waits. */
    public static boolean show(AuthenticationFlowContext context) {
        Optional<PendingSecondStep> pending = PendingSecondStep.peek(context.getAuthenticationSession());
        pending.ifPresent(step -> context.challenge(SecondStepPage.render(context.form(), step, null, null)));
        return pending.isPresent();
    }

    /** Takes a post of the code page (see {@link #posted}). */
    public static void action(AuthenticationFlowContext context, Completion completion, Failure failure) {
        Optional<PendingSecondStep> waiting = PendingSecondStep.peek(context.getAuthenticationSession());
        if (waiting.isEmpty()) {
            failure.failed(WorkOsFailure.handOverMismatch());
            return;
        }
        PendingSecondStep pending = waiting.get();
        context.getEvent().detail(Details.USERNAME, pending.email());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        try {
            WorkOsConnection connection = WorkOsConnection.open(context.getSession(), pending.providerAlias());
            SessionSignIn signIn = SessionSignIn.of(context.getSession(), connection,
                    context.getAuthenticationSession(), context.getEvent());
            if (form.containsKey(RESEND) && pending.kind() == HandOver.Kind.EMAIL_VERIFICATION) {
                signIn.resendCode(pending);
                context.challenge(SecondStepPage.render(context.form(), pending, null, "workosCodeResent"));
                return;
            }
            String code = code(form.getFirst(SecondStepPage.CODE));
            if (code == null) {
                context.challenge(SecondStepPage.render(context.form(), pending, "workosCodeMissing", null));
                return;
            }
            SignInResult result = signIn.answerSecondStep(pending, code);
            if (result.handedOver() && result.handOver().kind().secondStep()) {
                LOG.debugf("WorkOS asks for another second step: %s", result.handOver().kind());
                start(context, signIn, result.handOver(), pending.keycloakUserId(), pending.handOverAllowed(),
                        pending.defaultOrganization());
                return;
            }
            UserModel user = LinkedUsers.upsert(context.getSession(), context.getRealm(), connection.alias(),
                    result.user());
            if (pending.keycloakUserId() != null && !pending.keycloakUserId().equals(user.getId())) {
                throw WorkOsFailure.handOverMismatch();
            }
            context.getEvent().user(user);
            signIn.keep(result, user, context.getEvent());
            OrganizationMirror.afterSignIn(context.getSession(), connection, user, result);
            completion.signedIn(user);
        } catch (WorkOsFailure refused) {
            refused.report(context.getEvent());
            if (PendingSecondStep.peek(context.getAuthenticationSession()).isPresent()) {
                // A wrong code, too many codes, or WorkOS away: the step waits; the user may try again.
                context.challenge(SecondStepPage.render(context.form(), pending, refused.messageKey(), null));
                return;
            }
            failure.failed(refused);
        }
    }

    /** The code as typed, without spaces; null when empty. */
    static String code(String typed) {
        if (typed == null) {
            return null;
        }
        String code = typed.replaceAll("\\s+", "");
        return code.isEmpty() ? null : code;
    }

    /** What the user's authenticator app shows for a new factor: the realm's display name, else its name. */
    static String issuer(RealmModel realm) {
        String display = realm.getDisplayName();
        return display != null && !display.isBlank() && !display.contains("<") ? display : realm.getName();
    }
}
