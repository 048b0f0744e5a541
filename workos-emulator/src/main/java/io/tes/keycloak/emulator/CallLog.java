package io.tes.keycloak.emulator;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Every call the emulator answered, in order, for tests to count. Holds no secrets: no bodies, no keys. */
public final class CallLog {

    /**
     * One answered call.
     *
     * @param grantType the {@code grant_type} of an authenticate call, otherwise null
     * @param status the HTTP status answered; 0 when the connection was dropped
     */
    public record Call(Endpoint endpoint, String grantType, int status, Instant at) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void record(Endpoint endpoint, String grantType, int status) {
        calls.add(new Call(endpoint, grantType, status, Instant.now()));
    }

    public List<Call> all() {
        return List.copyOf(calls);
    }

    public long count(Endpoint endpoint) {
        return calls.stream().filter(call -> call.endpoint() == endpoint).count();
    }

    /** Authenticate calls with this grant type, e.g. {@code password} or {@code authorization_code}. */
    public long countGrant(String grantType) {
        return calls.stream()
                .filter(call -> call.endpoint() == Endpoint.AUTHENTICATE && grantType.equals(call.grantType()))
                .count();
    }

    public List<Call> of(Endpoint endpoint) {
        return calls.stream().filter(call -> call.endpoint() == endpoint).collect(Collectors.toList());
    }

    public void clear() {
        calls.clear();
    }
}
