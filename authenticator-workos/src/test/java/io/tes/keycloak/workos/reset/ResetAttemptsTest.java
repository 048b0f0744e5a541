package io.tes.keycloak.workos.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResetAttemptsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private ResetAttempts attempts(int maxKeys) {
        return new ResetAttempts(3, Duration.ofMinutes(15), maxKeys, now::get);
    }

    @Nested
    @DisplayName("Given refused tokens from one address")
    class OneAddress {

        @Test
        @DisplayName("Given fewer than the limit then the address is not blocked")
        void belowTheLimit() {
            ResetAttempts attempts = attempts(10);
            attempts.failed("realm/10.0.0.1");
            attempts.failed("realm/10.0.0.1");

            assertThat(attempts.blocked("realm/10.0.0.1")).isFalse();
        }

        @Test
        @DisplayName("Given the limit reached then the address is blocked, and others are not")
        void atTheLimit() {
            ResetAttempts attempts = attempts(10);
            for (int i = 0; i < 3; i++) {
                attempts.failed("realm/10.0.0.1");
            }

            assertThat(attempts.blocked("realm/10.0.0.1")).isTrue();
            assertThat(attempts.blocked("realm/10.0.0.2")).isFalse();
            assertThat(attempts.blocked("other/10.0.0.1")).isFalse();
        }

        @Test
        @DisplayName("Given the window over then the address is free again and counts from zero")
        void windowEnds() {
            ResetAttempts attempts = attempts(10);
            for (int i = 0; i < 3; i++) {
                attempts.failed("realm/10.0.0.1");
            }
            now.addAndGet(Duration.ofMinutes(15).toMillis());

            assertThat(attempts.blocked("realm/10.0.0.1")).isFalse();
            attempts.failed("realm/10.0.0.1");
            assertThat(attempts.blocked("realm/10.0.0.1")).isFalse();
        }
    }

    @Nested
    @DisplayName("Given a full table")
    class FullTable {

        @Test
        @DisplayName("Given many addresses then blocked ones stay blocked while the table stays bounded")
        void blockedSurviveEviction() {
            ResetAttempts attempts = attempts(4);
            for (int i = 0; i < 3; i++) {
                attempts.failed("realm/attacker");
            }
            for (int i = 0; i < 50; i++) {
                attempts.failed("realm/spray-" + i);
            }

            assertThat(attempts.blocked("realm/attacker")).isTrue();
        }
    }

    @Nested
    @DisplayName("Given WorkOS error codes")
    class Codes {

        @Test
        @DisplayName("Given password codes then they mean a weak password, token codes never do")
        void passwordCodes() {
            assertThat(ResetFailure.aboutPassword("password_strength_error")).isTrue();
            assertThat(ResetFailure.aboutPassword("password_too_weak")).isTrue();
            assertThat(ResetFailure.aboutPassword("password_reset_token_not_found")).isFalse();
            assertThat(ResetFailure.aboutPassword("password_reset_error")).isFalse();
        }
    }
}
