package io.tes.keycloak.emulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What changes users, memberships and organizations after sign-up, each change recorded as a WorkOS event, and the
 * Events API that lists them: {@code PUT}/{@code DELETE /user_management/users/{id}},
 * {@code POST /user_management/organization_memberships}, {@code PUT}/{@code DELETE
 * /user_management/organization_memberships/{id}}, {@code GET}/{@code PUT}/{@code DELETE /organizations/{id}} and
 * {@code GET /events}.
 */
final class LifecycleApi {

    static final String USER_UPDATED = "user.updated";
    static final String USER_DELETED = "user.deleted";
    static final String MEMBERSHIP_CREATED = "organization_membership.created";
    static final String MEMBERSHIP_UPDATED = "organization_membership.updated";
    static final String MEMBERSHIP_DELETED = "organization_membership.deleted";
    static final String ORGANIZATION_UPDATED = "organization.updated";
    static final String ORGANIZATION_DELETED = "organization.deleted";
    private static final int MAX_LIMIT = 100;
    private static final int DEFAULT_LIMIT = 10;

    private final EmulatorState state;

    LifecycleApi(EmulatorState state) {
        this.state = state;
    }

    /** The handlers of this class's endpoints, for the router. */
    Map<Endpoint, Router.Handler> handlers() {
        Map<Endpoint, Router.Handler> handlers = new EnumMap<>(Endpoint.class);
        handlers.put(Endpoint.UPDATE_USER, this::updateUser);
        handlers.put(Endpoint.DELETE_USER, this::deleteUser);
        handlers.put(Endpoint.CREATE_MEMBERSHIP, this::createMembership);
        handlers.put(Endpoint.UPDATE_MEMBERSHIP, this::updateMembership);
        handlers.put(Endpoint.DELETE_MEMBERSHIP, this::deleteMembership);
        handlers.put(Endpoint.GET_ORGANIZATION, this::getOrganization);
        handlers.put(Endpoint.UPDATE_ORGANIZATION, this::updateOrganization);
        handlers.put(Endpoint.DELETE_ORGANIZATION, this::deleteOrganization);
        handlers.put(Endpoint.EVENTS, this::events);
        return handlers;
    }

    ApiResponse updateUser(ApiRequest request) {
        String id = request.pathParams.get(0);
        Directory.User user = state.directory.user(id).orElse(null);
        if (user == null) {
            return EmulatorState.notFound("User", id);
        }
        String email = request.param("email");
        if (email != null) {
            Directory.User holder = state.directory.userByEmail(email).orElse(null);
            if (holder != null && holder != user) {
                return Json.codeError(422, "email_not_available", "This email is not available.");
            }
        }
        synchronized (state.directory) {
            if (email != null) {
                user.email = email.trim();
            }
            if (request.hasBodyField("first_name")) {
                user.firstName = request.param("first_name");
            }
            if (request.hasBodyField("last_name")) {
                user.lastName = request.param("last_name");
            }
            if (request.bodyValue("email_verified") instanceof Boolean verified) {
                user.emailVerified = verified;
            }
            if (request.hasBodyField("locale")) {
                user.locale = request.param("locale");
            }
            user.updatedAt = state.clock.now();
        }
        Map<String, Object> json = state.user(user);
        state.events.record(USER_UPDATED, json);
        return ApiResponse.json(200, json);
    }

    ApiResponse deleteUser(ApiRequest request) {
        String id = request.pathParams.get(0);
        return deleteUser(id).map(deleted -> ApiResponse.raw(202, "application/json", ""))
                .orElseGet(() -> EmulatorState.notFound("User", id));
    }

    /** Deletes the user and, first, their memberships, each with its event; empty when there is no such user. */
    Optional<Directory.User> deleteUser(String id) {
        Directory.User user = state.directory.user(id).orElse(null);
        if (user == null) {
            return Optional.empty();
        }
        Map<String, Object> json = state.user(user);
        // WorkOS ends the user's memberships with the user.
        state.directory.membershipsOf(id).forEach(membership -> deleteMembership(membership.id()));
        state.directory.removeUser(id);
        state.events.record(USER_DELETED, json);
        return Optional.of(user);
    }

    ApiResponse createMembership(ApiRequest request) {
        String userId = request.param("user_id");
        String organizationId = request.param("organization_id");
        if (userId == null || organizationId == null) {
            return Json.codeError(422, "invalid_request_parameters", "user_id and organization_id are required.");
        }
        if (state.directory.user(userId).isEmpty()) {
            return EmulatorState.notFound("User", userId);
        }
        if (state.directory.organization(organizationId).isEmpty()) {
            return EmulatorState.notFound("Organization", organizationId);
        }
        if (state.directory.membership(userId, organizationId).isPresent()) {
            return Json.codeError(422, "organization_membership_already_exists",
                    "The user is already a member of the organization.");
        }
        List<String> roles = roles(request);
        if (roles == null) {
            return unknownRole();
        }
        Directory.Membership membership = state.directory.createMembership(userId, organizationId,
                roles.isEmpty() ? List.of(state.directory.defaultRole()) : roles, state.clock.now());
        return recorded(MEMBERSHIP_CREATED, membership, 201);
    }

    ApiResponse updateMembership(ApiRequest request) {
        String id = request.pathParams.get(0);
        if (state.directory.membershipById(id).isEmpty()) {
            return EmulatorState.notFound("Organization membership", id);
        }
        List<String> roles = roles(request);
        if (roles == null) {
            return unknownRole();
        }
        if (roles.isEmpty()) {
            return Json.codeError(422, "invalid_request_parameters", "role_slug or role_slugs is required.");
        }
        return ApiResponse.json(200, changeRoles(id, roles));
    }

    Map<String, Object> changeRoles(String id, List<String> roles) {
        Map<String, Object> json = state.membership(state.directory.changeRoles(id, roles).orElseThrow());
        state.events.record(MEMBERSHIP_UPDATED, json);
        return json;
    }

    ApiResponse deleteMembership(ApiRequest request) {
        String id = request.pathParams.get(0);
        if (state.directory.membershipById(id).isEmpty()) {
            return EmulatorState.notFound("Organization membership", id);
        }
        deleteMembership(id);
        return ApiResponse.raw(202, "application/json", "");
    }

    void deleteMembership(String id) {
        Map<String, Object> json = state.membership(state.directory.membershipById(id).orElseThrow());
        state.directory.removeMembership(id);
        state.events.record(MEMBERSHIP_DELETED, json);
    }

    ApiResponse getOrganization(ApiRequest request) {
        String id = request.pathParams.get(0);
        return state.directory.organization(id).map(org -> ApiResponse.json(200, state.organization(org)))
                .orElseGet(() -> EmulatorState.notFound("Organization", id));
    }

    ApiResponse updateOrganization(ApiRequest request) {
        String id = request.pathParams.get(0);
        String name = request.param("name");
        if (name == null) {
            return Json.codeError(422, "invalid_request_parameters", "name is required.");
        }
        return renameOrganization(id, name).map(json -> ApiResponse.json(200, json))
                .orElseGet(() -> EmulatorState.notFound("Organization", id));
    }

    Optional<Map<String, Object>> renameOrganization(String id, String name) {
        return state.directory.renameOrganization(id, name).map(org -> {
            Map<String, Object> json = state.organization(org);
            state.events.record(ORGANIZATION_UPDATED, json);
            return json;
        });
    }

    ApiResponse deleteOrganization(ApiRequest request) {
        String id = request.pathParams.get(0);
        return deleteOrganization(id).map(deleted -> ApiResponse.raw(202, "application/json", ""))
                .orElseGet(() -> EmulatorState.notFound("Organization", id));
    }

    /** Deletes the organization and, first, its memberships, each with its event. */
    Optional<Directory.Organization> deleteOrganization(String id) {
        Directory.Organization organization = state.directory.organization(id).orElse(null);
        if (organization == null) {
            return Optional.empty();
        }
        Map<String, Object> json = state.organization(organization);
        state.directory.membershipsIn(id).forEach(membership -> deleteMembership(membership.id()));
        state.directory.removeOrganization(id);
        state.events.record(ORGANIZATION_DELETED, json);
        return Optional.of(organization);
    }

    ApiResponse events(ApiRequest request) {
        List<String> types = request.queryValues("events[]");
        if (types.isEmpty()) {
            types = request.queryValues("events");
        }
        int limit = request.param("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(request.param("limit"));
        if (limit < 1 || limit > MAX_LIMIT) {
            return Json.codeError(422, "invalid_request_parameters", "limit must be between 1 and 100.");
        }
        Instant since;
        try {
            since = request.param("range_start") == null ? null : Instant.parse(request.param("range_start"));
        } catch (DateTimeParseException e) {
            return Json.codeError(422, "invalid_request_parameters", "range_start must be an ISO 8601 time.");
        }
        List<Map<String, Object>> page = state.events.list(types, request.param("after"), since, limit);
        String after = page.isEmpty() ? null : (String) page.get(page.size() - 1).get("id");
        return ApiResponse.json(200, Json.object("object", "list", "data", new ArrayList<>(page),
                "list_metadata", Json.object("after", after)));
    }

    private ApiResponse recorded(String type, Directory.Membership membership, int status) {
        Map<String, Object> json = state.membership(membership);
        state.events.record(type, json);
        return ApiResponse.json(status, json);
    }

    /** {@code role_slug} or {@code role_slugs}; empty when neither; null when a slug is not one of the seed's. */
    @SuppressWarnings("unchecked")
    private List<String> roles(ApiRequest request) {
        List<String> roles = new ArrayList<>();
        if (request.bodyValue("role_slugs") instanceof List<?> slugs) {
            slugs.forEach(slug -> roles.add(String.valueOf(slug)));
        } else if (request.param("role_slug") != null) {
            roles.add(request.param("role_slug"));
        }
        return roles.stream().allMatch(state.directory::hasRole) ? roles : null;
    }

    private static ApiResponse unknownRole() {
        return Json.codeError(422, "invalid_request_parameters", "Unknown role slug.");
    }
}
