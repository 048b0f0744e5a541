package io.tes.keycloak.organization.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OrganizationChooser")
class OrganizationChooserTest {

    private static final Organization ACME = Organization.of("org_acme", "Acme Recycling");
    private static final Organization GLOBEX = Organization.of("org_globex", "Globex Logistics");
    private static final List<Organization> BOTH = List.of(ACME, GLOBEX);

    @Nested
    @DisplayName("Given a client pin")
    class Pinned {

        @Test
        @DisplayName("when the user is a member then the pin wins over hint and default")
        void pinWins() {
            OrganizationChooser.Outcome outcome = OrganizationChooser.choose(BOTH, OrganizationChooser.Inputs.of("org_globex", "org_acme", "org_acme"));

            assertThat(outcome.chosen()).hasValueSatisfying(choice -> {
                assertThat(choice.organization()).isEqualTo(GLOBEX);
                assertThat(choice.reason()).isEqualTo(SelectionReason.CLIENT);
            });
        }

        @Test
        @DisplayName("when the user is not a member then refused, never falling through to the hint")
        void foreignPinRefuses() {
            OrganizationChooser.Outcome outcome = OrganizationChooser.choose(BOTH, OrganizationChooser.Inputs.of("org_initech", "org_acme", null));

            assertThat(outcome.refused()).isTrue();
            assertThat(outcome.chosen()).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given no pin")
    class Unpinned {

        @Test
        @DisplayName("then a hint among the user's organizations wins, and a foreign hint is ignored")
        void hint() {
            assertThat(OrganizationChooser.choose(BOTH, OrganizationChooser.Inputs.of(null, "org_globex", "org_acme")).chosen())
                    .hasValueSatisfying(choice -> assertThat(choice.reason()).isEqualTo(SelectionReason.HINT));
            assertThat(OrganizationChooser.choose(BOTH, OrganizationChooser.Inputs.of(null, "org_initech", "org_acme")).chosen())
                    .hasValueSatisfying(choice -> assertThat(choice.reason()).isEqualTo(SelectionReason.DEFAULT));
        }

        @Test
        @DisplayName("then a single organization is taken, and two without hint or default stay undecided")
        void singleOrUndecided() {
            assertThat(OrganizationChooser.choose(List.of(ACME), OrganizationChooser.Inputs.of(null, null, null)).chosen())
                    .hasValueSatisfying(choice -> assertThat(choice.reason()).isEqualTo(SelectionReason.SINGLE));
            OrganizationChooser.Outcome undecided = OrganizationChooser.choose(BOTH, OrganizationChooser.Inputs.of(null, null, "org_initech"));
            assertThat(undecided.chosen()).isEmpty();
            assertThat(undecided.refused()).isFalse();
        }

        @Test
        @DisplayName("then a remembered choice comes after the hint and before the default, if still a member")
        void remembered() {
            assertThat(OrganizationChooser.choose(BOTH, new OrganizationChooser.Inputs(null, null, "org_globex", "org_acme")).chosen())
                    .hasValueSatisfying(choice -> {
                        assertThat(choice.organization()).isEqualTo(GLOBEX);
                        assertThat(choice.reason()).isEqualTo(SelectionReason.REMEMBERED);
                    });
            assertThat(OrganizationChooser.choose(BOTH, new OrganizationChooser.Inputs(null, "org_acme", "org_globex", null)).chosen())
                    .hasValueSatisfying(choice -> assertThat(choice.reason()).isEqualTo(SelectionReason.HINT));
            assertThat(OrganizationChooser.choose(BOTH, new OrganizationChooser.Inputs(null, null, "org_initech", "org_acme")).chosen())
                    .hasValueSatisfying(choice -> assertThat(choice.reason()).isEqualTo(SelectionReason.DEFAULT));
        }
    }
}
