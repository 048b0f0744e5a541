package io.tes.keycloak.workos.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.keycloak.Config;

/**
 * The event consumer's server-wide settings ({@code --spi-tes-workos-events--default--<name>=...}), read once at
 * start; each default is here and only here.
 */
record EventsSettings(Duration pollInterval, Duration maxBackoff, UserDeletedAction userDeleted,
        String identityProvider, String webhookSecretVaultKey, Duration webhookTolerance) {

    /** What {@code user.deleted} does to the linked Keycloak user (its sessions end either way). */
    enum UserDeletedAction {
        DISABLE, DELETE
    }

    static final String POLL_SECONDS = "poll-seconds";
    static final String BACKOFF_MAX_SECONDS = "backoff-max-seconds";
    static final String USER_DELETED = "user-deleted";
    static final String IDENTITY_PROVIDER = "identity-provider";
    static final String WEBHOOK_SECRET = "webhook-secret-vault-key";
    static final String WEBHOOK_TOLERANCE_SECONDS = "webhook-tolerance-seconds";

    static final EventsSettings DEFAULTS = new EventsSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
            UserDeletedAction.DISABLE, "workos", "workos_webhook_secret", Duration.ofMinutes(5));

    static EventsSettings read(Config.Scope config) {
        long poll = Math.max(0, config.getLong(POLL_SECONDS, DEFAULTS.pollInterval.toSeconds()));
        long backoff = Math.max(1, config.getLong(BACKOFF_MAX_SECONDS, DEFAULTS.maxBackoff.toSeconds()));
        String deleted = config.get(USER_DELETED, DEFAULTS.userDeleted.name()).trim().toUpperCase(Locale.ROOT);
        long tolerance = Math.max(1, config.getLong(WEBHOOK_TOLERANCE_SECONDS, DEFAULTS.webhookTolerance.toSeconds()));
        return new EventsSettings(Duration.ofSeconds(poll), Duration.ofSeconds(backoff),
                UserDeletedAction.valueOf(deleted), config.get(IDENTITY_PROVIDER, DEFAULTS.identityProvider),
                config.get(WEBHOOK_SECRET, DEFAULTS.webhookSecretVaultKey), Duration.ofSeconds(tolerance));
    }

    /** How long to wait after {@code failures} failed polls in a row: the interval doubled each time, capped. */
    Duration backoff(int failures, long retryAfterSeconds) {
        long base = Math.max(1, pollInterval.toMillis());
        long millis = base << Math.min(20, Math.max(0, failures - 1));
        long capped = Math.min(millis, maxBackoff.toMillis());
        return Duration.ofMillis(Math.max(capped, retryAfterSeconds * 1000));
    }

    Map<String, String> operationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(POLL_SECONDS, String.valueOf(pollInterval.toSeconds()));
        info.put(BACKOFF_MAX_SECONDS, String.valueOf(maxBackoff.toSeconds()));
        info.put(USER_DELETED, userDeleted.name().toLowerCase(Locale.ROOT));
        info.put(IDENTITY_PROVIDER, identityProvider);
        info.put(WEBHOOK_SECRET, webhookSecretVaultKey);
        info.put(WEBHOOK_TOLERANCE_SECONDS, String.valueOf(webhookTolerance.toSeconds()));
        return info;
    }
}
