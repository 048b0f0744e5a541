package io.tes.keycloak.organization.contract;

import java.util.stream.Stream;

import org.keycloak.models.ClientModel;

/**
 * The organization a client is pinned to: users sign in to it in that organization only. Set as a client attribute
 * (realm JSON, admin REST API) or, since the admin console has no editor for client attributes, on the client's own
 * "Selected organization" mapper; the attribute wins when both are set.
 */
public final class ClientPin {

    /** The client attribute. */
    public static final String ATTRIBUTE = "tes.organization_id";
    /** The attribute's earlier name, which realms exported before 0.2 carry; still read. */
    public static final String LEGACY_ATTRIBUTE = "workos.organization_id";
    /** The config key on the "Selected organization" mapper. */
    public static final String MAPPER_KEY = "organization.pinned";

    private ClientPin() {
    }

    /** The organization the client pins, or null. */
    public static String of(ClientModel client) {
        if (client == null) {
            return null;
        }
        return Stream.of(client.getAttribute(ATTRIBUTE), client.getAttribute(LEGACY_ATTRIBUTE))
                .filter(ClientPin::present)
                .findFirst()
                .or(() -> client.getProtocolMappersStream()
                        .filter(mapper -> ProviderIds.SELECTED_ORGANIZATION_MAPPER.equals(mapper.getProtocolMapper()))
                        .map(mapper -> mapper.getConfig().get(MAPPER_KEY))
                        .filter(ClientPin::present)
                        .findFirst())
                .map(String::trim)
                .orElse(null);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
