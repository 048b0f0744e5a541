package io.tes.keycloak.workos.connection;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the pack may send the WorkOS API key: {@code https} only, except a loopback address (a local emulator or
 * proxy: {@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) or when the provider's "Allow plain HTTP (development
 * only)" switch is on. Host names are never resolved: a name that points at 127.0.0.1 is not a loopback address
 * here, so what the rule decides does not depend on DNS.
 */
final class ApiBaseUrlRule {

    /** Why a base URL is refused; the admin REST API answers it, the server log repeats it. */
    static final String PLAIN_HTTP_REFUSED = "The WorkOS API base URL must use https: plain http is allowed only "
            + "for a loopback address (127.0.0.0/8, ::1, localhost) or with \"Allow plain HTTP (development only)\" on";
    static final String NOT_A_URL = "The WorkOS API base URL must be an https URL with a host, "
            + "such as https://api.workos.com";

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private ApiBaseUrlRule() {
    }

    /** Null when the pack may call WorkOS at that base URL; otherwise why not. A blank URL means WorkOS production. */
    static String refusal(String baseUrl, boolean allowPlainHttp) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            return NOT_A_URL;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return NOT_A_URL;
        }
        if (scheme.equals("https") || allowPlainHttp || loopback(uri.getHost())) {
            return null;
        }
        return PLAIN_HTTP_REFUSED;
    }

    private static boolean loopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || IPV4_LOOPBACK.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]") && name.contains(":")) {
            try {
                // An IPv6 literal: parsed, never looked up.
                return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
