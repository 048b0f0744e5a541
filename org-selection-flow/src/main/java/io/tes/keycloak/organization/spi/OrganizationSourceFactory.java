package io.tes.keycloak.organization.spi;

import org.keycloak.provider.ProviderFactory;

/**
 * Creates an {@link OrganizationSource}. Register implementations in
 * {@code META-INF/services/io.tes.keycloak.organization.spi.OrganizationSourceFactory}. {@link #order()} ranks the
 * sources: the highest-ranked source that {@linkplain OrganizationSource#decidesFor decides for} a user is asked.
 */
public interface OrganizationSourceFactory extends ProviderFactory<OrganizationSource> {
}
