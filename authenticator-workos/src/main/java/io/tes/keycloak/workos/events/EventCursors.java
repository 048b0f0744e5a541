package io.tes.keycloak.workos.events;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Reads and writes the event cursors in the request's (or task's) JPA transaction. */
final class EventCursors {

    private final EntityManager entities;

    EventCursors(KeycloakSession session) {
        this.entities = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    static String key(String realmId, String alias) {
        return realmId + ":" + alias;
    }

    /** The realm's cursor, or null when its stream was never read. */
    EventCursorEntity find(String realmId, String alias) {
        return entities.find(EventCursorEntity.class, key(realmId, alias));
    }

    /** The realm's cursor, created (starting now, nothing handled yet) when missing. */
    EventCursorEntity findOrCreate(String realmId, String alias, long now) {
        EventCursorEntity cursor = find(realmId, alias);
        if (cursor == null) {
            cursor = new EventCursorEntity();
            cursor.setId(key(realmId, alias));
            cursor.setRealmId(realmId);
            cursor.setProviderAlias(alias);
            cursor.setStartedAt(now);
            cursor.setUpdatedAt(now);
            entities.persist(cursor);
        }
        return cursor;
    }

    /**
     * How far behind WorkOS the most lagging stream is, in seconds: now minus when its last poll read to the end of
     * the stream (or, before the first such poll, when the stream was first read); 0 with no stream. Read from the
     * database, so every node of a cluster reports the same value, whichever node polls.
     */
    long lagSeconds(long now) {
        Long oldest = entities.createQuery("select min(case when c.caughtUpAt > 0 then c.caughtUpAt else c.startedAt end)"
                + " from EventCursorEntity c", Long.class).getSingleResult();
        return oldest == null ? 0 : Math.max(0, (now - oldest) / 1000);
    }

    /** Whether an event id is at or before the cursor: WorkOS's event ids sort in the order of the stream. */
    static boolean atOrBefore(String eventId, String lastEventId) {
        return lastEventId != null && eventId.compareTo(lastEventId) <= 0;
    }
}
