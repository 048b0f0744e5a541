package io.tes.keycloak.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The WorkOS routes the emulator serves; their names key the fault table and the call log. */
public enum Endpoint {
    AUTHORIZE("GET", "/user_management/authorize", false),
    AUTHORIZE_SUBMIT("POST", "/user_management/authorize", false),
    AUTHENTICATE("POST", "/user_management/authenticate", false),
    CREATE_USER("POST", "/user_management/users", true),
    LIST_USERS("GET", "/user_management/users", true),
    GET_USER("GET", "/user_management/users/([^/]+)", true),
    PASSWORD_RESET("POST", "/user_management/password_reset", true),
    PASSWORD_RESET_CONFIRM("POST", "/user_management/password_reset/confirm", true),
    MEMBERSHIPS("GET", "/user_management/organization_memberships", true),
    SEND_EMAIL_VERIFICATION("POST", "/user_management/users/([^/]+)/email_verification/send", true),
    ENROLL_AUTH_FACTOR("POST", "/user_management/users/([^/]+)/auth_factors", true),
    LIST_AUTH_FACTORS("GET", "/user_management/users/([^/]+)/auth_factors", true),
    CHALLENGE_FACTOR("POST", "/auth/factors/([^/]+)/challenge", true),
    JWKS("GET", "/sso/jwks/([^/]+)", false),
    REVOKE_SESSION("POST", "/user_management/sessions/revoke", true),
    LOGOUT("GET", "/user_management/sessions/logout", false),
    // Lifecycle (LifecycleApi): changes after sign-up, each recorded as an event, and the Events API.
    UPDATE_USER("PUT", "/user_management/users/([^/]+)", true),
    DELETE_USER("DELETE", "/user_management/users/([^/]+)", true),
    CREATE_MEMBERSHIP("POST", "/user_management/organization_memberships", true),
    UPDATE_MEMBERSHIP("PUT", "/user_management/organization_memberships/([^/]+)", true),
    DELETE_MEMBERSHIP("DELETE", "/user_management/organization_memberships/([^/]+)", true),
    GET_ORGANIZATION("GET", "/organizations/([^/]+)", true),
    UPDATE_ORGANIZATION("PUT", "/organizations/([^/]+)", true),
    DELETE_ORGANIZATION("DELETE", "/organizations/([^/]+)", true),
    EVENTS("GET", "/events", true);

    private final String method;
    private final Pattern path;
    /** Whether the call must carry {@code Authorization: Bearer <API key>}; authenticate checks its body instead. */
    final boolean bearerKey;

    Endpoint(String method, String path, boolean bearerKey) {
        this.method = method;
        this.path = Pattern.compile(path);
        this.bearerKey = bearerKey;
    }

    /** The lower-case name used over the admin route, e.g. {@code password_reset_confirm}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Endpoint fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** The endpoint and its path parameters for a request, if any endpoint serves it. */
    static Optional<Match> match(String method, String requestPath) {
        for (Endpoint endpoint : values()) {
            Matcher matcher = endpoint.path.matcher(requestPath);
            if (endpoint.method.equals(method) && matcher.matches()) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= matcher.groupCount(); i++) {
                    params.add(matcher.group(i));
                }
                return Optional.of(new Match(endpoint, params));
            }
        }
        return Optional.empty();
    }

    record Match(Endpoint endpoint, List<String> pathParams) {
    }
}
