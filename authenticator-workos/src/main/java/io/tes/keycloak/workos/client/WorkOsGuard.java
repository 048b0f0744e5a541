package io.tes.keycloak.workos.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Keeps a slow or failing WorkOS from taking this node's worker threads: a bulkhead (at most
 * {@link WorkOsLimits#maxInFlight()} calls in flight to one WorkOS connection; the next is refused at once with
 * {@link WorkOsError#OVERLOADED}, never queued) and a circuit breaker per WorkOS endpoint (after
 * {@link WorkOsLimits#circuitFailures()} failures in a row that say WorkOS is in trouble, every call to that endpoint
 * is refused at once with {@link WorkOsError#CIRCUIT_OPEN} for {@link WorkOsLimits#circuitCoolDown()}; then one probe
 * goes through, and its success closes the circuit, its failure opens it for another cool-down). One circuit per
 * endpoint, so that an outage of one WorkOS API (the events, say) does not refuse sign-ins while {@code authenticate}
 * answers; a WorkOS that is down opens each endpoint's circuit after its own failures.
 *
 * <p>This state is per node by design, not cluster-wide: what it protects is this JVM's threads, and what it
 * measures is what this node sees of WorkOS. Nothing in it is security state; sharing it across the cluster would
 * let one node's network trouble refuse sign-ins on every node.
 */
final class WorkOsGuard {

    /** The circuit's states, with the value of the {@code tes.workos.circuit.state} gauge. */
    enum Circuit {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        final int gauge;

        Circuit(int gauge) {
            this.gauge = gauge;
        }
    }

    /** A call let through: {@link #close} it exactly once, with its outcome. */
    interface Pass {
        /** @param failure the error of the call, or null when WorkOS answered (whatever the answer said) */
        void close(WorkOsError failure);
    }

    private static final Logger LOG = Logger.getLogger(WorkOsGuard.class);

    private final String name;
    private final WorkOsLimits limits;
    private final LongSupplier clock;
    private final Semaphore permits;
    private final Map<WorkOsEndpoint, Breaker> breakers = new EnumMap<>(WorkOsEndpoint.class);

    WorkOsGuard(String name, WorkOsLimits limits) {
        this(name, limits, System::nanoTime);
    }

    WorkOsGuard(String name, WorkOsLimits limits, LongSupplier clock) {
        this.name = name;
        this.limits = limits;
        this.clock = clock;
        this.permits = new Semaphore(limits.maxInFlight());
        for (WorkOsEndpoint endpoint : WorkOsEndpoint.values()) {
            breakers.put(endpoint, new Breaker(endpoint));
        }
    }

    /** Lets one call to that endpoint through, or refuses it at once. */
    Pass enter(WorkOsEndpoint endpoint, String path) throws WorkOsException {
        Breaker breaker = breakers.get(endpoint);
        boolean probe = breaker.admit(path);
        if (!permits.tryAcquire()) {
            if (probe) {
                breaker.probeNotSent();
            }
            throw new WorkOsException(WorkOsError.OVERLOADED, 0, path + " not sent: " + limits.maxInFlight()
                    + " WorkOS calls already in flight on this node", null);
        }
        return new Pass() {
            private boolean closed;

            @Override
            public void close(WorkOsError failure) {
                if (closed) {
                    return;
                }
                closed = true;
                permits.release();
                breaker.record(failure, probe);
            }
        };
    }

    /** That endpoint's circuit. */
    Circuit circuit(WorkOsEndpoint endpoint) {
        return breakers.get(endpoint).circuit();
    }

    /** The worst circuit of all endpoints: what the gauge shows. */
    Circuit circuit() {
        Circuit worst = Circuit.CLOSED;
        for (Breaker breaker : breakers.values()) {
            Circuit circuit = breaker.circuit();
            if (circuit.gauge > worst.gauge) {
                worst = circuit;
            }
        }
        return worst;
    }

    int inFlight() {
        return limits.maxInFlight() - permits.availablePermits();
    }

    WorkOsLimits limits() {
        return limits;
    }

    /** One endpoint's circuit. */
    private final class Breaker {

        private final WorkOsEndpoint endpoint;
        private Circuit circuit = Circuit.CLOSED;
        private int failuresInARow;
        private long openUntilNanos;
        private boolean probing;

        Breaker(WorkOsEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** @return whether this call is the half-open circuit's probe */
        synchronized boolean admit(String path) throws WorkOsException {
            if (circuit == Circuit.CLOSED) {
                return false;
            }
            if (circuit == Circuit.OPEN && clock.getAsLong() - openUntilNanos < 0) {
                throw circuitOpen(path);
            }
            if (probing) {
                throw circuitOpen(path);
            }
            circuit = Circuit.HALF_OPEN;
            probing = true;
            return true;
        }

        synchronized void probeNotSent() {
            probing = false;
        }

        synchronized void record(WorkOsError failure, boolean probe) {
            boolean troubled = failure != null && failure.transientFailure();
            if (probe) {
                probing = false;
            }
            if (!troubled) {
                failuresInARow = 0;
                if (circuit != Circuit.CLOSED && (probe || circuit == Circuit.HALF_OPEN)) {
                    circuit = Circuit.CLOSED;
                    LOG.infof("WorkOS circuit of %s (%s) closed: WorkOS answers again", name, endpoint.tag());
                }
                return;
            }
            failuresInARow++;
            if (probe || (circuit == Circuit.CLOSED && failuresInARow >= limits.circuitFailures())) {
                circuit = Circuit.OPEN;
                openUntilNanos = clock.getAsLong() + limits.circuitCoolDown().toNanos();
                LOG.warnf("WorkOS circuit of %s (%s) open for %d s after %d failures in a row (last: %s): these "
                        + "calls from this node are refused at once until then", name, endpoint.tag(),
                        limits.circuitCoolDown().toSeconds(), failuresInARow, failure.code());
            }
        }

        synchronized Circuit circuit() {
            return circuit;
        }

        private WorkOsException circuitOpen(String path) {
            return new WorkOsException(WorkOsError.CIRCUIT_OPEN, 0,
                    path + " not sent: the WorkOS circuit of " + endpoint.tag() + " is open on this node", null);
        }
    }
}
