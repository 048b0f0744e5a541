package io.tes.keycloak.workos.signup;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import org.keycloak.authentication.forms.RegistrationRecaptcha;
import org.keycloak.authentication.forms.RegistrationRecaptchaEnterprise;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;

/**
 * Whether a CAPTCHA runs after WorkOS sign-up in the same registration form. Keycloak validates a form's actions in
 * the flow's order ({@code FormAuthenticationFlow}), so a CAPTCHA placed after sign-up would be checked only once
 * the WorkOS user exists. Known CAPTCHAs: Keycloak's reCAPTCHA and reCAPTCHA Enterprise actions.
 */
final class CaptchaOrder {

    static final Set<String> CAPTCHA_ACTIONS = Set.of(RegistrationRecaptcha.PROVIDER_ID,
            RegistrationRecaptchaEnterprise.PROVIDER_ID);

    private CaptchaOrder() {
    }

    /** Whether an enabled CAPTCHA action comes before {@code signUp} in its form. */
    static boolean captchaBefore(RealmModel realm, AuthenticationExecutionModel signUp) {
        Iterator<AuthenticationExecutionModel> form = realm.getAuthenticationExecutionsStream(signUp.getParentFlow())
                .iterator();
        while (form.hasNext()) {
            AuthenticationExecutionModel execution = form.next();
            if (execution.getId() != null && execution.getId().equals(signUp.getId())) {
                return false;
            }
            if (execution.isEnabled() && CAPTCHA_ACTIONS.contains(execution.getAuthenticator())) {
                return true;
            }
        }
        return false;
    }

    /** The first enabled CAPTCHA action that follows {@code signUp} in its form, if any. */
    static Optional<AuthenticationExecutionModel> captchaAfter(RealmModel realm, AuthenticationExecutionModel signUp) {
        Iterator<AuthenticationExecutionModel> form = realm.getAuthenticationExecutionsStream(signUp.getParentFlow())
                .iterator();
        boolean after = false;
        while (form.hasNext()) {
            AuthenticationExecutionModel execution = form.next();
            if (execution.getId() != null && execution.getId().equals(signUp.getId())) {
                after = true;
            } else if (after && execution.isEnabled() && CAPTCHA_ACTIONS.contains(execution.getAuthenticator())) {
                return Optional.of(execution);
            }
        }
        return Optional.empty();
    }
}
