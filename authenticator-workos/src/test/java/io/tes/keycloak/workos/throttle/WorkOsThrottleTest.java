package io.tes.keycloak.workos.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.representations.idm.RealmRepresentation.BruteForceStrategy;

/** The throttle on one node's view of Keycloak's login-failure store; the realm's factor is 3. */
@DisplayName("WorkOsThrottle")
class WorkOsThrottleTest {

    private static final String UNKNOWN = "new@acme.test";
    private static final String OTHER = "other@acme.test";
    private static final String KNOWN = "known@acme.test";

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final InMemoryLoginFailures store = new InMemoryLoginFailures();
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final ClientConnection connection = mock(ClientConnection.class);
    private final WorkOsThrottle throttle = new WorkOsThrottle(session,
            new WindowLimit(ThrottleKeys.ADDRESS, 10, Duration.ofMinutes(15)), now::get);

    @BeforeEach
    void realmWithBruteForceDetection() {
        KeycloakContext context = mock(KeycloakContext.class);
        when(session.getContext()).thenReturn(context);
        when(context.getRealm()).thenReturn(realm);
        when(context.getConnection()).thenReturn(connection);
        when(connection.getRemoteAddr()).thenReturn("2001:db8:1:2::10");
        when(session.loginFailures()).thenReturn(store);
        UserProvider users = mock(UserProvider.class);
        when(users.getUserByEmail(realm, KNOWN)).thenReturn(mock(UserModel.class));
        when(session.users()).thenReturn(users);
        when(realm.getId()).thenReturn("realm-1");
        when(realm.isBruteForceProtected()).thenReturn(true);
        when(realm.getFailureFactor()).thenReturn(3);
        when(realm.getWaitIncrementSeconds()).thenReturn(60);
        when(realm.getMaxFailureWaitSeconds()).thenReturn(900);
        when(realm.getMinimumQuickLoginWaitSeconds()).thenReturn(60);
        when(realm.getQuickLoginCheckMilliSeconds()).thenReturn(1000L);
        when(realm.getMaxDeltaTimeSeconds()).thenReturn(43_200);
        when(realm.getBruteForceStrategy()).thenReturn(BruteForceStrategy.LINEAR);
    }

    /** Wrong passwords two seconds apart, each checked first as a step does. */
    private void wrongPasswords(String email, int times) throws WorkOsFailure {
        for (int i = 0; i < times; i++) {
            now.addAndGet(2_000);
            throttle.beforePassword(email);
            throttle.passwordRefused(email);
        }
    }

    private static String refusedBy(ThrowingCall call) {
        WorkOsFailure failure = catchThrowableOfType(call::run, WorkOsFailure.class);
        assertThat(failure).as("refused").isNotNull();
        assertThat(failure.code()).isEqualTo("workos_too_many_attempts");
        return failure.throttled();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws WorkOsFailure;
    }

    @Nested
    @DisplayName("Given an email no Keycloak user has")
    class UnknownEmail {

        @Test
        @DisplayName("Given the realm's failure factor reached then refused before WorkOS, other emails are not")
        void locksTheEmailOnly() throws WorkOsFailure {
            wrongPasswords(UNKNOWN, 3);

            assertThat(refusedBy(() -> throttle.beforePassword(UNKNOWN))).isEqualTo("email");
            assertThatCode(() -> throttle.beforePassword(OTHER)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("Given the wait over then the email may try again")
        void waitEnds() throws WorkOsFailure {
            wrongPasswords(UNKNOWN, 3);
            now.addAndGet(60_000);

            assertThatCode(() -> throttle.beforePassword(UNKNOWN)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("Given a sign-in WorkOS accepted then the email's count starts again")
        void successClears() throws WorkOsFailure {
            wrongPasswords(UNKNOWN, 2);

            throttle.passwordAccepted(UNKNOWN);
            wrongPasswords(UNKNOWN, 2);

            assertThatCode(() -> throttle.beforePassword(UNKNOWN)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("Given the count then it lives under the realm and a hash, in Keycloak's login-failure store")
        void storedHashed() throws WorkOsFailure {
            wrongPasswords(UNKNOWN.toUpperCase(java.util.Locale.ROOT), 1);

            assertThat(store.counts).containsKey("realm-1/" + ThrottleKeys.email(UNKNOWN));
            assertThat(store.counts.keySet()).noneMatch(key -> key.contains("acme") || key.contains("2001"));
        }

        @Test
        @DisplayName("Given the realm's brute-force detection off then the email is never locked")
        void detectionOff() throws WorkOsFailure {
            when(realm.isBruteForceProtected()).thenReturn(false);

            wrongPasswords(UNKNOWN, 5);

            assertThatCode(() -> throttle.beforePassword(UNKNOWN)).doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("Given an email a Keycloak user has")
    class KnownEmail {

        @Test
        @DisplayName("then Keycloak's own detector counts it and the throttle keeps no count of the email")
        void leftToKeycloak() throws WorkOsFailure {
            wrongPasswords(KNOWN, 5);

            assertThat(store.counts).doesNotContainKey("realm-1/" + ThrottleKeys.email(KNOWN));
        }
    }

    @Nested
    @DisplayName("Given many attempts from one address")
    class OneAddress {

        @Test
        @DisplayName("Given the address limit reached over several emails then every email from it is refused")
        void addressLimit() throws WorkOsFailure {
            for (int i = 0; i < 10; i++) {
                wrongPasswords("spray-" + i + "@acme.test", 1);
            }

            assertThat(refusedBy(() -> throttle.beforePassword("fresh@acme.test"))).isEqualTo("address");
            assertThat(refusedBy(throttle::signUp)).isEqualTo("address");
        }

        @Test
        @DisplayName("Given a request exempted from address counts (a trusted back end) then it neither counts nor is "
                + "refused by the address, while the email still is")
        void exemptAddress() throws WorkOsFailure {
            for (int i = 0; i < 10; i++) {
                throttle.signUp();
            }
            WorkOsThrottle backEnd = new WorkOsThrottle(session,
                    new WindowLimit(ThrottleKeys.ADDRESS, 10, Duration.ofMinutes(15)), now::get);
            backEnd.exemptAddress();

            assertThatCode(backEnd::signUp).doesNotThrowAnyException();
            WindowLimit links = new WindowLimit("reset-link", 1, Duration.ofMinutes(15));
            backEnd.attempted(links);
            assertThat(backEnd.blocked(links)).isFalse();
            assertThat(throttle.blocked(links)).isFalse();
            for (int i = 0; i < 3; i++) {
                backEnd.passwordRefused(UNKNOWN);
            }
            assertThat(refusedBy(() -> backEnd.beforePassword(UNKNOWN))).isEqualTo("email");
            assertThat(refusedBy(throttle::signUp)).isEqualTo("address");
        }

        @Test
        @DisplayName("Given another address of the same IPv6 /64 then it shares the count; another /64 does not")
        void ipv6Grouped() throws WorkOsFailure {
            for (int i = 0; i < 10; i++) {
                throttle.signUp();
            }
            when(connection.getRemoteAddr()).thenReturn("2001:db8:1:2:ffff::1");
            assertThat(refusedBy(throttle::signUp)).isEqualTo("address");

            when(connection.getRemoteAddr()).thenReturn("2001:db8:1:3::1");
            assertThatCode(throttle::signUp).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("Given the realm's brute-force detection off then the address is still counted")
        void addressWithoutDetection() throws WorkOsFailure {
            when(realm.isBruteForceProtected()).thenReturn(false);
            for (int i = 0; i < 10; i++) {
                throttle.signUp();
            }

            assertThat(refusedBy(throttle::signUp)).isEqualTo("address");
        }
    }

    @Nested
    @DisplayName("Given reset requests")
    class ResetRequests {

        @Test
        @DisplayName("Given the factor's requests for an email then the next is refused, and sign-in is not locked")
        void perEmailOwnSpace() throws WorkOsFailure {
            for (int i = 0; i < 3; i++) {
                now.addAndGet(2_000);
                throttle.resetRequest(UNKNOWN);
            }

            assertThat(refusedBy(() -> throttle.resetRequest(UNKNOWN))).isEqualTo("email");
            assertThatCode(() -> throttle.beforePassword(UNKNOWN)).doesNotThrowAnyException();
            assertThatCode(() -> throttle.resetRequest(OTHER)).doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("Given a limit of the caller's (the reset page's refused links)")
    class OwnLimit {

        @Test
        @DisplayName("then it counts per address in its own space, apart from the sign-in count")
        void separateSpace() {
            WindowLimit links = new WindowLimit("reset-link", 2, Duration.ofMinutes(15));

            throttle.attempted(links);
            throttle.attempted(links);

            assertThat(throttle.blocked(links)).isTrue();
            assertThatCode(throttle::signUp).doesNotThrowAnyException();
        }
    }
}
