package io.tes.keycloak.organization.selection;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationChooser;

/** The organizations one source offers the user, sorted by name for the picker, and the source's id. */
record Candidates(String source, List<Organization> organizations) {

    private static final Comparator<Organization> BY_NAME = Comparator
            .comparing((Organization org) -> org.displayName().toLowerCase(Locale.ROOT))
            .thenComparing(Organization::id);

    Candidates {
        organizations = organizations.stream().sorted(BY_NAME).toList();
    }

    static Candidates none() {
        return new Candidates(null, List.of());
    }

    Optional<Organization> find(String id) {
        return OrganizationChooser.find(organizations, id);
    }
}
