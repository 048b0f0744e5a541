package io.tes.keycloak.workos.reset;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.models.KeycloakSession;

/**
 * Double-submit protection for the set-new-password form: the page sets a random value in a strict same-site,
 * HTTP-only cookie scoped to the page and repeats it in a hidden field; a post counts only when both match, which a
 * cross-site form cannot arrange.
 */
final class ResetCsrf {

    static final String COOKIE = "TES_PASSWORD_RESET";
    static final String FIELD = "state";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResetCsrf() {
    }

    static String newValue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static NewCookie cookie(KeycloakSession session, String path, String value) {
        boolean https = "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
        return new NewCookie.Builder(COOKIE).value(value).path(path).httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** The value of the page's cookie in this request, or null. */
    static String cookie(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /**
     * Whether the posted value is the cookie's; neither missing nor empty. Compares every character, in time that
     * does not depend on where they differ. Not the bytes of an encoding: US-ASCII made each non-ASCII character a
     * {@code ?} (the fuzz tests posted {@code ?} for a cookie's {@code é} and it matched), and UTF-8 does the same to
     * a lone surrogate.
     */
    static boolean matches(String cookie, String posted) {
        if (cookie == null || posted == null || posted.isEmpty()) {
            return false;
        }
        int difference = cookie.length() ^ posted.length();
        for (int i = 0; i < posted.length(); i++) {
            difference |= posted.charAt(i) ^ (i < cookie.length() ? cookie.charAt(i) : 0);
        }
        return difference == 0;
    }
}
