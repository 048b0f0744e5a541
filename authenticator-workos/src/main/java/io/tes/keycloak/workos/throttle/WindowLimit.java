package io.tes.keycloak.workos.throttle;

import java.time.Duration;

import org.keycloak.models.UserLoginFailureModel;

/**
 * A limit per client address, independent of the realm's settings: at most {@code maxAttempts} in a fixed window
 * that starts with the first attempt; an address that reaches it is refused until the window ends. {@code space}
 * keeps each limit's counts apart. A {@code maxAttempts} of 0 switches the limit off.
 */
public record WindowLimit(String space, int maxAttempts, Duration window) {

    public boolean enabled() {
        return maxAttempts > 0;
    }

    boolean locked(UserLoginFailureModel count, long nowMillis) {
        return count != null && nowMillis / 1000 < count.getFailedLoginNotBefore();
    }

    /** Counts one attempt; the count's last-failure time holds the start of its window. */
    void attempted(UserLoginFailureModel count, long nowMillis) {
        long start = count.getLastFailure();
        if (start <= 0 || nowMillis - start >= window.toMillis()) {
            count.clearFailures();
            count.setLastFailure(nowMillis);
            start = nowMillis;
        }
        count.incrementFailures();
        if (count.getNumFailures() >= maxAttempts) {
            long endSeconds = (start + window.toMillis() + 999) / 1000;
            count.setFailedLoginNotBefore((int) Math.min(Integer.MAX_VALUE, endSeconds));
        }
    }
}
