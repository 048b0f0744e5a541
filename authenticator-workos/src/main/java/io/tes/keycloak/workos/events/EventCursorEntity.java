package io.tes.keycloak.workos.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where a realm's WorkOS event stream was read up to, one row per realm and identity provider alias, in Keycloak's
 * database (table {@code TES_WORKOS_EVENT_CURSOR}, created by {@code META-INF/tes-workos-events-changelog.xml}).
 * Not a realm attribute: writing one at every poll would invalidate the realm cache on every node.
 */
@Entity
@Table(name = "TES_WORKOS_EVENT_CURSOR")
public class EventCursorEntity {

    @Id
    @Column(name = "ID", length = 300)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "PROVIDER_ALIAS", length = 255, nullable = false)
    private String providerAlias;

    /** The id of the newest event handled; null until the first one. */
    @Column(name = "LAST_EVENT_ID", length = 255)
    private String lastEventId;

    /** When the stream was first read (epoch ms): without a cursor, events before it are not replayed. */
    @Column(name = "STARTED_AT", nullable = false)
    private long startedAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    /** Polls that failed in a row since the last good one. */
    @Column(name = "FAILURES", nullable = false)
    private int failures;

    /** No poll before this time (epoch ms): the backoff after failures. */
    @Column(name = "NEXT_POLL_AT", nullable = false)
    private long nextPollAt;

    /** The stable code of the last failure, or null. */
    @Column(name = "LAST_ERROR", length = 64)
    private String lastError;

    /** When a poll last read to the end of the stream (epoch ms); 0 before the first. */
    @Column(name = "CAUGHT_UP_AT", nullable = false)
    private long caughtUpAt;

    public long getCaughtUpAt() {
        return caughtUpAt;
    }

    public void setCaughtUpAt(long caughtUpAt) {
        this.caughtUpAt = caughtUpAt;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getProviderAlias() {
        return providerAlias;
    }

    public void setProviderAlias(String providerAlias) {
        this.providerAlias = providerAlias;
    }

    public String getLastEventId() {
        return lastEventId;
    }

    public void setLastEventId(String lastEventId) {
        this.lastEventId = lastEventId;
    }

    public long getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(long startedAt) {
        this.startedAt = startedAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    public int getFailures() {
        return failures;
    }

    public void setFailures(int failures) {
        this.failures = failures;
    }

    public long getNextPollAt() {
        return nextPollAt;
    }

    public void setNextPollAt(long nextPollAt) {
        this.nextPollAt = nextPollAt;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }
}
