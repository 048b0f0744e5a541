package io.tes.keycloak.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The fault table: at most one fault per endpoint, set from tests or over the admin route. */
public final class Faults {

    private final Map<Endpoint, Fault> active = new ConcurrentHashMap<>();

    public void set(Endpoint endpoint, Fault fault) {
        active.put(endpoint, fault);
    }

    public void clear(Endpoint endpoint) {
        active.remove(endpoint);
    }

    public void clearAll() {
        active.clear();
    }

    /** The fault for this call, counting it against a limited fault's remaining uses. */
    Optional<Fault> take(Endpoint endpoint) {
        Fault[] taken = new Fault[1];
        active.computeIfPresent(endpoint, (key, fault) -> {
            taken[0] = fault;
            if (fault.times() < 0) {
                return fault;
            }
            return fault.times() > 1 ? fault.times(fault.times() - 1) : null;
        });
        return Optional.ofNullable(taken[0]);
    }
}
