package io.tes.keycloak.organization.contract;

import java.util.Locale;

/** Why an organization was chosen; {@link #code()} goes into events and the client-session note. */
public enum SelectionReason {
    /** The client pins it. */
    CLIENT,
    /** The authorization request's {@code organization} parameter. */
    HINT,
    /** The user's last choice for the client (when the step remembers). */
    REMEMBERED,
    /** The configured default. */
    DEFAULT,
    /** The user's only organization. */
    SINGLE,
    /** The user picked it. */
    USER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
