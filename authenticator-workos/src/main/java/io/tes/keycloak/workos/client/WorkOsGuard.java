package io.tes.keycloak.workos.client;

import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Keeps a slow or failing WorkOS from taking this node's worker threads: a bulkhead (at most
 * {@link WorkOsLimits#maxInFlight()} calls in flight; the next is refused at once with
 * {@link WorkOsError#OVERLOADED}, never queued) and a circuit breaker (after {@link WorkOsLimits#circuitFailures()}
 * failures in a row that say WorkOS is in trouble, every call is refused at once with
 * {@link WorkOsError#CIRCUIT_OPEN} for {@link WorkOsLimits#circuitCoolDown()}; then one probe goes through, and
 * its success closes the circuit, its failure opens it for another cool-down).
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
    private Circuit circuit = Circuit.CLOSED;
    private int failuresInARow;
    private long openUntilNanos;
    private boolean probing;

    WorkOsGuard(String name, WorkOsLimits limits) {
        this(name, limits, System::nanoTime);
    }

    WorkOsGuard(String name, WorkOsLimits limits, LongSupplier clock) {
        this.name = name;
        this.limits = limits;
        this.clock = clock;
        this.permits = new Semaphore(limits.maxInFlight());
    }

    /** Lets one call through, or refuses it at once. */
    Pass enter(String path) throws WorkOsException {
        boolean probe = admit(path);
        if (!permits.tryAcquire()) {
            if (probe) {
                synchronized (this) {
                    probing = false;
                }
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
                record(failure, probe);
            }
        };
    }

    /** @return whether this call is the half-open circuit's probe */
    private synchronized boolean admit(String path) throws WorkOsException {
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

    private synchronized void record(WorkOsError failure, boolean probe) {
        boolean troubled = failure != null && failure.transientFailure();
        if (probe) {
            probing = false;
        }
        if (!troubled) {
            failuresInARow = 0;
            if (circuit != Circuit.CLOSED && (probe || circuit == Circuit.HALF_OPEN)) {
                circuit = Circuit.CLOSED;
                LOG.infof("WorkOS circuit of %s closed: WorkOS answers again", name);
            }
            return;
        }
        failuresInARow++;
        if (probe || (circuit == Circuit.CLOSED && failuresInARow >= limits.circuitFailures())) {
            circuit = Circuit.OPEN;
            openUntilNanos = clock.getAsLong() + limits.circuitCoolDown().toNanos();
            LOG.warnf("WorkOS circuit of %s open for %d s after %d failures in a row (last: %s): WorkOS calls from "
                    + "this node are refused at once until then", name, limits.circuitCoolDown().toSeconds(),
                    failuresInARow, failure.code());
        }
    }

    private WorkOsException circuitOpen(String path) {
        return new WorkOsException(WorkOsError.CIRCUIT_OPEN, 0,
                path + " not sent: the WorkOS circuit is open on this node", null);
    }

    synchronized Circuit circuit() {
        return circuit;
    }

    int inFlight() {
        return limits.maxInFlight() - permits.availablePermits();
    }

    WorkOsLimits limits() {
        return limits;
    }
}
