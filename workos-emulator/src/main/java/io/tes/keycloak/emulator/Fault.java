package io.tes.keycloak.emulator;

/**
 * A misbehaviour injected into one endpoint.
 *
 * @param latencyMillis delay before answering (then the normal answer, unless another field is set)
 * @param status an error status to answer instead of the normal answer (0 for none), e.g. 500, 503 or 429
 * @param retryAfterSeconds the {@code Retry-After} header sent with the status (0 for none)
 * @param malformedBody answer 200 with a body that is not valid JSON
 * @param dropConnection close the connection without an answer
 * @param times how many calls the fault applies to before it clears itself; negative for until cleared
 */
public record Fault(long latencyMillis, int status, int retryAfterSeconds, boolean malformedBody,
        boolean dropConnection, int times) {

    public static Fault latency(long millis) {
        return new Fault(millis, 0, 0, false, false, -1);
    }

    public static Fault status(int status) {
        return new Fault(0, status, 0, false, false, -1);
    }

    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(0, 429, retryAfterSeconds, false, false, -1);
    }

    public static Fault malformed() {
        return new Fault(0, 0, 0, true, false, -1);
    }

    public static Fault dropped() {
        return new Fault(0, 0, 0, false, true, -1);
    }

    /** The same fault for only the next {@code count} calls. */
    public Fault times(int count) {
        return new Fault(latencyMillis, status, retryAfterSeconds, malformedBody, dropConnection, count);
    }
}
