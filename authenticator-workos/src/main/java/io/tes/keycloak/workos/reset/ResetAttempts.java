package io.tes.keycloak.workos.reset;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts refused reset tokens per key (realm and client address) in a fixed window, in this node's memory. A key
 * with {@code maxFailures} refusals in the window is blocked until the window ends. The table is bounded: when it
 * is full, expired entries go first, then every entry that is not blocked, so an attacker spraying addresses can
 * neither exhaust memory nor free the addresses already blocked.
 */
final class ResetAttempts {

    private record Window(long startMillis, int failures) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ResetAttempts(int maxFailures, Duration window, int maxKeys, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    boolean blocked(String key) {
        Window window = windows.get(key);
        return window != null && live(window, clock.getAsLong()) && window.failures() >= maxFailures;
    }

    void failed(String key) {
        long now = clock.getAsLong();
        if (!windows.containsKey(key) && windows.size() >= maxKeys) {
            windows.values().removeIf(window -> !live(window, now));
            if (windows.size() >= maxKeys) {
                windows.values().removeIf(window -> window.failures() < maxFailures);
            }
        }
        windows.compute(key, (k, window) -> window == null || !live(window, now) ? new Window(now, 1)
                : new Window(window.startMillis(), window.failures() + 1));
    }

    int maxFailures() {
        return maxFailures;
    }

    Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    private boolean live(Window window, long now) {
        return now - window.startMillis() < windowMillis;
    }
}
