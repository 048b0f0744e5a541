package io.tes.keycloak.workos.account;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tes.keycloak.workos.failure.WorkOsFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;

/**
 * An answer of the TES account API other than success, TES-like: {@code {"error": ..., "error_description": ...}}
 * and, for a field the caller must fix, {@code "field"}. The description is a stable code (the pack's
 * {@code workos_error} code, or Keycloak's message key), never WorkOS's text. {@link #report} records it on the
 * call's event, through the {@link WorkOsFailure} when WorkOS or the pack's throttle refused.
 */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_CLIENT = "invalid_client";
    static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private final int status;
    private final String error;
    private final String description;
    private final String field;
    private final String eventError;
    private final transient WorkOsFailure failure;

    ApiError(int status, String error, String description, String field, String eventError, WorkOsFailure failure) {
        super(error + ": " + description, null, false, false);
        this.status = status;
        this.error = error;
        this.description = description;
        this.field = field;
        this.eventError = eventError;
        this.failure = failure;
    }

    /** A refusal of the API's own (no WorkOS failure behind it). */
    static ApiError of(int status, String error, String description, String field, String eventError) {
        return new ApiError(status, error, description, field, eventError, null);
    }

    /** A WorkOS or throttle failure, told to the caller as {@code status}/{@code error}. */
    static ApiError of(WorkOsFailure failure, int status, String error, String description, String field) {
        return new ApiError(status, error, description, field, failure.eventError(), failure);
    }

    /** WorkOS away or the pack misconfigured. */
    static ApiError unavailable(WorkOsFailure failure) {
        return of(failure, 503, TEMPORARILY_UNAVAILABLE, failure.code(), null);
    }

    /** Records the error on the call's event; an error without an event error was recorded where it happened. */
    void report(EventBuilder event) {
        if (failure != null) {
            failure.report(event);
        } else if (eventError != null) {
            event.error(eventError);
        }
    }

    Response response() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return description;
    }

    String field() {
        return field;
    }
}
