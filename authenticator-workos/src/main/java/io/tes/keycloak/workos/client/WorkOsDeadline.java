package io.tes.keycloak.workos.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time one Keycloak request may still spend on WorkOS, over all its calls and retries: each call's timeouts are
 * cut to what is left, and a call with nothing left is not made ({@link WorkOsError#TIMEOUT}). Kept for the length of
 * one Keycloak session (one HTTP request), never across requests; {@link #NONE} for background work.
 */
public final class WorkOsDeadline {

    /** No budget: each call has only its own timeouts (background work, such as the events consumer). */
    public static final WorkOsDeadline NONE = new WorkOsDeadline(Long.MAX_VALUE, System::nanoTime);

    private final long endNanos;
    private final LongSupplier clock;

    private WorkOsDeadline(long endNanos, LongSupplier clock) {
        this.endNanos = endNanos;
        this.clock = clock;
    }

    /** A budget that starts now. */
    public static WorkOsDeadline in(Duration budget) {
        return in(budget, System::nanoTime);
    }

    static WorkOsDeadline in(Duration budget, LongSupplier clock) {
        long now = clock.getAsLong();
        return new WorkOsDeadline(now + budget.toNanos(), clock);
    }

    /** What is left of the budget; {@link Duration#ZERO} once spent, a very long time for {@link #NONE}. */
    Duration remaining() {
        if (this == NONE) {
            return Duration.ofMillis(Integer.MAX_VALUE);
        }
        return Duration.ofNanos(Math.max(0, endNanos - clock.getAsLong()));
    }

    /** The timeout for the next wait: {@code timeout}, cut to what is left. */
    Duration cut(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }
}
