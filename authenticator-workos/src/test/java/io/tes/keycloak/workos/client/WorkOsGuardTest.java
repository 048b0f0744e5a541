package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsGuard: the bulkhead and the circuit of one node")
class WorkOsGuardTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WorkOsGuard guard = new WorkOsGuard("test", new WorkOsLimits(2, 3, Duration.ofSeconds(30),
            Duration.ofSeconds(10)), now::get);

    private WorkOsError refusal() {
        return catchThrowableOfType(WorkOsException.class, () -> guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x")).error();
    }

    private void fail(WorkOsError error) throws WorkOsException {
        guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x").close(error);
    }

    @Nested
    @DisplayName("Given the bulkhead")
    class Bulkhead {

        @Test
        @DisplayName("when as many calls as allowed are in flight then the next is refused at once, and let in once one ends")
        void refusesPastTheLimit() throws Exception {
            WorkOsGuard.Pass first = guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            assertThat(guard.inFlight()).isEqualTo(2);

            assertThat(refusal()).isEqualTo(WorkOsError.OVERLOADED);

            first.close(null);
            assertThat(guard.inFlight()).isEqualTo(1);
            assertThat(guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x")).isNotNull();
        }

        @Test
        @DisplayName("when a pass is closed twice then its permit is given back once")
        void closesOnce() throws Exception {
            WorkOsGuard.Pass pass = guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            pass.close(null);
            pass.close(null);
            guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            assertThat(refusal()).isEqualTo(WorkOsError.OVERLOADED);
        }
    }

    @Nested
    @DisplayName("Given the circuit")
    class Circuit {

        @Test
        @DisplayName("when WorkOS fails as often in a row as allowed then every call is refused for the cool-down")
        void opensAfterFailuresInARow() throws Exception {
            fail(WorkOsError.TIMEOUT);
            fail(WorkOsError.SERVER_ERROR);
            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
            fail(WorkOsError.RATE_LIMITED);

            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.OPEN);
            assertThat(refusal()).isEqualTo(WorkOsError.CIRCUIT_OPEN);
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(refusal()).isEqualTo(WorkOsError.CIRCUIT_OPEN);
        }

        @Test
        @DisplayName("when one endpoint's circuit is open then calls to another endpoint still go through")
        void circuitsArePerEndpoint() throws Exception {
            open();

            guard.enter(WorkOsEndpoint.EVENTS, "/events").close(null);

            assertThat(guard.circuit(WorkOsEndpoint.EVENTS)).isEqualTo(WorkOsGuard.Circuit.CLOSED);
            assertThat(guard.circuit(WorkOsEndpoint.AUTHENTICATE)).isEqualTo(WorkOsGuard.Circuit.OPEN);
            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.OPEN);
        }

        @Test
        @DisplayName("when an answer comes between failures then the count starts again")
        void answersResetTheCount() throws Exception {
            fail(WorkOsError.TIMEOUT);
            fail(WorkOsError.CONNECTION_FAILED);
            fail(WorkOsError.INVALID_CREDENTIALS);
            fail(WorkOsError.TIMEOUT);
            fail(WorkOsError.TIMEOUT);

            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
        }

        @Test
        @DisplayName("when WorkOS refuses a password or answers garbage then the circuit stays closed")
        void answersAreNotTrouble() throws Exception {
            for (int i = 0; i < 10; i++) {
                fail(WorkOsError.INVALID_CREDENTIALS);
                fail(WorkOsError.MALFORMED_RESPONSE);
            }
            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
        }

        @Test
        @DisplayName("when the cool-down ends then one probe goes through, others are refused, and its success closes it")
        void probeCloses() throws Exception {
            open();
            now.addAndGet(Duration.ofSeconds(30).toNanos());

            WorkOsGuard.Pass probe = guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.HALF_OPEN);
            assertThat(refusal()).isEqualTo(WorkOsError.CIRCUIT_OPEN);
            probe.close(null);

            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
            guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x").close(null);
        }

        @Test
        @DisplayName("when the probe fails then the circuit opens for another cool-down")
        void failedProbeOpensAgain() throws Exception {
            open();
            now.addAndGet(Duration.ofSeconds(30).toNanos());

            fail(WorkOsError.TIMEOUT);

            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.OPEN);
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(refusal()).isEqualTo(WorkOsError.CIRCUIT_OPEN);
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x").close(null);
            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
        }

        @Test
        @DisplayName("when a call sent before the circuit opened is answered late then the circuit stays open")
        void lateAnswerKeepsItOpen() throws Exception {
            WorkOsGuard.Pass late = guard.enter(WorkOsEndpoint.AUTHENTICATE, "/x");
            open();

            late.close(null);

            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.OPEN);
            assertThat(refusal()).isEqualTo(WorkOsError.CIRCUIT_OPEN);
        }

        private void open() throws WorkOsException {
            for (int i = 0; i < 3; i++) {
                fail(WorkOsError.TIMEOUT);
            }
            assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.OPEN);
        }
    }

    @Nested
    @DisplayName("Given a request's budget")
    class Budget {

        @Test
        @DisplayName("when part of it is spent then each timeout is cut to what is left, and none is left after it")
        void cutsTimeouts() {
            AtomicLong clock = new AtomicLong();
            WorkOsDeadline deadline = WorkOsDeadline.in(Duration.ofSeconds(10), clock::get);

            assertThat(deadline.cut(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
            clock.addAndGet(Duration.ofSeconds(7).toNanos());
            assertThat(deadline.cut(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(3));
            clock.addAndGet(Duration.ofSeconds(4).toNanos());
            assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        }
    }
}
