package io.tes.keycloak.organization.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tes.keycloak.organization.contract.OrganizationChooser.Inputs;
import io.tes.keycloak.organization.contract.OrganizationChooser.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OrganizationChooser")
class OrganizationChooserTest {

    private static final Organization ACME = Organization.of("org_acme", "Acme Recycling");
    private static final Organization GLOBEX = Organization.of("org_globex", "Globex Logistics");
    private static final Organization INITECH = Organization.of("org_initech", "Initech");
    private static final List<Organization> THREE = List.of(ACME, GLOBEX, INITECH);

    private static Outcome choose(List<Organization> offered, String pinned, String hint, String remembered,
            String fallback) {
        return OrganizationChooser.choose(offered, new Inputs(pinned, hint, remembered, fallback));
    }

    private static void assertChosen(Outcome outcome, Organization organization, SelectionReason reason) {
        assertThat(outcome.refused()).isFalse();
        assertThat(outcome.undecided()).isFalse();
        assertThat(outcome.chosen()).hasValueSatisfying(choice -> {
            assertThat(choice.organization()).isEqualTo(organization);
            assertThat(choice.reason()).isEqualTo(reason);
        });
    }

    @Nested
    @DisplayName("Given a client pin")
    class Pinned {

        @Test
        @DisplayName("when the user is a member then the pin wins over hint, remembered choice and default")
        void memberPinWinsOverEverything() {
            assertChosen(choose(THREE, "org_globex", "org_acme", "org_initech", "org_acme"), GLOBEX,
                    SelectionReason.CLIENT);
        }

        @Test
        @DisplayName("when the user is a member of that one organization only then the reason is still CLIENT")
        void pinBeatsSingle() {
            assertChosen(choose(List.of(ACME), "org_acme", null, null, null), ACME, SelectionReason.CLIENT);
        }

        @Test
        @DisplayName("when the user is not a member then refused, never falling through to hint, memory or default")
        void foreignPinRefuses() {
            Outcome outcome = choose(THREE, "org_umbrella", "org_acme", "org_globex", "org_initech");

            assertThat(outcome.refused()).isTrue();
            assertThat(outcome.undecided()).isFalse();
            assertThat(outcome.chosen()).isEmpty();
        }

        @Test
        @DisplayName("when the user has no organization at all then refused, not undecided")
        void pinWithoutOrganizationsRefuses() {
            Outcome outcome = choose(List.of(), "org_acme", null, null, null);

            assertThat(outcome.refused()).isTrue();
            assertThat(outcome.undecided()).isFalse();
        }

        @Test
        @DisplayName("when the pin is padded with whitespace then it is trimmed and found")
        void paddedPin() {
            assertChosen(choose(THREE, "  org_initech \t", null, null, null), INITECH, SelectionReason.CLIENT);
        }

        @Test
        @DisplayName("when the pin is blank but not null then it refuses (fail closed; ClientPin never yields blank)")
        void blankPinRefuses() {
            assertThat(choose(THREE, "   ", "org_acme", null, null).refused()).isTrue();
        }
    }

    @Nested
    @DisplayName("Given a hint and no pin")
    class Hinted {

        @Test
        @DisplayName("when the user is a member then the hint wins over the remembered choice and the default")
        void memberHint() {
            assertChosen(choose(THREE, null, "org_initech", "org_globex", "org_acme"), INITECH,
                    SelectionReason.HINT);
        }

        @Test
        @DisplayName("when the hint is foreign then it is ignored and the remembered choice decides")
        void foreignHintFallsToRemembered() {
            assertChosen(choose(THREE, null, "org_umbrella", "org_globex", "org_acme"), GLOBEX,
                    SelectionReason.REMEMBERED);
        }

        @Test
        @DisplayName("when the hint is foreign and nothing else decides then a single organization is taken")
        void foreignHintFallsToSingle() {
            assertChosen(choose(List.of(ACME), null, "org_umbrella", null, null), ACME, SelectionReason.SINGLE);
        }

        @Test
        @DisplayName("when the hint is blank or padded then blank is ignored and padding trimmed")
        void blankAndPaddedHints() {
            assertChosen(choose(THREE, null, " \t ", null, "org_acme"), ACME, SelectionReason.DEFAULT);
            assertChosen(choose(THREE, null, " org_globex ", null, "org_acme"), GLOBEX, SelectionReason.HINT);
        }
    }

    @Nested
    @DisplayName("Given a remembered choice and neither pin nor hint")
    class Remembered {

        @Test
        @DisplayName("when the user is still a member then it wins over the default")
        void memberRemembered() {
            assertChosen(choose(THREE, null, null, "org_globex", "org_acme"), GLOBEX, SelectionReason.REMEMBERED);
        }

        @Test
        @DisplayName("when the user has left that organization then the default decides")
        void staleRemembered() {
            assertChosen(choose(THREE, null, null, "org_umbrella", "org_acme"), ACME, SelectionReason.DEFAULT);
        }

        @Test
        @DisplayName("when it is stale and nothing else decides among several then undecided")
        void staleRememberedUndecided() {
            assertThat(choose(THREE, null, null, "org_umbrella", null).undecided()).isTrue();
        }
    }

    @Nested
    @DisplayName("Given only a default")
    class Default {

        @Test
        @DisplayName("when the user is a member then the default is chosen, also before a single membership")
        void memberDefault() {
            assertChosen(choose(THREE, null, null, null, "org_initech"), INITECH, SelectionReason.DEFAULT);
            assertChosen(choose(List.of(GLOBEX), null, null, null, "org_globex"), GLOBEX, SelectionReason.DEFAULT);
        }

        @Test
        @DisplayName("when the default is foreign then a single membership is taken, several stay undecided")
        void foreignDefault() {
            assertChosen(choose(List.of(GLOBEX), null, null, null, "org_acme"), GLOBEX, SelectionReason.SINGLE);
            assertThat(choose(THREE, null, null, null, "org_umbrella").undecided()).isTrue();
        }
    }

    @Nested
    @DisplayName("Given nothing that decides")
    class Undecided {

        @Test
        @DisplayName("when the user has one organization then it is taken as SINGLE")
        void single() {
            assertChosen(OrganizationChooser.choose(List.of(ACME), Inputs.of(null, null, null)), ACME,
                    SelectionReason.SINGLE);
        }

        @Test
        @DisplayName("when the user has several organizations then undecided: neither chosen nor refused")
        void several() {
            Outcome outcome = OrganizationChooser.choose(THREE, Inputs.of(null, null, null));

            assertThat(outcome.undecided()).isTrue();
            assertThat(outcome.refused()).isFalse();
            assertThat(outcome.chosen()).isEmpty();
        }

        @Test
        @DisplayName("when the user has no organization then undecided, not refused")
        void none() {
            Outcome outcome = OrganizationChooser.choose(List.of(), Inputs.of(null, "org_acme", "org_acme"));

            assertThat(outcome.undecided()).isTrue();
            assertThat(outcome.refused()).isFalse();
        }

        @Test
        @DisplayName("then Inputs.of leaves the remembered choice out")
        void inputsOfHasNoRememberedChoice() {
            assertThat(Inputs.of("p", "h", "d")).isEqualTo(new Inputs("p", "h", null, "d"));
        }
    }

    @Nested
    @DisplayName("Given find")
    class Find {

        @Test
        @DisplayName("then null, empty and blank ids find nothing, padded ids are trimmed, ids match exactly")
        void findByTrimmedExactId() {
            assertThat(OrganizationChooser.find(THREE, null)).isEmpty();
            assertThat(OrganizationChooser.find(THREE, "")).isEmpty();
            assertThat(OrganizationChooser.find(THREE, "  ")).isEmpty();
            assertThat(OrganizationChooser.find(THREE, "\torg_acme\n")).hasValue(ACME);
            assertThat(OrganizationChooser.find(THREE, "ORG_ACME")).isEmpty();
            assertThat(OrganizationChooser.find(THREE, "org_ac")).isEmpty();
        }
    }
}
