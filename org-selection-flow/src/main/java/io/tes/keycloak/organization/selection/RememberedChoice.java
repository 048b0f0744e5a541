package io.tes.keycloak.organization.selection;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;

/** The organization a user last chose for a client, as a user attribute, when the step is set to remember it. */
final class RememberedChoice {

    static final String ATTRIBUTE_PREFIX = "tes.organization.last.";

    private RememberedChoice() {
    }

    static String read(UserModel user, ClientModel client) {
        return user.getFirstAttribute(ATTRIBUTE_PREFIX + client.getClientId());
    }

    static void write(UserModel user, ClientModel client, String organizationId) {
        String name = ATTRIBUTE_PREFIX + client.getClientId();
        if (!organizationId.equals(user.getFirstAttribute(name))) {
            user.setSingleAttribute(name, organizationId);
        }
    }
}
