package io.tes.keycloak.workos.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WindowLimit")
class WindowLimitTest {

    private static final long START = 1_700_000_000_000L;

    private final WindowLimit limit = new WindowLimit("addr", 3, Duration.ofMinutes(15));
    private final InMemoryLoginFailures.Count count = new InMemoryLoginFailures.Count("addr:x");

    @Nested
    @DisplayName("Given attempts from one address in one window")
    class OneWindow {

        @Test
        @DisplayName("Given fewer than the limit then the address is not refused")
        void belowTheLimit() {
            limit.attempted(count, START);
            limit.attempted(count, START + 1_000);

            assertThat(limit.locked(count, START + 1_000)).isFalse();
        }

        @Test
        @DisplayName("Given the limit reached then refused until the window that began with the first attempt ends")
        void atTheLimit() {
            limit.attempted(count, START);
            limit.attempted(count, START + 60_000);
            limit.attempted(count, START + 120_000);

            assertThat(limit.locked(count, START + 120_000)).isTrue();
            assertThat(limit.locked(count, START + 899_000)).isTrue();
            assertThat(limit.locked(count, START + 900_000)).isFalse();
        }

        @Test
        @DisplayName("Given a steady trickle below the limit per window then never refused (an office behind one NAT)")
        void steadyTrickle() {
            for (int minute = 0; minute < 8 * 60; minute += 8) {
                limit.attempted(count, START + minute * 60_000L);
                assertThat(limit.locked(count, START + minute * 60_000L)).as("minute %d", minute).isFalse();
            }
        }
    }

    @Nested
    @DisplayName("Given the next window")
    class NextWindow {

        @Test
        @DisplayName("Given the window over then counting starts from zero")
        void startsAgain() {
            for (int i = 0; i < 3; i++) {
                limit.attempted(count, START + i);
            }

            limit.attempted(count, START + 900_000);

            assertThat(count.getNumFailures()).isEqualTo(1);
            assertThat(limit.locked(count, START + 900_000)).isFalse();
        }

        @Test
        @DisplayName("Given a limit of 0 then it is off")
        void off() {
            assertThat(new WindowLimit("addr", 0, Duration.ofMinutes(1)).enabled()).isFalse();
            assertThat(limit.enabled()).isTrue();
        }
    }
}
