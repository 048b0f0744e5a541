package io.tes.keycloak.workos.events;

import java.util.Map;

import io.tes.keycloak.organization.metrics.TesMetrics;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;

/**
 * The WorkOS event consumer. Server-wide settings, read once at start
 * ({@code --spi-tes-workos-events--default--<name>=...}): {@code poll-seconds} (default 30; 0 stops polling),
 * {@code backoff-max-seconds} (the longest wait after failed polls, default 300), {@code user-deleted}
 * ({@code disable} or {@code delete}, default {@code disable}), {@code identity-provider} (the WorkOS provider's
 * alias, default {@code workos}), {@code webhook-secret-vault-key} (the vault entry of the webhook's secret, default
 * {@code workos_webhook_secret}) and {@code webhook-tolerance-seconds} (default 300).
 */
public final class WorkOsEventsFactory implements ProviderFactory<WorkOsEventConsumer>,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";
    /** The shortest cluster lock of a poll run. */
    static final int MIN_LOCK_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(WorkOsEventsFactory.class);

    private EventsSettings settings = EventsSettings.DEFAULTS;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public WorkOsEventConsumer create(KeycloakSession session) {
        return new WorkOsEventConsumer(session, settings);
    }

    @Override
    public void init(Config.Scope config) {
        settings = EventsSettings.read(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        long interval = settings.pollInterval().toMillis();
        if (interval <= 0) {
            LOG.debugf("WorkOS event polling is off (%s=0)", EventsSettings.POLL_SECONDS);
            return;
        }
        // Read from the database at each scrape: the same on every node, whichever polls.
        TesMetrics.gauge(TesMetrics.EVENTS_LAG, "Seconds since the WorkOS events consumer last read to the end of "
                + "the stream", () -> lagSeconds(factory));
        try (KeycloakSession session = factory.create()) {
            // Every node's timer ticks; the cluster-wide lock lets one node poll at a time, and when a node dies the
            // others' timers go on polling. The lock outlives a slow poll (several pages, WorkOS's timeouts).
            int lockSeconds = (int) Math.max(MIN_LOCK_SECONDS, 2 * settings.pollInterval().toSeconds());
            session.getProvider(TimerProvider.class).schedule(
                    new ClusterPollRunner(factory, new EventPollTask(), lockSeconds), interval,
                    EventPollTask.TASK_NAME);
        }
    }

    private static long lagSeconds(KeycloakSessionFactory factory) {
        long[] lag = new long[1];
        KeycloakModelUtils.runJobInTransaction(factory,
                session -> lag[0] = new EventCursors(session).lagSeconds(Time.currentTimeMillis()));
        return lag[0];
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return settings.operationalInfo();
    }
}
