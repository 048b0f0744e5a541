package io.tes.keycloak.workos.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tes.keycloak.emulator.WorkOsEmulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The WorkOS webhook signature")
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":\"event_1\",\"event\":\"user.deleted\",\"data\":{}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final long NOW = 1_800_000_000_000L;

    @Nested
    @DisplayName("Given a header as WorkOS signs it (the emulator's signer)")
    class Genuine {

        @Test
        @DisplayName("then it is valid with the same secret, body and a time within the tolerance")
        void valid() {
            String header = WorkOsEmulator.webhookSignature("whsec", NOW - 60_000, BODY);

            assertThat(WebhookSignature.valid(header, BODY, "whsec", NOW, TOLERANCE)).isTrue();
        }

        @Test
        @DisplayName("then another secret, a changed body or a stale or future time is refused")
        void refused() {
            String header = WorkOsEmulator.webhookSignature("whsec", NOW, BODY);
            byte[] changed = "{\"id\":\"event_2\",\"event\":\"user.deleted\",\"data\":{}}"
                    .getBytes(StandardCharsets.UTF_8);

            assertThat(WebhookSignature.valid(header, BODY, "other", NOW, TOLERANCE)).isFalse();
            assertThat(WebhookSignature.valid(header, changed, "whsec", NOW, TOLERANCE)).isFalse();
            assertThat(WebhookSignature.valid(header, BODY, "whsec", NOW + 301_000, TOLERANCE)).isFalse();
            assertThat(WebhookSignature.valid(header, BODY, "whsec", NOW - 301_000, TOLERANCE)).isFalse();
        }
    }

    @Test
    @DisplayName("Given a missing or malformed header then it is refused")
    void malformed() {
        assertThat(WebhookSignature.valid(null, BODY, "whsec", NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.valid("v1=abc", BODY, "whsec", NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.valid("t=" + NOW, BODY, "whsec", NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.valid("t=abc, v1=00", BODY, "whsec", NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.valid(WorkOsEmulator.webhookSignature("whsec", NOW, BODY), BODY, "", NOW,
                TOLERANCE)).isFalse();
    }
}
