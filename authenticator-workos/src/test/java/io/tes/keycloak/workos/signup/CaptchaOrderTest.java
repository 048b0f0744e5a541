package io.tes.keycloak.workos.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.RealmModel;

@DisplayName("CaptchaOrder")
class CaptchaOrderTest {

    private static final String FORM = "form-flow-id";
    private static final String RECAPTCHA = "registration-recaptcha-action";
    private static final String ENTERPRISE = "registration-recaptcha-enterprise";
    private static final String TERMS = "registration-terms-and-conditions";

    private final RealmModel realm = mock(RealmModel.class);

    private static AuthenticationExecutionModel execution(String id, String provider, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setId(id);
        execution.setParentFlow(FORM);
        execution.setAuthenticator(provider);
        execution.setRequirement(requirement);
        return execution;
    }

    private static AuthenticationExecutionModel signUp() {
        return execution("signup", WorkOsSignUpFactory.PROVIDER_ID, Requirement.REQUIRED);
    }

    /** The form's executions in the order Keycloak returns (and validates) them. */
    private void form(AuthenticationExecutionModel... executions) {
        when(realm.getAuthenticationExecutionsStream(FORM)).thenAnswer(call -> List.of(executions).stream());
    }

    @Nested
    @DisplayName("Given a CAPTCHA after WorkOS sign-up")
    class After {

        @Test
        @DisplayName("when it is required then it is found")
        void required() {
            AuthenticationExecutionModel captcha = execution("captcha", RECAPTCHA, Requirement.REQUIRED);
            form(signUp(), execution("terms", TERMS, Requirement.REQUIRED), captcha);

            assertThat(CaptchaOrder.captchaAfter(realm, signUp())).contains(captcha);
        }

        @Test
        @DisplayName("when it is reCAPTCHA Enterprise, alternative or conditional then it is found too")
        void otherKindsAndRequirements() {
            for (Requirement requirement : List.of(Requirement.REQUIRED, Requirement.ALTERNATIVE,
                    Requirement.CONDITIONAL)) {
                form(signUp(), execution("captcha", ENTERPRISE, requirement));

                assertThat(CaptchaOrder.captchaAfter(realm, signUp())).as("%s", requirement).isPresent();
            }
        }

        @Test
        @DisplayName("when it is disabled then it does not count")
        void disabled() {
            form(signUp(), execution("captcha", RECAPTCHA, Requirement.DISABLED));

            assertThat(CaptchaOrder.captchaAfter(realm, signUp())).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given no CAPTCHA after WorkOS sign-up")
    class NotAfter {

        @Test
        @DisplayName("when the CAPTCHA comes first then nothing is found")
        void before() {
            form(execution("captcha", RECAPTCHA, Requirement.REQUIRED), signUp(),
                    execution("terms", TERMS, Requirement.REQUIRED));

            assertThat(CaptchaOrder.captchaAfter(realm, signUp())).isEmpty();
        }

        @Test
        @DisplayName("when the form has no CAPTCHA then nothing is found")
        void none() {
            form(signUp());

            assertThat(CaptchaOrder.captchaAfter(realm, signUp())).isEmpty();
        }
    }
}
