package io.tes.keycloak.workos.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The event consumer's backoff and cursor order")
class EventsSettingsTest {

    private final EventsSettings settings = new EventsSettings(Duration.ofSeconds(5), Duration.ofSeconds(60),
            EventsSettings.UserDeletedAction.DISABLE, "workos", "workos_webhook_secret", Duration.ofMinutes(5));

    @Test
    @DisplayName("Given failures in a row then the wait doubles from the poll interval up to the maximum")
    void doubles() {
        assertThat(settings.backoff(1, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.backoff(2, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff(4, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.backoff(5, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoff(500, 0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("Given WorkOS's Retry-After then the wait is at least that")
    void honoursRetryAfter() {
        assertThat(settings.backoff(1, 90)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    @DisplayName("Given event ids then those at or before the cursor are skipped, none without a cursor")
    void cursorOrder() {
        assertThat(EventCursors.atOrBefore("event_000000000002", "event_000000000002")).isTrue();
        assertThat(EventCursors.atOrBefore("event_000000000001", "event_000000000002")).isTrue();
        assertThat(EventCursors.atOrBefore("event_000000000003", "event_000000000002")).isFalse();
        assertThat(EventCursors.atOrBefore("event_01HZ", null)).isFalse();
    }
}
