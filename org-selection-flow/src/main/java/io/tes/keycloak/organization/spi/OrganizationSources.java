package io.tes.keycloak.organization.spi;

import java.util.Comparator;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;

/** Finds the source that decides for a user: the highest-ranked one that says it does. */
public final class OrganizationSources {

    /** A source and the id it is registered under (kept with a picker's offer, to settle with the same source). */
    public record Deciding(String id, OrganizationSource source) {
    }

    private OrganizationSources() {
    }

    @SuppressWarnings("rawtypes")
    private static final Comparator<ProviderFactory> RANK = Comparator.comparingInt(ProviderFactory::order);

    public static Optional<Deciding> deciding(SourceRequest request) {
        KeycloakSession session = request.session();
        return session.getKeycloakSessionFactory().getProviderFactoriesStream(OrganizationSource.class)
                .sorted(RANK.reversed())
                .map(factory -> new Deciding(factory.getId(),
                        session.getProvider(OrganizationSource.class, factory.getId())))
                .filter(candidate -> candidate.source() != null && candidate.source().decidesFor(request))
                .findFirst();
    }

    /** The source registered under that id, if it is still there. */
    public static Optional<OrganizationSource> byId(KeycloakSession session, String id) {
        return Optional.ofNullable(id == null ? null : session.getProvider(OrganizationSource.class, id));
    }
}
