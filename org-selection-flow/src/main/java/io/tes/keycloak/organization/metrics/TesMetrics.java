package io.tes.keycloak.organization.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The pack's meters, in Keycloak's own Micrometer registry: Keycloak (Quarkus) adds its Prometheus registry to
 * Micrometer's global one, so what is recorded here is on the management port's {@code /metrics} when Keycloak runs
 * with {@code --metrics-enabled=true}; without it the global registry holds no registry and recording costs a map
 * lookup. Every name is listed in docs/operations.md and used by the dashboard and the alert rules under
 * {@code docker/}; {@code MetricsIT} checks that each series they name exists.
 *
 * <p>Tags take values from small fixed sets only (endpoints, outcomes, paths, reasons): never a user, an email, an
 * organization or a client, which would grow the registry without bound.
 */
public final class TesMetrics {

    /** A timer per WorkOS endpoint and outcome; Prometheus: {@code tes_workos_requests_seconds_*}. */
    public static final String WORKOS_REQUESTS = "tes.workos.requests";
    /** WorkOS calls in flight on this node, per WorkOS connection. */
    public static final String WORKOS_IN_FLIGHT = "tes.workos.in.flight";
    /** The circuit of a WorkOS connection on this node: 0 closed, 1 half-open, 2 open. */
    public static final String WORKOS_CIRCUIT_STATE = "tes.workos.circuit.state";
    /** Sign-ins by path and outcome; Prometheus: {@code tes_signins_total}. */
    public static final String SIGN_INS = "tes.signins";
    /** Organizations settled, by reason; Prometheus: {@code tes_organization_selections_total}. */
    public static final String ORGANIZATION_SELECTIONS = "tes.organization.selections";
    /** Organization pickers shown; Prometheus: {@code tes_organization_pickers_total}. */
    public static final String ORGANIZATION_PICKERS = "tes.organization.pickers";
    /** Attempts refused by a throttle, by counter; Prometheus: {@code tes_throttle_refusals_total}. */
    public static final String THROTTLE_REFUSALS = "tes.throttle.refusals";
    /** Seconds between now and the newest WorkOS event applied; Prometheus: {@code tes_workos_events_lag_seconds}. */
    public static final String EVENTS_LAG = "tes.workos.events.lag.seconds";

    private TesMetrics() {
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** One WorkOS call: its endpoint (a fixed name, never a path with ids), its outcome and how long it took. */
    public static void workosRequest(String endpoint, String outcome, Duration took) {
        Timer.builder(WORKOS_REQUESTS)
                .description("Calls from this node to WorkOS")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry())
                .record(took);
    }

    /** A sign-in finished on a path ({@code password_form}, {@code direct_grant}, ...) with an outcome. */
    public static void signIn(String path, String outcome) {
        Counter.builder(SIGN_INS)
                .description("Sign-ins through the pack, by path and outcome")
                .tag("path", path)
                .tag("outcome", outcome)
                .register(registry())
                .increment();
    }

    /** The organization step settled an organization for this reason ({@code pinned}, {@code picked}, ...). */
    public static void organizationSelected(String reason) {
        Counter.builder(ORGANIZATION_SELECTIONS)
                .description("Organizations settled by the organization step, by reason")
                .tag("reason", reason)
                .register(registry())
                .increment();
    }

    public static void organizationPickerShown() {
        Counter.builder(ORGANIZATION_PICKERS)
                .description("Organization pickers shown")
                .register(registry())
                .increment();
    }

    /** A throttle refused an attempt; {@code counter} names which ({@code email}, {@code address}, ...). */
    public static void throttleRefused(String counter) {
        Counter.builder(THROTTLE_REFUSALS)
                .description("Attempts refused by the pack's throttles before WorkOS was asked")
                .tag("counter", counter)
                .register(registry())
                .increment();
    }

    /**
     * A gauge read from {@code value} whenever the registry is scraped. Registering the same name and tags again
     * keeps the first gauge: Micrometer answers with the meter it has.
     */
    public static void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry());
    }
}
