package io.tes.keycloak.workos.signup;

import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.SignInResult;
import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.models.KeycloakSession;

/**
 * Signing a new user up at WorkOS, the one sequence of the registration form ({@link WorkOsSignUp}) and the TES
 * account API: counted against the client address, the WorkOS user created, then signed in at WorkOS (which tells
 * whether WorkOS wants the email verified first). An email WorkOS already holds is taken over only when the same
 * password signs in at WorkOS, throttled as any sign-in: that recovers a sign-up whose Keycloak half failed. The
 * caller then creates or finds the linked Keycloak user ({@code LinkedUsers.upsert}) and does what its entry point
 * needs with the sign-in.
 */
public final class SignUp {

    private static final Logger LOG = Logger.getLogger(SignUp.class);

    /** How the caller signs the user in at WorkOS once it exists. */
    public interface SignIn {

        /** The first sign-in of the user just created (its password was just set: no count per email). */
        SignInResult created(String email, String password) throws WorkOsFailure;

        /** The recovery's sign-in: a password tried on an email WorkOS held before, throttled as any sign-in. */
        SignInResult recovery(String email, String password) throws WorkOsFailure;
    }

    /**
     * The WorkOS user, with either its sign-in or why the sign-in failed (the user exists all the same);
     * {@code recovered}: the email was at WorkOS already and the password signed in. {@code via}: the caller's sign-in.
     */
    public record Outcome<S extends SignIn>(S via, WorkOsUser user, SignInResult signIn, WorkOsFailure failure,
            boolean recovered) {
    }

    /** What signing up at WorkOS gave: an outcome, or a refusal of the sign-up (nothing was created). */
    public record Attempt<S extends SignIn>(Outcome<S> outcome, SignUpRefusal refusal) {

        static <S extends SignIn> Attempt<S> refused(SignUpRefusal refusal) {
            return new Attempt<>(null, refusal);
        }
    }

    /** Opens the connection for the sign-in the caller makes of it. */
    @FunctionalInterface
    public interface SignIns<S extends SignIn> {
        S open(WorkOsConnection connection);
    }

    private SignUp() {
    }

    /** Signs up a form that passed {@link SignUpForm#valid()} with the realm's WorkOS provider of that alias. */
    public static <S extends SignIn> Attempt<S> attempt(KeycloakSession session, String alias, SignUpForm form,
            SignIns<S> signIns) {
        try {
            WorkOsThrottle.of(session).signUp();
            WorkOsConnection connection = WorkOsConnection.open(session, alias);
            WorkOsUser created = null;
            try {
                created = connection.client().createUser(form.email(), form.password(), form.firstName(),
                        form.lastName(), false);
                LOG.debugf("Created WorkOS user %s", created.id());
            } catch (WorkOsException e) {
                SignUpRefusal refusal = SignUpRefusal.of(e);
                if (!SignUpRefusal.EMAIL_NOT_AVAILABLE.equals(refusal.failure().code())) {
                    return Attempt.refused(refusal);
                }
                LOG.debug("WorkOS already holds the email; trying the password to recover an unfinished sign-up");
            }
            S signIn = signIns.open(connection);
            try {
                SignInResult result;
                if (created != null) {
                    result = signIn.created(form.email(), form.password());
                } else {
                    result = signIn.recovery(form.email(), form.password());
                }
                return new Attempt<>(new Outcome<>(signIn, result.user(), result, null, created == null), null);
            } catch (WorkOsFailure failure) {
                if (created == null) {
                    // Not recovered: the email is simply taken (wrong password), or WorkOS refused otherwise.
                    return Attempt.refused(failure.flowError() == AuthenticationFlowError.INVALID_CREDENTIALS
                            ? SignUpRefusal.emailTaken() : SignUpRefusal.of(failure));
                }
                return new Attempt<>(new Outcome<>(signIn, created, null, failure, false), null);
            }
        } catch (WorkOsFailure refused) {
            // The address's sign-ups are over the limit, or the WorkOS connection is not configured.
            return Attempt.refused(SignUpRefusal.of(refused));
        }
    }
}
