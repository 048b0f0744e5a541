package io.tes.keycloak.workos.client;

import java.time.Duration;

/**
 * Where and how to call WorkOS.
 *
 * @param baseUrl the API base URL, e.g. {@code https://api.workos.com} (no trailing slash needed)
 * @param apiKey the API key ({@code sk_...}); a secret. Surrounding whitespace is dropped: a vault file usually ends
 *     in a line break, which WorkOS would refuse as part of the key
 * @param clientId the WorkOS client id ({@code client_...})
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param readAttempts how many times a read (GET) is tried in all, on 429, 5xx and network errors
 */
public record WorkOsSettings(String baseUrl, String apiKey, String clientId, Duration connectTimeout,
        Duration readTimeout, int readAttempts) {

    public static final String PRODUCTION_BASE_URL = "https://api.workos.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_READ_ATTEMPTS = 3;

    public WorkOsSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? PRODUCTION_BASE_URL : baseUrl.trim();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        apiKey = apiKey == null ? null : apiKey.strip();
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        readAttempts = Math.max(1, readAttempts);
    }

    public static WorkOsSettings of(String baseUrl, String apiKey, String clientId) {
        return new WorkOsSettings(baseUrl, apiKey, clientId, null, null, DEFAULT_READ_ATTEMPTS);
    }

    @Override
    public String toString() {
        return "WorkOsSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", apiKey=***]";
    }
}
