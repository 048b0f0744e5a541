package io.tes.keycloak.workos.reset;

import io.tes.keycloak.workos.connection.WorkOsStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/**
 * "WorkOS password reset request": the reset-credentials step that asks for the email and has WorkOS create the
 * reset and send its email. Every outcome but an outage shows the same "check your email" message.
 */
public final class WorkOsResetRequestFactory extends WorkOsStepFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "tes-workos-reset-request";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS password reset request";
    }

    @Override
    public String getHelpText() {
        return "Asks for the email and has WorkOS send its password reset email; the answer is the same whether or "
                + "not the account exists. WorkOS's link leads to the realm's tes-password-reset page.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new WorkOsResetRequest();
    }
}
