package io.tes.keycloak.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WorkOS's event stream: every change made through the emulator's API or its Java methods, in order, read with
 * {@code GET /events} ({@code events[]}, {@code after}, {@code range_start}, {@code limit}), and, when a webhook is
 * set, posted to it one by one with a {@code WorkOS-Signature} header.
 */
final class EventLog {

    /** A webhook delivery: the event, the HTTP status the receiver answered (0: not reached) and when. */
    record Delivery(String eventId, int status, Instant at) {
    }

    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());

    private final EmulatorClock clock;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workos-emulator-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile String webhookUrl;
    private volatile String webhookSecret;

    EventLog(EmulatorClock clock) {
        this.clock = clock;
    }

    /** Records an event (the data is copied as it is now) and sends it to the webhook, if one is set. */
    synchronized Map<String, Object> record(String type, Map<String, Object> data) {
        // Zero-padded so that ids sort in the order of the stream, as WorkOS's time-ordered event ids do.
        String id = String.format(Locale.ROOT, "event_%012d", sequence.incrementAndGet());
        Map<String, Object> event = Json.object("object", "event", "id", id, "event", type, "data", data,
                "created_at", clock.now().toString(), "context", Json.object());
        events.add(event);
        String url = webhookUrl;
        String secret = webhookSecret;
        if (url != null && secret != null) {
            byte[] body = Json.write(event);
            sender.execute(() -> deliver(url, secret, id, body));
        }
        return event;
    }

    /** Events of these types (all when empty) after the given event id, at or after {@code since}, oldest first. */
    List<Map<String, Object>> list(List<String> types, String after, Instant since, int limit) {
        List<Map<String, Object>> page = new ArrayList<>();
        boolean passed = after == null;
        for (Map<String, Object> event : events) {
            if (!passed) {
                passed = event.get("id").equals(after);
                continue;
            }
            if ((types.isEmpty() || types.contains((String) event.get("event")))
                    && (since == null || !Instant.parse((String) event.get("created_at")).isBefore(since))) {
                page.add(event);
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    /** Sends a recorded event to the webhook again, as it was (same id, same body, a fresh signature). */
    void redeliver(String id) {
        Map<String, Object> event = events.stream().filter(e -> e.get("id").equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No such event: " + id));
        String url = webhookUrl;
        String secret = webhookSecret;
        if (url == null || secret == null) {
            throw new IllegalStateException("No webhook is set");
        }
        byte[] body = Json.write(event);
        sender.execute(() -> deliver(url, secret, id, body));
    }

    List<Map<String, Object>> all() {
        return List.copyOf(events);
    }

    /** Sends every later event to this URL, signed with this secret; a null URL stops deliveries. */
    void webhook(String url, String secret) {
        this.webhookSecret = secret;
        this.webhookUrl = url;
    }

    Map<String, Object> webhookSettings() {
        return Json.object("url", webhookUrl, "secret_set", webhookSecret != null);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** {@code t=<ms>, v1=<hex HMAC-SHA256 of "<ms>.<body>">}, as WorkOS signs its webhooks. */
    static String signature(String secret, long timestampMillis, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampMillis + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "t=" + timestampMillis + ", v1=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private void deliver(String url, String secret, String id, byte[] body) {
        int status = 0;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("WorkOS-Signature", signature(secret, clock.now().toEpochMilli(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "Webhook delivery of " + id + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.add(new Delivery(id, status, Instant.now()));
    }

    void close() {
        sender.shutdownNow();
    }
}
