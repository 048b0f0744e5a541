package io.tes.keycloak.workos.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.workos.client.WorkOsEvent;
import io.tes.keycloak.workos.client.WorkOsException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.util.JsonSerialization;
import org.keycloak.vault.VaultStringSecret;

/**
 * {@code POST /realms/{realm}/tes-workos-webhook}: WorkOS's webhook, feeding the same handlers as the poller,
 * deduplicated with it by event id. Answers 404 unless the realm has the enabled WorkOS provider and the vault holds
 * the webhook's secret; 401 for a missing, forged or stale signature; 200 once handled (or known already).
 */
final class WorkOsWebhook implements RealmResourceProvider {

    static final String SIGNATURE_HEADER = "WorkOS-Signature";
    static final String SIGNATURE_REFUSED = "workos_webhook_signature_refused";
    /** WorkOS's events are small; anything larger is not one. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(WorkOsWebhook.class);

    private final KeycloakSession session;

    WorkOsWebhook(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@HeaderParam(SIGNATURE_HEADER) String signature, InputStream input) {
        RealmModel realm = session.getContext().getRealm();
        WorkOsEventConsumer consumer = session.getProvider(WorkOsEventConsumer.class);
        Optional<String> secret = consumer.enabledFor(realm) ? secret(consumer.settings()) : Optional.empty();
        if (secret.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        byte[] body;
        try {
            body = input.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        if (body.length > MAX_BODY_BYTES || !WebhookSignature.valid(signature, body, secret.get(),
                Time.currentTimeMillis(), consumer.settings().webhookTolerance())) {
            LOG.warnf("%s: a WorkOS webhook call to realm %s was refused (signature missing, wrong or outside the"
                    + " tolerance)", SIGNATURE_REFUSED, realm.getName());
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        WorkOsEvent event;
        try {
            JsonNode json = JsonSerialization.mapper.readTree(body);
            event = WorkOsEvent.read(json);
        } catch (IOException | WorkOsException e) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        try {
            boolean handled = consumer.offer(realm, event);
            LOG.debugf("WorkOS webhook event %s %s", event.id(), handled ? "handled" : "known already or ignored");
            // A body with a media type: Keycloak's security-headers filter refuses a 200 without one.
            return Response.ok(Map.of("handled", handled), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (WorkOsEventConsumer.HandlerFailure e) {
            // WorkOS retries a delivery that failed; the poller also reaches the event.
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
    }

    private Optional<String> secret(EventsSettings settings) {
        try (VaultStringSecret secret = session.vault()
                .getStringSecret("${vault." + settings.webhookSecretVaultKey() + "}")) {
            return secret.get().map(String::strip).filter(value -> !value.isEmpty());
        }
    }

    @Override
    public void close() {
    }
}
