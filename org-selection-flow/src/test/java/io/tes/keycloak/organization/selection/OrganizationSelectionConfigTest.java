package io.tes.keycloak.organization.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tes.keycloak.organization.contract.Organization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

@DisplayName("The organization selection step's settings and candidates")
class OrganizationSelectionConfigTest {

    private static AuthenticatorConfigModel model(Map<String, String> config) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(config);
        return model;
    }

    @Nested
    @DisplayName("Given no or a partial config")
    class Defaults {

        @Test
        @DisplayName("then nothing is required or remembered, no default")
        void missingConfig() {
            assertThat(OrganizationSelectionConfig.of(null))
                    .isEqualTo(new OrganizationSelectionConfig(false, false, null));
        }

        @Test
        @DisplayName("then blank values count as unset and values are trimmed")
        void blanks() {
            OrganizationSelectionConfig config = OrganizationSelectionConfig.of(model(Map.of(
                    OrganizationSelectionConfigProperties.REQUIRED, "true",
                    OrganizationSelectionConfigProperties.REMEMBER, "yes",
                    OrganizationSelectionConfigProperties.DEFAULT_ORGANIZATION, " org_acme ")));

            assertThat(config).isEqualTo(new OrganizationSelectionConfig(true, false, "org_acme"));
        }
    }

    @Nested
    @DisplayName("Given candidates")
    class Ordering {

        @Test
        @DisplayName("then the picker lists them by name, case-insensitively, nameless ones by id")
        void sortedByName() {
            Candidates candidates = new Candidates("keycloak", List.of(
                    Organization.of("org_3", "globex"), Organization.of("org_1", "Acme"),
                    Organization.of("org_2", null)));

            assertThat(candidates.organizations()).extracting(Organization::id)
                    .containsExactly("org_1", "org_3", "org_2");
            assertThat(candidates.find(" org_3 ")).map(Organization::name).hasValue("globex");
            assertThat(candidates.find("org_9")).isEmpty();
            assertThat(candidates.find(null)).isEmpty();
        }
    }
}
