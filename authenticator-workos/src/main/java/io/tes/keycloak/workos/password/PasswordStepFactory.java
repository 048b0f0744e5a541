package io.tes.keycloak.workos.password;

import java.util.List;

import io.tes.keycloak.workos.connection.WorkOsStepFactory;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** What the two WorkOS password steps share: password category, requirement choices and configuration. */
abstract class PasswordStepFactory extends WorkOsStepFactory implements AuthenticatorFactory {

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return WorkOsPasswordConfigProperties.PROPERTIES;
    }
}
