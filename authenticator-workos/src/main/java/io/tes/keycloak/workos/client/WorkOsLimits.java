package io.tes.keycloak.workos.client;

import java.time.Duration;

/**
 * How much of this node WorkOS may hold, so that a slow or failing WorkOS cannot take Keycloak's worker threads:
 * the admin sets them on the WorkOS identity provider.
 *
 * @param maxInFlight WorkOS calls this node makes at once for one WorkOS connection; the next is refused at once
 * @param circuitFailures failures in a row (timeouts, 5xx, 429, network errors) that open the circuit
 * @param circuitCoolDown how long an open circuit refuses calls before one probe may go through
 * @param requestBudget the most one Keycloak request (a sign-in step, a token request) spends waiting on WorkOS,
 *     over all its WorkOS calls and retries
 */
public record WorkOsLimits(int maxInFlight, int circuitFailures, Duration circuitCoolDown, Duration requestBudget) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    public static final int DEFAULT_CIRCUIT_FAILURES = 5;
    public static final Duration DEFAULT_CIRCUIT_COOL_DOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_BUDGET = Duration.ofSeconds(10);
    public static final WorkOsLimits DEFAULT = new WorkOsLimits(DEFAULT_MAX_IN_FLIGHT, DEFAULT_CIRCUIT_FAILURES,
            DEFAULT_CIRCUIT_COOL_DOWN, DEFAULT_REQUEST_BUDGET);

    public WorkOsLimits {
        maxInFlight = Math.max(1, maxInFlight);
        circuitFailures = Math.max(1, circuitFailures);
        circuitCoolDown = circuitCoolDown == null || circuitCoolDown.isNegative() ? DEFAULT_CIRCUIT_COOL_DOWN
                : circuitCoolDown;
        requestBudget = requestBudget == null || requestBudget.isNegative() || requestBudget.isZero()
                ? DEFAULT_REQUEST_BUDGET : requestBudget;
    }
}
