package io.tes.keycloak.workos.account;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.HandOver;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.SessionSignIn;
import io.tes.keycloak.workos.signin.SignInResult;
import io.tes.keycloak.workos.signup.SignUp;
import io.tes.keycloak.workos.signup.SignUpForm;
import io.tes.keycloak.workos.signup.SignUpRefusal;
import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.forms.RegistrationPage;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * {@code POST signup}: the registration form's checks ({@link SignUpForm}) and sign-up ({@link SignUp}), then the
 * linked Keycloak user ({@link LinkedUsers#upsert}). WorkOS's first sign-in of the new user tells whether it wants
 * the email verified first; nothing of it is kept (the user signs in on the app's login page afterwards). When
 * WorkOS refuses or is away nothing is created; when the Keycloak half fails after WorkOS created the user, a later
 * sign-in (or the same sign-up again, with the same password) links it, as for the form.
 */
final class SignUpCall {

    static final String REGISTER_METHOD = "tes-api";

    private static final Logger LOG = Logger.getLogger(SignUpCall.class);

    /** The account API's sign-in: no authentication session, no client pin; a second step is only reported. */
    private record ApiSignIn(SessionSignIn sequence) implements SignUp.SignIn {

        @Override
        public SignInResult created(String email, String password) throws WorkOsFailure {
            return sequence.signIn(() -> sequence.connection().client().authenticateWithPassword(email, password,
                    sequence.ipAddress(), sequence.userAgent()), null, null, true, true);
        }

        @Override
        public SignInResult recovery(String email, String password) throws WorkOsFailure {
            return sequence.signInWithPassword(email, password, null, null, true, true);
        }
    }

    private SignUpCall() {
    }

    static Response run(KeycloakSession session, String alias, ApiBody body, EventBuilder event) throws ApiError {
        event.detail(Details.REGISTER_METHOD, REGISTER_METHOD);
        SignUpForm form = SignUpForm.read(session, registrationFields(body));
        event.detail(Details.EMAIL, form.email()).detail(Details.USERNAME, form.email());
        if (!form.valid()) {
            throw invalid(form);
        }
        SignUp.Attempt<ApiSignIn> attempt = SignUp.attempt(session, alias, form,
                connection -> new ApiSignIn(SessionSignIn.detached(session, connection, event)));
        if (attempt.refusal() != null) {
            throw refused(attempt.refusal());
        }
        SignUp.Outcome<ApiSignIn> outcome = attempt.outcome();
        String linkAlias = outcome.via().sequence().connection().alias();
        RealmModel realm = session.getContext().getRealm();
        if (outcome.recovered() && session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(linkAlias, outcome.user().id(), outcome.user().email())) != null) {
            // The password was right, but this is no unfinished sign-up: the account exists.
            throw refused(SignUpRefusal.emailTaken());
        }
        UserModel user;
        try {
            user = LinkedUsers.upsert(session, realm, linkAlias, outcome.user());
        } catch (WorkOsFailure conflict) {
            throw ApiError.of(conflict, 409, Errors.EMAIL_IN_USE, conflict.code(), "email");
        }
        event.user(user).detail(WorkOsEventDetails.WORKOS_USER_ID, outcome.user().id());
        if (outcome.recovered()) {
            event.detail(WorkOsEventDetails.SIGNUP_RECOVERED, "true");
        }
        if (outcome.failure() != null) {
            // The account exists at WorkOS and in Keycloak; only the first sign-in failed (WorkOS briefly away).
            LOG.debugf("Signed up WorkOS user %s, whose first sign-in failed: %s", outcome.user().id(),
                    outcome.failure().code());
            outcome.failure().describe(event);
        }
        event.success();
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", user.getId());
        created.put("workosUserId", outcome.user().id());
        created.put("email", user.getEmail());
        created.put("emailVerificationRequired", verificationRequired(outcome.signIn()));
        return Response.status(Response.Status.CREATED).entity(created).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Whether WorkOS asked for the emailed code at the first sign-in; null when that sign-in failed. */
    static Boolean verificationRequired(SignInResult signIn) {
        if (signIn == null) {
            return null;
        }
        return signIn.handedOver() && signIn.handOver().kind() == HandOver.Kind.EMAIL_VERIFICATION;
    }

    /** The API's fields under the registration page's names; the password is its own confirmation. */
    static MultivaluedMap<String, String> registrationFields(ApiBody body) {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        put(fields, RegistrationPage.FIELD_EMAIL, body.trimmed("email"));
        put(fields, RegistrationPage.FIELD_FIRST_NAME, body.value("firstName"));
        put(fields, RegistrationPage.FIELD_LAST_NAME, body.value("lastName"));
        put(fields, RegistrationPage.FIELD_PASSWORD, body.value("password"));
        put(fields, RegistrationPage.FIELD_PASSWORD_CONFIRM, body.value("password"));
        return fields;
    }

    private static void put(MultivaluedMap<String, String> fields, String name, String value) {
        if (value != null) {
            fields.putSingle(name, value);
        }
    }

    /** The first of the form's errors, on the API's field name. */
    static ApiError invalid(SignUpForm form) {
        FormMessage first = form.errors().get(0);
        if (Errors.EMAIL_IN_USE.equals(form.eventError())) {
            return ApiError.of(409, Errors.EMAIL_IN_USE, first.getMessage(), "email", form.eventError());
        }
        return ApiError.of(400, ApiError.INVALID_REQUEST, first.getMessage(), apiField(first.getField()),
                form.eventError());
    }

    /** WorkOS's or the throttle's refusal: nothing was created. */
    static ApiError refused(SignUpRefusal refusal) {
        WorkOsFailure failure = refusal.failure();
        String code = failure.code();
        if (SignUpRefusal.EMAIL_NOT_AVAILABLE.equals(code) || WorkOsThrottle.BY_EMAIL.equals(failure.throttled())) {
            // A locked email reads as a taken one, what a wrong recovery password gets: it tells nothing more.
            return ApiError.of(failure, 409, Errors.EMAIL_IN_USE, SignUpRefusal.EMAIL_NOT_AVAILABLE, "email");
        }
        if (WorkOsThrottle.BY_ADDRESS.equals(failure.throttled())) {
            return ApiError.of(failure, 429, "slow_down", code, null);
        }
        if (SignUpRefusal.EMAIL_INVALID.equals(code) || SignUpRefusal.PASSWORD_TOO_WEAK.equals(code)) {
            return ApiError.of(failure, 400, ApiError.INVALID_REQUEST, code, apiField(refusal.message().getField()));
        }
        if (Errors.INVALID_REGISTRATION.equals(failure.eventError())) {
            return ApiError.of(failure, 400, ApiError.INVALID_REQUEST, code, null);
        }
        return ApiError.unavailable(failure);
    }

    /** The registration page's field names as TES's sign-up named them. */
    static String apiField(String formField) {
        if (formField == null) {
            return null;
        }
        switch (formField) {
            case RegistrationPage.FIELD_PASSWORD_CONFIRM:
                return "password";
            case "username":
                return "email";
            default:
                return formField;
        }
    }
}
