package io.tes.keycloak.organization.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationChooser;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.testing.FakeAuthSession;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of the organization step's input handling: the picker's posted form (any fields, repeated or
 * missing), the offer kept in the authentication session (written and read back, or any text in its place), and
 * the chooser's decision on any pin, hint, remembered choice and default. The posted choice is accepted exactly when
 * it names an offered organization; nothing throws.
 */
class OrganizationChoiceFuzzTest {

    private static final String[] IDS = {"org_acme", "org_globex", "org_initech", " org_acme ", "", "  "};
    private static final FakeAuthSession AUTH = new FakeAuthSession();

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void postedChoice(FuzzedDataProvider data) {
        Candidates offered = new Candidates("fuzz", organizations(data));
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        int fields = data.consumeInt(0, 4);
        for (int i = 0; i < fields; i++) {
            form.add(data.consumeBoolean() ? OrganizationSelection.FORM_FIELD : data.consumeString(12), id(data));
        }

        Optional<Organization> chosen = OrganizationSelection.choice(offered, form);

        String posted = form.getFirst(OrganizationSelection.FORM_FIELD);
        boolean named = posted != null && !posted.isBlank()
                && offered.organizations().stream().anyMatch(org -> org.id().equals(posted.trim()));
        assertThat(chosen.isPresent()).isEqualTo(named);
        chosen.ifPresent(org -> {
            assertThat(offered.organizations()).contains(org);
            assertThat(org.id()).isEqualTo(posted.trim());
        });
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void offeredNote(FuzzedDataProvider data) {
        AUTH.authNotes.clear();
        Candidates offered = new Candidates(data.consumeBoolean() ? null : data.consumeString(10),
                organizations(data));
        String user = data.consumeString(10);

        OfferedNote.write(AUTH.model, offered, user);

        assertThat(OfferedNote.read(AUTH.model, user)).contains(offered);
        assertThat(OfferedNote.read(AUTH.model, user + "x")).isEmpty();
        // Whatever the note holds instead (another version's format, a truncated write), it is an offer or none.
        AUTH.authNotes.put(OfferedNote.NOTE, data.consumeRemainingAsString());
        OfferedNote.read(AUTH.model, user).ifPresent(candidates ->
                assertThat(candidates.organizations()).allSatisfy(org -> assertThat(org.id()).isNotBlank()));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void chooser(FuzzedDataProvider data) {
        List<Organization> offered = organizations(data);
        OrganizationChooser.Inputs inputs = new OrganizationChooser.Inputs(id(data), id(data), id(data), id(data));

        OrganizationChooser.Outcome outcome = OrganizationChooser.choose(offered, inputs);

        // Only a pin refuses, and a pin never falls through to the other inputs.
        assertThat(outcome.refused()).isEqualTo(inputs.pinned() != null && outcome.chosen().isEmpty());
        if (inputs.pinned() != null) {
            assertThat(outcome.undecided()).isFalse();
        }
        outcome.chosen().ifPresent(choice -> {
            assertThat(offered).contains(choice.organization());
            if (choice.reason() == SelectionReason.SINGLE) {
                assertThat(offered).hasSize(1);
                return;
            }
            String by = switch (choice.reason()) {
                case CLIENT -> inputs.pinned();
                case HINT -> inputs.hint();
                case REMEMBERED -> inputs.remembered();
                default -> inputs.fallback();
            };
            assertThat(by).isNotNull();
            assertThat(choice.organization().id()).isEqualTo(by.trim());
        });
        if (outcome.undecided()) {
            // Nobody decided: none or several organizations, and none named by the inputs.
            assertThat(offered.size()).isNotEqualTo(1);
        }
    }

    /** Up to ten organizations; ids that the contract refuses (blank) are left out, as no source could offer them. */
    private static List<Organization> organizations(FuzzedDataProvider data) {
        List<Organization> organizations = new ArrayList<>();
        int count = data.consumeInt(0, 10);
        for (int i = 0; i < count; i++) {
            String id = id(data);
            if (id == null || id.isBlank()) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            int roleCount = data.consumeInt(0, 3);
            for (int r = 0; r < roleCount; r++) {
                roles.add(data.consumeString(8));
            }
            organizations.add(new Organization(id, data.consumeBoolean() ? null : data.consumeString(16), roles));
        }
        return organizations;
    }

    private static String id(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> null;
            case 1 -> data.consumeString(24);
            default -> IDS[data.consumeInt(0, IDS.length - 1)];
        };
    }
}
