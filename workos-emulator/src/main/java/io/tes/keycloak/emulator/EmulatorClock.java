package io.tes.keycloak.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Wall-clock time that tests can move forward, to expire codes and pending tokens without waiting. */
final class EmulatorClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    Instant now() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    void advance(Duration duration) {
        offsetMillis.addAndGet(duration.toMillis());
    }
}
