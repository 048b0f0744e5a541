package io.tes.keycloak.workos.client;

import java.util.List;

/**
 * A failed WorkOS call. The message never holds a secret or a raw WorkOS body: it names the endpoint, the status
 * and WorkOS's error code only.
 */
public class WorkOsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final WorkOsError error;
    private final int status;
    private final long retryAfterSeconds;
    private final String pendingAuthenticationToken;
    private final List<String> connectionIds;
    private final List<String> fieldErrors;

    WorkOsException(WorkOsError error, int status, String message, Throwable cause) {
        this(error, status, message, cause, 0, null, List.of(), List.of());
    }

    WorkOsException(WorkOsError error, int status, String message, Throwable cause, long retryAfterSeconds,
            String pendingAuthenticationToken, List<String> connectionIds, List<String> fieldErrors) {
        super(message, cause);
        this.error = error;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.pendingAuthenticationToken = pendingAuthenticationToken;
        this.connectionIds = List.copyOf(connectionIds);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public WorkOsError error() {
        return error;
    }

    /** The HTTP status, or 0 when no answer came (timeout, dropped connection). */
    public int status() {
        return status;
    }

    /** WorkOS's {@code Retry-After} on a 429, in seconds; 0 when absent. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The pending token of {@code sso_required} or {@code email_verification_required}; null otherwise. */
    public String pendingAuthenticationToken() {
        return pendingAuthenticationToken;
    }

    /** The connections of {@code sso_required}. */
    public List<String> connectionIds() {
        return connectionIds;
    }

    /** The codes of a 422's field errors, e.g. {@code email_not_available} or {@code password_strength_error}. */
    public List<String> fieldErrors() {
        return fieldErrors;
    }
}
