package io.tes.keycloak.workos.secondstep;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "WorkOS second step": the code page for a second step a step before it started (registration flows, after the
 * registration form with "WorkOS sign-up"). No settings: the step left waiting names its WorkOS identity provider.
 */
public final class WorkOsSecondStepFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "tes-workos-second-step";
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS second step";
    }

    @Override
    public String getHelpText() {
        return "Asks for the code of a WorkOS second step (the emailed verification code, or the TOTP code of an "
                + "authenticator app) that WorkOS sign-up started; passes when none waits. Put it right after the "
                + "registration form.";
    }

    @Override
    public String getReferenceCategory() {
        return "workos";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new WorkOsSecondStep();
    }

    /** Whether a flow of the realm runs this step, enabled, after the form flow {@code formFlowId}. */
    public static boolean follows(RealmModel realm, String formFlowId) {
        return realm.getAuthenticationFlowsStream().anyMatch(flow -> {
            List<AuthenticationExecutionModel> executions = realm.getAuthenticationExecutionsStream(flow.getId())
                    .toList();
            for (int i = 0; i < executions.size(); i++) {
                if (formFlowId.equals(executions.get(i).getFlowId())) {
                    return executions.subList(i + 1, executions.size()).stream()
                            .anyMatch(after -> PROVIDER_ID.equals(after.getAuthenticator()) && !after.isDisabled());
                }
            }
            return false;
        });
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
