package io.tes.keycloak.workos.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads WorkOS's JSON answers into the client's types, and its error answers, in both shapes, into exceptions. */
final class WorkOsResponses {

    private WorkOsResponses() {
    }

    static WorkOsUser user(JsonNode node) throws WorkOsException {
        return new WorkOsUser(required(node, "id"), required(node, "email"), node.path("email_verified").asBoolean(),
                text(node, "first_name"), text(node, "last_name"), text(node, "locale"));
    }

    static Authentication authentication(JsonNode node) throws WorkOsException {
        return new Authentication(user(node.path("user")), text(node, "organization_id"),
                required(node, "access_token"), required(node, "refresh_token"), text(node, "authentication_method"));
    }

    static WorkOsMembership membership(JsonNode node) throws WorkOsException {
        List<String> roles = new ArrayList<>();
        String primary = text(node.path("role"), "slug");
        if (primary != null) {
            roles.add(primary);
        }
        for (JsonNode role : node.path("roles")) {
            String slug = text(role, "slug");
            if (slug != null && !roles.contains(slug)) {
                roles.add(slug);
            }
        }
        return new WorkOsMembership(required(node, "id"), required(node, "user_id"), required(node, "organization_id"),
                text(node, "organization_name"), text(node, "status"), roles);
    }

    static WorkOsEvent event(JsonNode node) throws WorkOsException {
        if (node == null || !node.path("data").isObject()) {
            throw malformed("events", "data");
        }
        return new WorkOsEvent(required(node, "id"), required(node, "event"), text(node, "created_at"),
                node.get("data"));
    }

    static PasswordReset passwordReset(JsonNode node) throws WorkOsException {
        return new PasswordReset(required(node, "id"), required(node, "user_id"), required(node, "email"),
                text(node, "expires_at"));
    }

    /** The exception for a non-2xx answer; {@code body} may be null when it was not JSON. */
    static WorkOsException error(String endpoint, int status, JsonNode body, long retryAfterSeconds) {
        String code = body == null ? null : firstText(body, "code", "error");
        String context = endpoint + " answered " + status + (code == null ? "" : " " + code);
        if (status == 401) {
            return new WorkOsException(WorkOsError.UNAUTHORIZED, status, context + " (check the API key)", null);
        }
        if (status == 429) {
            return new WorkOsException(WorkOsError.RATE_LIMITED, status, context, null, retryAfterSeconds, null,
                    List.of(), List.of());
        }
        if (status >= 500) {
            return new WorkOsException(WorkOsError.SERVER_ERROR, status, context, null);
        }
        WorkOsError error = WorkOsError.fromWorkOsCode(code);
        if (error == WorkOsError.ORGANIZATION_SELECTION_REQUIRED) {
            try {
                return organizationSelection(body);
            } catch (WorkOsException malformed) {
                return malformed;
            }
        }
        if (status == 403
                && (error == WorkOsError.EMAIL_VERIFICATION_REQUIRED || error == WorkOsError.MFA_REQUIRED)) {
            try {
                return secondStep(code, error, body);
            } catch (WorkOsException malformed) {
                return malformed;
            }
        }
        if (error == WorkOsError.UNEXPECTED && status == 422) {
            error = WorkOsError.VALIDATION_FAILED;
        } else if (error == WorkOsError.UNEXPECTED && status == 404) {
            error = WorkOsError.NOT_FOUND;
        }
        List<String> fieldErrors = new ArrayList<>();
        if (status == 422 && code != null) {
            fieldErrors.add(code);
        }
        List<String> connectionIds = new ArrayList<>();
        if (body != null) {
            body.path("errors").forEach(item -> {
                if (item.hasNonNull("code")) {
                    fieldErrors.add(item.get("code").asText());
                }
            });
            body.path("connection_ids").forEach(id -> connectionIds.add(id.asText()));
        }
        return new WorkOsException(error, status, context, null, 0,
                body == null ? null : text(body, "pending_authentication_token"), connectionIds, fieldErrors);
    }

    private static OrganizationSelectionRequired organizationSelection(JsonNode body) throws WorkOsException {
        List<WorkOsOrganization> organizations = new ArrayList<>();
        for (JsonNode organization : body.path("organizations")) {
            organizations.add(new WorkOsOrganization(required(organization, "id"), text(organization, "name")));
        }
        if (organizations.isEmpty()) {
            throw malformed("authenticate", "organizations");
        }
        return new OrganizationSelectionRequired(required(body, "pending_authentication_token"), organizations,
                body.hasNonNull("user") ? user(body.get("user")) : null);
    }

    private static SecondStepRequired secondStep(String code, WorkOsError error, JsonNode body)
            throws WorkOsException {
        SecondStepRequired.Step step = SecondStepRequired.Step.ofWorkOsCode(code);
        List<String> factorIds = new ArrayList<>();
        for (JsonNode factor : body.path("authentication_factors")) {
            // WorkOS lists factor objects ({id, type}); a bare id is read too. Only TOTP factors can be answered here.
            String id = factor.isTextual() ? factor.asText() : text(factor, "id");
            String type = factor.isTextual() ? null : text(factor, "type");
            if (id != null && (type == null || "totp".equals(type))) {
                factorIds.add(id);
            }
        }
        if (step == SecondStepRequired.Step.MFA_CHALLENGE && factorIds.isEmpty()) {
            throw malformed("authenticate", "authentication_factors");
        }
        if (!body.hasNonNull("user")) {
            throw malformed("authenticate", "user");
        }
        return new SecondStepRequired(step, error, required(body, "pending_authentication_token"),
                user(body.get("user")), text(body, "email"), factorIds);
    }

    static TotpEnrollment totpEnrollment(JsonNode node) throws WorkOsException {
        JsonNode factor = node.path("authentication_factor");
        JsonNode totp = factor.path("totp");
        return new TotpEnrollment(required(factor, "id"), required(node.path("authentication_challenge"), "id"),
                required(totp, "secret"), required(totp, "uri"));
    }

    static String required(JsonNode node, String field) throws WorkOsException {
        String value = text(node, field);
        if (value == null) {
            throw malformed("WorkOS", field);
        }
        return value;
    }

    static WorkOsException malformed(String endpoint, String field) {
        return new WorkOsException(WorkOsError.MALFORMED_RESPONSE, 200,
                endpoint + " answered without the field " + field, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
