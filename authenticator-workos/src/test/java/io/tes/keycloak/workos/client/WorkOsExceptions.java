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

    /** A 422 validation error naming WorkOS's field error codes (e.g. {@code email_not_available}). */
    public static WorkOsException validation(String... fieldErrors) {
        return new WorkOsException(WorkOsError.VALIDATION_FAILED, 422, "test: validation", null, 0, null, List.of(),
                List.of(fieldErrors));
    }

    /** WorkOS answered 500. */
    public static WorkOsException serverError() {
        return new WorkOsException(WorkOsError.SERVER_ERROR, 500, "test: server error", null);
    }
}
