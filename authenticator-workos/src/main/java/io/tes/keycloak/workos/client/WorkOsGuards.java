package io.tes.keycloak.workos.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tes.keycloak.organization.metrics.TesMetrics;

/**
 * This node's {@link WorkOsGuard}s, one per WorkOS connection (API base URL and client ID) and limits: every realm
 * and request that calls the same WorkOS with the same limits shares one bulkhead and one circuit.
 *
 * <p>A static map on purpose, and per node by nature: it guards this JVM's threads (see {@link WorkOsGuard}). It
 * holds no secret and no user data; it grows by one entry per WorkOS connection and set of limits an admin saves.
 */
public final class WorkOsGuards {

    private static final Map<String, WorkOsGuard> GUARDS = new ConcurrentHashMap<>();
    /** Per connection, the guard of the limits last used: what the gauges show. */
    private static final Map<String, WorkOsGuard> LATEST = new ConcurrentHashMap<>();

    private WorkOsGuards() {
    }

    static WorkOsGuard of(WorkOsSettings settings, WorkOsLimits limits) {
        String connection = settings.clientId() + " at " + settings.baseUrl();
        WorkOsGuard guard = GUARDS.computeIfAbsent(connection + "|" + limits,
                unused -> new WorkOsGuard(connection, limits));
        if (LATEST.put(connection, guard) == null) {
            // One pair of gauges per connection, reading whichever guard its latest limits made.
            String client = String.valueOf(settings.clientId());
            TesMetrics.gauge(TesMetrics.WORKOS_IN_FLIGHT, "WorkOS calls in flight on this node",
                    () -> LATEST.get(connection).inFlight(), "workos_client", client);
            TesMetrics.gauge(TesMetrics.WORKOS_CIRCUIT_STATE,
                    "The WorkOS circuit on this node: 0 closed, 1 half-open, 2 open",
                    () -> LATEST.get(connection).circuit().gauge, "workos_client", client);
        }
        return guard;
    }
}
