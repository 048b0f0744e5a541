package io.tes.keycloak.organization.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.RealmModel;

@DisplayName("SelectionStep.inFlow")
class SelectionStepTest {

    private static RealmModel realm(Map<String, List<AuthenticationExecutionModel>> flows) {
        RealmModel realm = mock(RealmModel.class);
        flows.forEach((flowId, executions) -> when(realm.getAuthenticationExecutionsStream(flowId))
                .thenAnswer(call -> executions.stream()));
        when(realm.getAuthenticationExecutionsStream("missing")).thenAnswer(call -> Stream.empty());
        return realm;
    }

    private static AuthenticationExecutionModel step(String authenticator, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticator(authenticator);
        execution.setRequirement(requirement);
        return execution;
    }

    private static AuthenticationExecutionModel subFlow(String flowId, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticatorFlow(true);
        execution.setFlowId(flowId);
        execution.setRequirement(requirement);
        return execution;
    }

    private static final AuthenticationExecutionModel COOKIE = step("auth-cookie", Requirement.ALTERNATIVE);

    @Nested
    @DisplayName("Given the step directly in the flow")
    class Direct {

        @Test
        @DisplayName("when it is required or conditional then the flow holds it")
        void enabledStep() {
            assertThat(SelectionStep.inFlow(realm(Map.of("browser",
                    List.of(COOKIE, step(ProviderIds.SELECTION_STEP, Requirement.REQUIRED)))), "browser")).isTrue();
            assertThat(SelectionStep.inFlow(realm(Map.of("browser",
                    List.of(step(ProviderIds.SELECTION_STEP, Requirement.CONDITIONAL)))), "browser")).isTrue();
        }

        @Test
        @DisplayName("when it is disabled then the flow does not hold it")
        void disabledStep() {
            assertThat(SelectionStep.inFlow(realm(Map.of("browser",
                    List.of(COOKIE, step(ProviderIds.SELECTION_STEP, Requirement.DISABLED)))), "browser")).isFalse();
        }

        @Test
        @DisplayName("when only other authenticators are there then the flow does not hold it")
        void otherSteps() {
            assertThat(SelectionStep.inFlow(realm(Map.of("browser",
                    List.of(COOKIE, step("auth-username-password-form", Requirement.REQUIRED)))), "browser"))
                    .isFalse();
        }

        @Test
        @DisplayName("when there is no flow id or an empty flow then no")
        void noFlow() {
            assertThat(SelectionStep.inFlow(realm(Map.of()), null)).isFalse();
            assertThat(SelectionStep.inFlow(realm(Map.of()), "missing")).isFalse();
        }
    }

    @Nested
    @DisplayName("Given the step in a sub-flow")
    class InSubFlow {

        @Test
        @DisplayName("when every sub-flow on the way is enabled then the flow holds it, two levels deep too")
        void nestedEnabled() {
            RealmModel realm = realm(Map.of(
                    "browser", List.of(COOKIE, subFlow("forms", Requirement.ALTERNATIVE)),
                    "forms", List.of(step("auth-username-password-form", Requirement.REQUIRED),
                            subFlow("after", Requirement.REQUIRED)),
                    "after", List.of(step(ProviderIds.SELECTION_STEP, Requirement.REQUIRED))));

            assertThat(SelectionStep.inFlow(realm, "browser")).isTrue();
        }

        @Test
        @DisplayName("when a sub-flow on the way is disabled then the flow does not hold it")
        void disabledSubFlow() {
            RealmModel realm = realm(Map.of(
                    "browser", List.of(COOKIE, subFlow("forms", Requirement.ALTERNATIVE)),
                    "forms", List.of(subFlow("after", Requirement.DISABLED)),
                    "after", List.of(step(ProviderIds.SELECTION_STEP, Requirement.REQUIRED))));

            assertThat(SelectionStep.inFlow(realm, "browser")).isFalse();
        }

        @Test
        @DisplayName("when the sub-flow holds only a disabled step then no, and a later enabled one still counts")
        void disabledStepInSubFlow() {
            RealmModel disabledOnly = realm(Map.of(
                    "browser", List.of(subFlow("forms", Requirement.REQUIRED)),
                    "forms", List.of(step(ProviderIds.SELECTION_STEP, Requirement.DISABLED))));
            RealmModel laterEnabled = realm(Map.of(
                    "browser", List.of(subFlow("forms", Requirement.REQUIRED),
                            step(ProviderIds.SELECTION_STEP, Requirement.REQUIRED)),
                    "forms", List.of(step(ProviderIds.SELECTION_STEP, Requirement.DISABLED))));

            assertThat(SelectionStep.inFlow(disabledOnly, "browser")).isFalse();
            assertThat(SelectionStep.inFlow(laterEnabled, "browser")).isTrue();
        }
    }
}
