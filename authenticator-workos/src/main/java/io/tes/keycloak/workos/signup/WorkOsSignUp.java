package io.tes.keycloak.workos.signup;

import java.util.List;
import java.util.Optional;

import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.connection.WorkOsStepConfig;
import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.organization.OrganizationMirror;
import io.tes.keycloak.workos.secondstep.SecondStepForm;
import io.tes.keycloak.workos.secondstep.WorkOsSecondStepFactory;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.SessionSignIn;
import io.tes.keycloak.workos.signin.SignInResult;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Creates the WorkOS user while the form is validated, so WorkOS's refusals come back as field errors before any
 * Keycloak user exists; then signs the new user in at WorkOS (which applies the client's organization pin) and, on
 * success, creates and links the Keycloak user. An email WorkOS already holds, with no Keycloak user yet, is taken
 * over only when the same password signs in at WorkOS: that recovers a sign-up whose Keycloak half failed.
 */
final class WorkOsSignUp implements FormAction {

    private static final Logger LOG = Logger.getLogger(WorkOsSignUp.class);
    /** What validate() learned, for success() in the same request. */
    private static final String OUTCOME = WorkOsSignUp.class.getName() + ".outcome";
    /** With a CAPTCHA in the form: the checked form, for success() to sign up at WorkOS once every action passed. */
    private static final String DEFERRED = WorkOsSignUp.class.getName() + ".deferred";

    /** The form's sign-in: the authentication session's, with the request's organization hint and the default. */
    private record FormSignIn(SessionSignIn sequence, String hint, String defaultOrganization)
            implements SignUp.SignIn {

        static FormSignIn of(SessionSignIn sequence, AuthenticationSessionModel authSession) {
            return new FormSignIn(sequence, OrganizationRequest.hint(authSession),
                    sequence.connection().config().getDefaultOrganization());
        }

        @Override
        public SignInResult created(String email, String password) throws WorkOsFailure {
            return sequence.signIn(() -> sequence.connection().client().authenticateWithPassword(email, password,
                    sequence.ipAddress(), sequence.userAgent()), hint, defaultOrganization, false, true);
        }

        @Override
        public SignInResult recovery(String email, String password) throws WorkOsFailure {
            return sequence.signInWithPassword(email, password, hint, defaultOrganization, false, true);
        }
    }

    /** What validate() learned, kept for success(). */
    private record Outcome(SignUp.Outcome<FormSignIn> of) {

        SessionSignIn sequence() {
            return of.via().sequence();
        }

        WorkOsUser user() {
            return of.user();
        }

        SignInResult signIn() {
            return of.signIn();
        }

        WorkOsFailure failure() {
            return of.failure();
        }

        boolean recovered() {
            return of.recovered();
        }
    }

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
        form.setAttribute("passwordRequired", true);
    }

    @Override
    public void validate(ValidationContext context) {
        rejectOtherUser(context);
        context.getEvent().detail(Details.REGISTER_METHOD, "form");
        SignUpForm form = SignUpForm.read(context);
        context.getEvent().detail(Details.EMAIL, form.email()).detail(Details.USERNAME, form.email())
                .detail(Details.FIRST_NAME, form.firstName()).detail(Details.LAST_NAME, form.lastName());
        if (captchaMisordered(context)) {
            refuse(context, form, SignUpRefusal.of(WorkOsFailure.signUpCaptchaMisordered()));
            // A configuration error: the CAPTCHA's own complaint (it runs after us) would only hide it.
            context.excludeOtherErrors();
            return;
        }
        if (!form.valid()) {
            context.error(form.eventError());
            context.validationError(form.kept(), form.errors());
            return;
        }
        if (CaptchaOrder.captchaBefore(context.getRealm(), context.getExecution())) {
            // Keycloak validates every action of the form even when the CAPTCHA fails; only success() waits for
            // all of them. So with a CAPTCHA the WorkOS user is created in success(), and WorkOS's refusals show
            // on an error page instead of on the form's fields.
            context.getSession().setAttribute(DEFERRED, form);
            context.success();
            return;
        }
        SignUp.Attempt<FormSignIn> attempt = signUpAtWorkOs(context.getSession(), context.getAuthenticationSession(),
                context.getEvent(), context.getAuthenticatorConfig(), form);
        if (attempt.refusal() != null) {
            refuse(context, form, attempt.refusal());
            return;
        }
        context.getSession().setAttribute(OUTCOME, new Outcome(attempt.outcome()));
        context.success();
    }

    /** Creates the WorkOS user, then signs in at WorkOS ({@link SignUp}): the outcome, or why WorkOS refused. */
    private static SignUp.Attempt<FormSignIn> signUpAtWorkOs(KeycloakSession session,
            AuthenticationSessionModel authSession, EventBuilder event, AuthenticatorConfigModel config,
            SignUpForm form) {
        return SignUp.attempt(session, WorkOsStepConfig.of(config).identityProvider(), form,
                connection -> FormSignIn.of(SessionSignIn.of(session, connection, authSession, event), authSession));
    }

    /** A CAPTCHA after this action would be checked only once the WorkOS user exists (see {@link CaptchaOrder}). */
    private static boolean captchaMisordered(ValidationContext context) {
        Optional<AuthenticationExecutionModel> captcha = CaptchaOrder.captchaAfter(context.getRealm(),
                context.getExecution());
        captcha.ifPresent(after -> LOG.warnf("Realm %s: the registration form runs '%s' after WorkOS sign-up; "
                + "sign-up is refused until the CAPTCHA is moved before WorkOS sign-up or disabled",
                context.getRealm().getName(), after.getAuthenticator()));
        return captcha.isPresent();
    }

    private static void refuse(ValidationContext context, SignUpForm form, SignUpRefusal refusal) {
        LOG.debugf("Sign-up refused: %s", refusal.failure().code());
        refusal.failure().describe(context.getEvent());
        context.error(refusal.failure().eventError());
        context.validationError(form.kept(), List.of(refusal.message()));
    }

    @Override
    public void success(FormContext context) {
        rejectOtherUser(context);
        Outcome outcome = (Outcome) context.getSession().getAttribute(OUTCOME);
        SignUpForm deferred = (SignUpForm) context.getSession().getAttribute(DEFERRED);
        if (outcome == null && deferred != null) {
            SignUp.Attempt<FormSignIn> attempt = signUpAtWorkOs(context.getSession(),
                    context.getAuthenticationSession(), context.getEvent(), context.getAuthenticatorConfig(), deferred);
            if (attempt.refusal() != null) {
                LOG.debugf("Sign-up refused: %s", attempt.refusal().failure().code());
                throw fail(context, attempt.refusal().failure());
            }
            outcome = new Outcome(attempt.outcome());
        }
        UserModel user;
        try {
            user = LinkedUsers.upsert(context.getSession(), context.getRealm(), outcome.sequence().connection().alias(),
                    outcome.user());
        } catch (WorkOsFailure conflict) {
            throw fail(context, conflict);
        }
        context.getEvent().user(user).detail(WorkOsEventDetails.WORKOS_USER_ID, outcome.user().id());
        if (outcome.recovered()) {
            context.getEvent().detail(WorkOsEventDetails.SIGNUP_RECOVERED, "true");
        }
        context.getEvent().success();
        context.newEvent().event(EventType.LOGIN)
                .client(context.getAuthenticationSession().getClient().getClientId())
                .detail(Details.REDIRECT_URI, context.getAuthenticationSession().getRedirectUri())
                .detail(Details.AUTH_METHOD, context.getAuthenticationSession().getProtocol())
                .detail(Details.USERNAME, user.getUsername()).user(user)
                .detail(WorkOsEventDetails.WORKOS_USER_ID, outcome.user().id());
        if (outcome.failure() != null) {
            // The account exists at WorkOS and in Keycloak, but this sign-in is refused (e.g. the client's pinned
            // organization, or WorkOS wants the email verified first).
            throw fail(context, outcome.failure());
        }
        if (outcome.signIn().handedOver() && outcome.signIn().handOver().kind().secondStep()) {
            // WorkOS wants the new email verified (or MFA) first: the "WorkOS second step" after the form asks.
            startSecondStep(context, outcome, user);
        } else {
            outcome.sequence().keep(outcome.signIn(), user, context.getEvent());
            OrganizationMirror.afterSignIn(context.getSession(), outcome.sequence().connection(), user,
                    outcome.signIn());
        }
        context.setUser(user);
    }

    private static void startSecondStep(FormContext context, Outcome outcome, UserModel user) {
        if (!WorkOsSecondStepFactory.follows(context.getRealm(), context.getExecution().getParentFlow())) {
            LOG.warnf("Realm %s: WorkOS asks new users for %s, but no enabled 'WorkOS second step' follows the "
                    + "registration form; the account exists and can sign in with the password form",
                    context.getRealm().getName(), outcome.signIn().handOver().kind());
            throw fail(context, WorkOsFailure.signUpSecondStepMissing());
        }
        try {
            SecondStepForm.prepare(outcome.sequence(), outcome.signIn().handOver(), context.getRealm(), user.getId(),
                    false, outcome.sequence().connection().config().getDefaultOrganization());
        } catch (WorkOsFailure failure) {
            throw fail(context, failure);
        }
    }

    /**
     * Keycloak's processor records the event's error for this exception (generic_authentication_error): the Keycloak
     * error of the failure goes in its detail and the message key onto Keycloak's themed error page.
     */
    private static AuthenticationFlowException fail(FormContext context, WorkOsFailure failure) {
        failure.describe(context.getEvent());
        return new AuthenticationFlowException(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                failure.eventError(), failure.messageKey());
    }

    /** Like Keycloak's own registration: a user already attached means the browser came back to a stale form. */
    private static void rejectOtherUser(FormContext context) {
        if (context.getUser() != null) {
            context.getEvent().detail(Details.EXISTING_USER, context.getUser().getUsername());
            throw new AuthenticationFlowException(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                    Errors.DIFFERENT_USER_AUTHENTICATING, Messages.EXPIRED_ACTION);
        }
    }

    @Override
    public boolean requiresUser() {
        return false;
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
