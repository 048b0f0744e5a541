package io.tes.keycloak.organization.selection;

import static io.tes.keycloak.organization.selection.OrganizationSelectionTest.ACME;
import static io.tes.keycloak.organization.selection.OrganizationSelectionTest.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.tes.keycloak.organization.contract.Organization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given organizations and nothing that decides, the organization selection step")
class OrganizationSelectionPickerTest {

    private final SelectionFixture fx = new SelectionFixture();
    private final FakeSource source = fx.register("fake", 50, new FakeSource());

    private void authenticate() {
        new OrganizationSelection().authenticate(fx.context);
    }

    @Test
    @DisplayName("then the picker lists them by name and the offer is kept server-side with the source's id")
    void picker() {
        source.offering(GLOBEX, ACME);
        fx.userAttributes.put(RememberedChoice.ATTRIBUTE_PREFIX + SelectionFixture.CLIENT_ID, "org_acme");

        authenticate();

        verify(fx.context).challenge(fx.pickerPage);
        verify(fx.context, never()).success();
        assertThat(fx.formAttributes).containsEntry("organizations", List.of(
                Map.of("id", "org_acme", "name", "Acme Recycling"),
                Map.of("id", "org_globex", "name", "Globex Logistics")))
                .containsEntry("organizationFilter", false);
        assertThat(OfferedNote.read(fx.auth.model, "kc-user-1")).hasValueSatisfying(offered -> {
            assertThat(offered.source()).isEqualTo("fake");
            assertThat(offered.organizations()).containsExactly(ACME, GLOBEX);
        });
        assertThat(source.settled).isEmpty();
    }

    @Test
    @DisplayName("when there are eight or more then the picker shows the filter box")
    void filterFromEight() {
        source.organizations = IntStream.range(0, OrganizationSelection.FILTER_FROM)
                .mapToObj(i -> Organization.of("org_" + i, "Org " + i)).toList();

        authenticate();

        assertThat(fx.formAttributes).containsEntry("organizationFilter", true);
    }
}
