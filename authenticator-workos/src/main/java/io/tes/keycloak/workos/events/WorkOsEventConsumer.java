package io.tes.keycloak.workos.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsEvent;
import io.tes.keycloak.workos.client.WorkOsEventPage;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.provider.Provider;

/**
 * A realm's consumer of WorkOS events: reads the stream from the realm's cursor ({@link #poll}) or takes one event
 * from the webhook ({@link #offer}), hands each event once to {@link EventHandlers} and moves the cursor. Keeps no
 * state of its own: the cursor is in the database, the ids of events already handled are in Keycloak's cluster-wide
 * single-use store.
 */
public final class WorkOsEventConsumer implements Provider {

    /** Stable codes in the server log. */
    static final String POLL_FAILED = "workos_events_poll_failed";
    static final String HANDLER_FAILED = "workos_events_handler_failed";
    /** Pages read in one poll at most, so one run of the task stays short; the rest comes at the next. */
    static final int MAX_PAGES_PER_POLL = 10;
    /** How long an event id is remembered as handled: beyond the 30 days WorkOS keeps events. */
    static final long PROCESSED_TTL_SECONDS = Duration.ofDays(31).toSeconds();

    private static final Logger LOG = Logger.getLogger(WorkOsEventConsumer.class);

    private final KeycloakSession session;
    private final EventsSettings settings;

    WorkOsEventConsumer(KeycloakSession session, EventsSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    EventsSettings settings() {
        return settings;
    }

    /** Whether the realm (the session's context realm) has the enabled WorkOS identity provider events are for. */
    boolean enabledFor(RealmModel realm) {
        IdentityProviderModel model = session.identityProviders().getByAlias(settings.identityProvider());
        return model != null && model.isEnabled()
                && WorkOsIdentityProviderConfig.PROVIDER_ID.equals(model.getProviderId());
    }

    /**
     * Reads the realm's new events, oldest first, and handles each; the cursor moves past each handled event. On a
     * WorkOS failure nothing moves and the next poll waits (the backoff); in the caller's transaction.
     */
    void poll(RealmModel realm) {
        long now = Time.currentTimeMillis();
        EventCursors cursors = new EventCursors(session);
        EventCursorEntity cursor = cursors.findOrCreate(realm.getId(), settings.identityProvider(), now);
        if (now < cursor.getNextPollAt()) {
            return;
        }
        try {
            WorkOsConnection connection = WorkOsConnection.openInBackground(session, settings.identityProvider());
            EventHandlers handlers = new EventHandlers(session, realm, settings.identityProvider(), settings);
            for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
                String last = cursor.getLastEventId();
                WorkOsEventPage events = connection.client().events(last, EventHandlers.TYPES,
                        last == null ? Instant.ofEpochMilli(cursor.getStartedAt()) : null);
                for (WorkOsEvent event : events.events()) {
                    if (EventCursors.atOrBefore(event.id(), cursor.getLastEventId())) {
                        continue;
                    }
                    handleOnce(realm, handlers, event);
                    cursor.setLastEventId(event.id());
                }
                if (events.events().size() < WorkOsClient.EVENT_PAGE_SIZE) {
                    break;
                }
            }
            cursor.setFailures(0);
            cursor.setCaughtUpAt(now);
            cursor.setNextPollAt(0);
            cursor.setLastError(null);
        } catch (WorkOsException e) {
            failed(realm, cursor, e.error().code(), e.retryAfterSeconds(), now);
        } catch (WorkOsFailure e) {
            failed(realm, cursor, e.code(), 0, now);
        } catch (HandlerFailure e) {
            failed(realm, cursor, HANDLER_FAILED, 0, now);
        }
        cursor.setUpdatedAt(now);
    }

    /**
     * Handles one event that came by webhook, unless the poller or an earlier delivery handled it already; in the
     * caller's transaction. Returns whether it was handled now.
     */
    boolean offer(RealmModel realm, WorkOsEvent event) throws HandlerFailure {
        EventCursorEntity cursor = new EventCursors(session).find(realm.getId(), settings.identityProvider());
        if (cursor != null && EventCursors.atOrBefore(event.id(), cursor.getLastEventId())) {
            return false;
        }
        if (!EventHandlers.TYPES.contains(event.type())) {
            return false;
        }
        return handleOnce(realm, new EventHandlers(session, realm, settings.identityProvider(), settings), event);
    }

    private boolean handleOnce(RealmModel realm, EventHandlers handlers, WorkOsEvent event) throws HandlerFailure {
        SingleUseObjectProvider processed = session.singleUseObjects();
        String key = processedKey(realm, event.id());
        if (processed.contains(key)) {
            LOG.debugf("WorkOS event %s was handled already", event.id());
            return false;
        }
        try {
            handlers.handle(event);
        } catch (WorkOsException | RuntimeException e) {
            LOG.warnf("%s: WorkOS event %s (%s) in realm %s could not be handled: %s", HANDLER_FAILED, event.id(),
                    event.type(), realm.getName(), e.getClass().getSimpleName());
            throw new HandlerFailure(e);
        }
        processed.put(key, PROCESSED_TTL_SECONDS, Map.of());
        LOG.debugf("WorkOS event %s (%s) handled in realm %s", event.id(), event.type(), realm.getName());
        return true;
    }

    private void failed(RealmModel realm, EventCursorEntity cursor, String code, long retryAfterSeconds, long now) {
        int failures = cursor.getFailures() + 1;
        Duration wait = settings.backoff(failures, retryAfterSeconds);
        cursor.setFailures(failures);
        cursor.setNextPollAt(now + wait.toMillis());
        cursor.setLastError(code);
        LOG.warnf("%s: reading WorkOS events for realm %s failed (%s, %d in a row); cursor kept at %s, next poll in"
                + " %d s", POLL_FAILED, realm.getName(), code, failures, cursor.getLastEventId(), wait.toSeconds());
    }

    static String processedKey(RealmModel realm, String eventId) {
        return "tes.workos.event." + realm.getId() + "." + eventId;
    }

    @Override
    public void close() {
    }

    /** A handler failed: the page stops there, the cursor stays before the event. */
    static final class HandlerFailure extends Exception {

        private static final long serialVersionUID = 1L;

        HandlerFailure(Throwable cause) {
            super(cause.getClass().getSimpleName(), cause, false, false);
        }
    }
}
