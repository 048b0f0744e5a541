package io.tes.keycloak.workos.reset;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The posted set-new-password form and what it asks for before WorkOS is called: the double-submit value must match
 * the page's cookie ({@link ResetCsrf}) and a token must be there, else the form has expired; then the new password
 * must be there, typed twice alike. Pure, so every posted combination can be tested without a server.
 */
record ResetForm(String token, String state, String password, String confirm) {

    /** What the page does with the form. */
    enum Verdict { EXPIRED, PASSWORD_MISSING, CONFIRMATION_DIFFERS, COMPLETE }

    /** The first value of each field, as Keycloak's form parameters give it. */
    static ResetForm of(MultivaluedMap<String, String> posted) {
        return new ResetForm(posted.getFirst(PasswordResetPage.TOKEN), posted.getFirst(ResetCsrf.FIELD),
                posted.getFirst(PasswordResetPage.PASSWORD), posted.getFirst(PasswordResetPage.CONFIRM));
    }

    /** The verdict, given the value of the page's cookie (null when the browser sent none). */
    Verdict check(String cookie) {
        if (!ResetCsrf.matches(cookie, state) || token == null || token.isBlank()) {
            return Verdict.EXPIRED;
        }
        if (password == null || password.isBlank()) {
            return Verdict.PASSWORD_MISSING;
        }
        if (!password.equals(confirm)) {
            return Verdict.CONFIRMATION_DIFFERS;
        }
        return Verdict.COMPLETE;
    }

    /** The token and the passwords are secrets. */
    @Override
    public String toString() {
        return "ResetForm[***]";
    }
}
