package io.tes.keycloak.emulator;

import java.util.Arrays;
import java.util.List;

/** {@code GET /user_management/organization_memberships}, filtered and paged with {@code limit}/{@code after}. */
final class MembershipsApi {

    private static final int MAX_LIMIT = 100;

    private final EmulatorState state;

    MembershipsApi(EmulatorState state) {
        this.state = state;
    }

    ApiResponse list(ApiRequest request) {
        String userId = request.param("user_id");
        String organizationId = request.param("organization_id");
        if (userId == null && organizationId == null) {
            return Json.codeError(422, "invalid_request_parameters", "Either user_id or organization_id is required.");
        }
        List<Directory.Membership> matching = (userId != null
                ? state.directory.membershipsOf(userId) : state.directory.membershipsIn(organizationId)).stream()
                .filter(m -> organizationId == null || m.organizationId().equals(organizationId))
                .filter(m -> statusAllowed(request.param("statuses")))
                .toList();
        int limit = Math.min(MAX_LIMIT, request.param("limit") == null ? 10 : Integer.parseInt(request.param("limit")));
        String after = request.param("after");
        int start = 0;
        if (after != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id().equals(after)) {
                    start = i + 1;
                }
            }
        }
        List<Directory.Membership> page = matching.subList(Math.min(start, matching.size()),
                Math.min(start + limit, matching.size()));
        String nextCursor = start + limit < matching.size() ? page.get(page.size() - 1).id() : null;
        return ApiResponse.json(200, Json.object("object", "list",
                "data", page.stream().map(m -> (Object) state.membership(m)).toList(),
                "list_metadata", Json.object("before", null, "after", nextCursor)));
    }

    /** Every emulated membership is active. */
    private static boolean statusAllowed(String statuses) {
        return statuses == null || Arrays.asList(statuses.split(",")).contains("active");
    }
}
