package io.tes.keycloak.organization.contract;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;

/** Where the "Organization selection" step runs: a sign-in step hands a choice over only when the step follows. */
public final class SelectionStep {

    private SelectionStep() {
    }

    /** Whether the flow (or one of its enabled sub-flows) holds an enabled "Organization selection" step. */
    public static boolean inFlow(RealmModel realm, String flowId) {
        if (flowId == null) {
            return false;
        }
        return realm.getAuthenticationExecutionsStream(flowId).anyMatch(execution -> isStep(realm, execution));
    }

    private static boolean isStep(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.isDisabled()) {
            return false;
        }
        if (execution.isAuthenticatorFlow()) {
            return inFlow(realm, execution.getFlowId());
        }
        return ProviderIds.SELECTION_STEP.equals(execution.getAuthenticator());
    }
}
