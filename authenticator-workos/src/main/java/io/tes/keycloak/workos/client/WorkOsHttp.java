package io.tes.keycloak.workos.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * of an answer are read; the connection of a larger one is dropped rather than drained.
 */
final class WorkOsHttp {

    /**
     * WorkOS's answers are a few kilobytes; the largest the pack asks for, a page of 100 memberships, is about 50 KB.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final WorkOsSettings settings;
    private final RequestConfig requestConfig;

    WorkOsHttp(HttpClient http, WorkOsSettings settings) {
        this.http = http;
        this.settings = settings;
        this.requestConfig = RequestConfig.custom()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) settings.connectTimeout().toMillis())
                .setSocketTimeout((int) settings.readTimeout().toMillis())
                .setRedirectsEnabled(false)
                .build();
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
        request.setConfig(requestConfig);
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
