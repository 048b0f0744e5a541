package io.tes.keycloak.workos.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.RealmRepresentation.BruteForceStrategy;

/** The realm's brute-force rule, as Keycloak's DefaultBruteForceProtector computes it for a user. */
@DisplayName("RealmLockout")
class RealmLockoutTest {

    private static final long START = 1_700_000_000_000L;

    private final RealmModel realm = mock(RealmModel.class);
    private final InMemoryLoginFailures.Count count = new InMemoryLoginFailures.Count("email:x");

    @BeforeEach
    void keycloakDefaultsWithFactorThree() {
        when(realm.getFailureFactor()).thenReturn(3);
        when(realm.getWaitIncrementSeconds()).thenReturn(60);
        when(realm.getMaxFailureWaitSeconds()).thenReturn(900);
        when(realm.getQuickLoginCheckMilliSeconds()).thenReturn(1000L);
        when(realm.getMinimumQuickLoginWaitSeconds()).thenReturn(60);
        when(realm.getMaxDeltaTimeSeconds()).thenReturn(43_200);
        when(realm.getBruteForceStrategy()).thenReturn(BruteForceStrategy.LINEAR);
    }

    /** Failures two seconds apart (slower than the quick-login check); returns the time of the last. */
    private long failSlowly(int times, long from) {
        long now = from;
        for (int i = 0; i < times; i++) {
            now += 2_000;
            RealmLockout.failed(realm, count, now);
        }
        return now;
    }

    @Nested
    @DisplayName("Given the linear strategy")
    class Linear {

        @Test
        @DisplayName("Given fewer failures than the factor then not locked")
        void belowTheFactor() {
            long last = failSlowly(2, START);

            assertThat(RealmLockout.locked(count, last)).isFalse();
        }

        @Test
        @DisplayName("Given the factor reached then locked for the wait increment, then free")
        void atTheFactor() {
            long last = failSlowly(3, START);

            assertThat(RealmLockout.locked(count, last)).isTrue();
            assertThat(RealmLockout.locked(count, last + 59_000)).isTrue();
            assertThat(RealmLockout.locked(count, last + 60_000)).isFalse();
            assertThat(count.getNumTemporaryLockouts()).isEqualTo(1);
        }

        @Test
        @DisplayName("Given more failures after a wait then each waits one increment longer, up to the maximum")
        void growsToTheMaximum() {
            when(realm.getMaxFailureWaitSeconds()).thenReturn(150);
            long last = failSlowly(4, START);
            assertThat(count.getFailedLoginNotBefore()).isEqualTo((int) (last / 1000 + 120));

            last = failSlowly(1, last);
            assertThat(count.getFailedLoginNotBefore()).isEqualTo((int) (last / 1000 + 150));
        }
    }

    @Nested
    @DisplayName("Given the multiple strategy")
    class Multiple {

        @Test
        @DisplayName("Given each multiple of the factor then the wait is that many increments")
        void multiples() {
            when(realm.getBruteForceStrategy()).thenReturn(BruteForceStrategy.MULTIPLE);

            long last = failSlowly(3, START);
            assertThat(count.getFailedLoginNotBefore()).isEqualTo((int) (last / 1000 + 60));
            last = failSlowly(3, last);
            assertThat(count.getFailedLoginNotBefore()).isEqualTo((int) (last / 1000 + 120));
        }
    }

    @Nested
    @DisplayName("Given failures in quick succession")
    class QuickLogin {

        @Test
        @DisplayName("Given a second failure within the quick-login check then locked for the minimum wait")
        void quickSecondFailure() {
            RealmLockout.failed(realm, count, START);
            RealmLockout.failed(realm, count, START + 300);

            assertThat(RealmLockout.locked(count, START + 59_000)).isTrue();
            assertThat(RealmLockout.locked(count, START + 61_000)).isFalse();
            assertThat(count.getNumTemporaryLockouts()).isZero();
        }
    }

    @Nested
    @DisplayName("Given a long pause")
    class MaxDelta {

        @Test
        @DisplayName("Given no failure for longer than the realm's maximum delta then the count starts again")
        void forgotten() {
            long last = failSlowly(2, START);

            RealmLockout.failed(realm, count, last + 43_200_001L);

            assertThat(count.getNumFailures()).isEqualTo(1);
            assertThat(RealmLockout.locked(count, last + 43_200_001L)).isFalse();
        }

        @Test
        @DisplayName("Given no count at all then not locked")
        void noCount() {
            assertThat(RealmLockout.locked(null, START)).isFalse();
        }
    }
}
