package io.tes.keycloak.workos.client;

import java.util.Locale;

/** The WorkOS endpoint of a call, as the {@code endpoint} tag of {@code tes.workos.requests}: never a path with ids. */
enum WorkOsEndpoint {
    AUTHENTICATE,
    CREATE_USER,
    GET_USER,
    SEND_VERIFICATION_EMAIL,
    ENROLL_FACTOR,
    CHALLENGE_FACTOR,
    MEMBERSHIPS,
    ORGANIZATION,
    PASSWORD_RESET,
    PASSWORD_RESET_CONFIRM,
    REVOKE_SESSION,
    JWKS,
    EVENTS,
    OTHER;

    /**
     * Whether WorkOS limits this endpoint per user, email or challenge as well ("Authentication: 10 requests per 60
     * seconds per email or challenge ID", and 3 a minute per email or user for reset and verification emails, in
     * WorkOS's rate-limit reference): a 429 from it says one user asked too often, not that WorkOS is in trouble, so
     * it must not open the circuit for everyone (one attacker hammering one email would otherwise refuse every
     * sign-in on the node).
     */
    boolean limitedPerUser() {
        return this == AUTHENTICATE || this == PASSWORD_RESET || this == SEND_VERIFICATION_EMAIL;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WorkOsEndpoint of(String method, String path) {
        if (path.startsWith("/user_management/authenticate")) {
            return AUTHENTICATE;
        }
        if (path.startsWith("/user_management/organization_memberships")) {
            return MEMBERSHIPS;
        }
        if (path.startsWith("/user_management/password_reset/confirm")) {
            return PASSWORD_RESET_CONFIRM;
        }
        if (path.startsWith("/user_management/password_reset")) {
            return PASSWORD_RESET;
        }
        if (path.startsWith("/user_management/sessions/revoke")) {
            return REVOKE_SESSION;
        }
        if (path.startsWith("/user_management/users")) {
            if (path.endsWith("/email_verification/send")) {
                return SEND_VERIFICATION_EMAIL;
            }
            if (path.endsWith("/auth_factors")) {
                return ENROLL_FACTOR;
            }
            return "POST".equals(method) ? CREATE_USER : GET_USER;
        }
        if (path.startsWith("/auth/factors/")) {
            return CHALLENGE_FACTOR;
        }
        if (path.startsWith("/organizations/")) {
            return ORGANIZATION;
        }
        if (path.startsWith("/sso/jwks/")) {
            return JWKS;
        }
        if (path.startsWith("/events")) {
            return EVENTS;
        }
        return OTHER;
    }
}
