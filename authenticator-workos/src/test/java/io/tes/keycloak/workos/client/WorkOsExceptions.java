package io.tes.keycloak.workos.client;

import java.util.List;

/** WorkOS failures as the client would raise them, for tests outside this package (the constructors are not public). */
public final class WorkOsExceptions {

    private WorkOsExceptions() {
    }

    public static WorkOsException of(WorkOsError error) {
        return new WorkOsException(error, 400, "test: " + error.code(), null);
    }

    /** {@code sso_required}, naming the connections the user must sign in with. */
    public static WorkOsException ssoRequired(String... connectionIds) {
        return new WorkOsException(WorkOsError.SSO_REQUIRED, 403, "test: sso_required", null, 0, "pending_1",
                List.of(connectionIds), List.of());
    }
}
