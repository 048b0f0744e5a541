package io.tes.keycloak.workos.client;

/**
 * The WorkOS user fields the pack uses. WorkOS users created by email only have no names; {@code locale} is
 * WorkOS's (an IETF language tag such as {@code en-US}) or null.
 */
public record WorkOsUser(String id, String email, boolean emailVerified, String firstName, String lastName,
        String locale) {

    /** A user without a locale. */
    public WorkOsUser(String id, String email, boolean emailVerified, String firstName, String lastName) {
        this(id, email, emailVerified, firstName, lastName, null);
    }
}
