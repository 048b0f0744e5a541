package io.tes.keycloak.workos.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tes.keycloak.organization.metrics.TesMetrics;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.client.utils.URIBuilder;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.keycloak.util.JsonSerialization;

/**
 * One call to WorkOS on Keycloak's HTTP client: the API key as bearer, JSON both ways, the timeouts, and two limits
 * whatever the server answers. Redirects are never followed: Apache's client would send the request again, with its
 * {@code Authorization} header, to wherever {@code Location} points (Keycloak's own client has redirects off by
 * default, but its {@code allow-redirects} option turns them on for everyone). And at most {@link #MAX_BODY_BYTES}
 * of an answer are read; the connection of a larger one is dropped rather than drained. Every call first passes this
 * node's {@link WorkOsGuard} (bulkhead and circuit) and the request's {@link WorkOsDeadline} (its timeouts are cut to
 * what is left), and is timed in {@code tes.workos.requests} by endpoint and outcome.
 */
final class WorkOsHttp {

    /**
     * WorkOS's answers are a few kilobytes; the largest the pack asks for, a page of 100 memberships, is about 50 KB.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final WorkOsSettings settings;
    private final WorkOsGuard guard;
    private final WorkOsDeadline deadline;

    WorkOsHttp(HttpClient http, WorkOsSettings settings, WorkOsGuard guard, WorkOsDeadline deadline) {
        this.http = http;
        this.settings = settings;
        this.guard = guard;
        this.deadline = deadline;
    }

    WorkOsDeadline deadline() {
        return deadline;
    }

    private RequestConfig requestConfig() {
        int connect = millis(deadline.cut(settings.connectTimeout()));
        return RequestConfig.custom()
                .setConnectTimeout(connect)
                .setConnectionRequestTimeout(connect)
                .setSocketTimeout(millis(deadline.cut(settings.readTimeout())))
                .setRedirectsEnabled(false)
                .build();
    }

    /** At least 1: 0 means "no timeout" to Apache's client. */
    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    JsonNode get(String path, Map<String, String> params) throws WorkOsException {
        return get(path, List.copyOf(params.entrySet()));
    }

    /** A GET whose query may repeat a name, such as {@code events[]}. */
    JsonNode get(String path, List<Map.Entry<String, String>> params) throws WorkOsException {
        URI uri;
        try {
            URIBuilder builder = new URIBuilder(settings.baseUrl() + path);
            params.forEach(param -> builder.addParameter(param.getKey(), param.getValue()));
            uri = builder.build();
        } catch (URISyntaxException e) {
            throw new WorkOsException(WorkOsError.UNEXPECTED, 0, path + ": the base URL is not a URL", null);
        }
        return send(path, new HttpGet(uri), false);
    }

    JsonNode post(String path, Object body) throws WorkOsException {
        return send(path, jsonPost(path, body), false);
    }

    /** A POST whose success may carry no body (WorkOS documents none for some calls): an empty object then. */
    JsonNode postAcknowledged(String path, Object body) throws WorkOsException {
        return send(path, jsonPost(path, body), true);
    }

    private HttpPost jsonPost(String path, Object body) {
        HttpPost post = new HttpPost(settings.baseUrl() + path);
        try {
            // Keycloak's mapper, as its SimpleHttp: absent values are left out rather than sent as null.
            post.setEntity(new ByteArrayEntity(JsonSerialization.mapper.writeValueAsBytes(body),
                    ContentType.APPLICATION_JSON));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A request body that is not JSON", e);
        }
        return post;
    }

    private JsonNode send(String path, HttpRequestBase request, boolean emptyAllowed) throws WorkOsException {
        WorkOsEndpoint called = WorkOsEndpoint.of(request.getMethod(), path);
        String endpoint = called.tag();
        long start = System.nanoTime();
        String outcome = "success";
        try {
            if (deadline.remaining().isZero()) {
                outcome = "budget_spent";
                throw new WorkOsException(WorkOsError.TIMEOUT, 0,
                        path + " not sent: this request's time for WorkOS is spent", null);
            }
            WorkOsGuard.Pass pass = guard.enter(called, path);
            try {
                JsonNode answer = exchange(path, request, emptyAllowed);
                pass.close(null);
                return answer;
            } catch (WorkOsException e) {
                boolean oneUsersLimit = e.error() == WorkOsError.RATE_LIMITED && called.limitedPerUser();
                pass.close(oneUsersLimit ? null : e.error());
                throw e;
            } catch (RuntimeException | Error e) {
                pass.close(WorkOsError.UNEXPECTED);
                throw e;
            }
        } catch (WorkOsException e) {
            if ("success".equals(outcome)) {
                outcome = outcome(e.error());
            }
            throw e;
        } catch (RuntimeException | Error e) {
            outcome = "unexpected";
            throw e;
        } finally {
            TesMetrics.workosRequest(endpoint, outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The {@code outcome} tag of a failed call: WorkOS's trouble by kind, any answer WorkOS gave as "refused". */
    private static String outcome(WorkOsError error) {
        switch (error) {
            case RATE_LIMITED:
            case SERVER_ERROR:
            case TIMEOUT:
            case CONNECTION_FAILED:
            case MALFORMED_RESPONSE:
            case UNAUTHORIZED:
            case OVERLOADED:
            case CIRCUIT_OPEN:
            case UNEXPECTED:
                return error.name().toLowerCase(Locale.ROOT);
            default:
                return "refused";
        }
    }

    private JsonNode exchange(String path, HttpRequestBase request, boolean emptyAllowed) throws WorkOsException {
        request.setConfig(requestConfig());
        request.setHeader("Authorization", "Bearer " + settings.apiKey());
        request.setHeader("Accept", "application/json");
        boolean readToTheEnd = false;
        try {
            HttpResponse response = http.execute(request);
            int status = response.getStatusLine().getStatusCode();
            if (status / 100 == 3) {
                throw new WorkOsException(WorkOsError.UNEXPECTED, status,
                        path + " answered " + status + ", a redirect, which is not followed", null);
            }
            byte[] raw = read(response.getEntity(), path, status);
            JsonNode body = parse(raw);
            readToTheEnd = true;
            if (status / 100 == 2 && emptyAllowed && raw.length == 0) {
                return MAPPER.createObjectNode();
            }
            if (status / 100 == 2) {
                if (body == null || !body.isObject()) {
                    throw new WorkOsException(WorkOsError.MALFORMED_RESPONSE, status,
                            path + " answered " + status + " with a body that is not a JSON object", null);
                }
                return body;
            }
            throw WorkOsResponses.error(path, status, body, retryAfter(response));
        } catch (InterruptedIOException e) {
            throw new WorkOsException(WorkOsError.TIMEOUT, 0, path + " timed out", e);
        } catch (IOException e) {
            throw new WorkOsException(WorkOsError.CONNECTION_FAILED, 0,
                    path + " failed: " + e.getClass().getSimpleName(), e);
        } finally {
            if (!readToTheEnd) {
                // Closing the stream of an unread answer would drain it; dropping the connection does not.
                request.abort();
            }
        }
    }

    /** The body, or a failure past {@link #MAX_BODY_BYTES}, declared or read. */
    private static byte[] read(HttpEntity entity, String path, int status) throws IOException, WorkOsException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > MAX_BODY_BYTES) {
            throw tooLarge(path, status);
        }
        InputStream in = entity.getContent();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge(path, status);
        }
        // At the end of the stream: closing it returns the connection to the pool.
        in.close();
        return body;
    }

    private static WorkOsException tooLarge(String path, int status) {
        return new WorkOsException(WorkOsError.MALFORMED_RESPONSE, status,
                path + " answered " + status + " with a body larger than " + MAX_BODY_BYTES + " bytes", null);
    }

    private static JsonNode parse(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static long retryAfter(HttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null || header.getValue() == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.getValue().trim()));
        } catch (NumberFormatException e) {
            // An HTTP date instead of seconds: treat as "later than we wait for".
            return Long.MAX_VALUE / 1000;
        }
    }
}
