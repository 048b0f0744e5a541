package io.tes.keycloak.organization.contract;

import java.util.List;
import java.util.Optional;

/**
 * The one decision, whichever source offers the organizations: the client's pin, else the request's
 * {@code organization} hint, else the remembered choice, else the default, else the only organization; otherwise
 * nobody decided and the user must be asked. A pin the user is not a member of refuses; it never falls through.
 */
public final class OrganizationChooser {

    /** What decides, each may be null. */
    public record Inputs(String pinned, String hint, String remembered, String fallback) {

        public static Inputs of(String pinned, String hint, String fallback) {
            return new Inputs(pinned, hint, null, fallback);
        }
    }

    /** The organization and why. */
    public record Choice(Organization organization, SelectionReason reason) {
    }

    /** A choice, a refusal (pinned elsewhere), or neither: someone must ask the user. */
    public record Outcome(Choice choice, boolean refused) {

        static Outcome chosen(Organization organization, SelectionReason reason) {
            return new Outcome(new Choice(organization, reason), false);
        }

        public Optional<Choice> chosen() {
            return Optional.ofNullable(choice);
        }

        /** Neither chosen nor refused. */
        public boolean undecided() {
            return choice == null && !refused;
        }
    }

    private OrganizationChooser() {
    }

    public static Outcome choose(List<Organization> offered, Inputs inputs) {
        if (inputs.pinned() != null) {
            return find(offered, inputs.pinned()).map(org -> Outcome.chosen(org, SelectionReason.CLIENT))
                    .orElse(new Outcome(null, true));
        }
        Optional<Organization> hinted = find(offered, inputs.hint());
        if (hinted.isPresent()) {
            return Outcome.chosen(hinted.get(), SelectionReason.HINT);
        }
        Optional<Organization> kept = find(offered, inputs.remembered());
        if (kept.isPresent()) {
            return Outcome.chosen(kept.get(), SelectionReason.REMEMBERED);
        }
        Optional<Organization> byDefault = find(offered, inputs.fallback());
        if (byDefault.isPresent()) {
            return Outcome.chosen(byDefault.get(), SelectionReason.DEFAULT);
        }
        if (offered.size() == 1) {
            return Outcome.chosen(offered.get(0), SelectionReason.SINGLE);
        }
        return new Outcome(null, false);
    }

    /** The organization of that id among those offered. */
    public static Optional<Organization> find(List<Organization> offered, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String wanted = id.trim();
        return offered.stream().filter(org -> org.id().equals(wanted)).findFirst();
    }
}
