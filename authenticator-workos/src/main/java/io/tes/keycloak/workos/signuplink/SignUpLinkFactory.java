package io.tes.keycloak.workos.signuplink;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "TES sign-up link": TES apps opened their sign-up form with {@code mode=signup} on the authorization request; this
 * first step of the browser flow sends such requests to the registration page, as Keycloak does for
 * {@code prompt=create}, and passes every other request untouched. It is a step rather than a rewrite of
 * {@code prompt}, which no SPI allows; it must be REQUIRED (it passes with success), the first of the browser flow,
 * before the SSO cookie step, so a signed-in user asking to sign up gets the form as with {@code prompt=create}.
 */
public final class SignUpLinkFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "tes-signup-link";
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "TES sign-up link";
    }

    @Override
    public String getHelpText() {
        return "Sends authorization requests with mode=signup (TES's sign-up link) to the registration page, as "
                + "prompt=create does; passes every other request. Put it first in the browser flow, REQUIRED.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
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
        return new SignUpLink();
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
