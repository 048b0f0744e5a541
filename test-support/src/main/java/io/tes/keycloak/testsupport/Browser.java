package io.tes.keycloak.testsupport;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.tes.keycloak.runner.TesRealm;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A headless browser for login pages: keeps cookies, follows redirects itself, and stops at the app's redirect URI
 * ({@code http://localhost:3000/...}) without calling it, so tests read the code or error Keycloak sent back.
 * It keeps its own cookie jar because the JDK's drops {@code Secure} cookies over plain HTTP, while browsers (and
 * Keycloak's dev mode) treat loopback as a secure context.
 */
public final class Browser {

    public static final String APP = TesRealm.DEMO_APP;

    /** Where the browser ended: an HTML page, or a redirect to the app. */
    public record Page(int status, String url, String body, String appRedirect) {
        public Document document() {
            return Jsoup.parse(body, url);
        }

        /** The parameters of the redirect to the app; empty when the browser ended on a page. */
        public Map<String, String> appParams() {
            return appRedirect == null ? Map.of() : Forms.query(appRedirect);
        }
    }

    private final HttpClient http;
    /** Cookies by name and path (a server may expire a cookie of one path while it sets the same name on another). */
    private final Map<List<String>, String> cookies = new LinkedHashMap<>();
    private final List<String> visited = new ArrayList<>();

    public Browser() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /**
     * A browser with a fresh cookie jar on the given client, which must not follow redirects: a load test's virtual
     * user keeps one client (its connections) across sign-ins, as a browser does, instead of one per sign-in.
     */
    public Browser(HttpClient http) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The browser follows redirects itself: give it a client that does not");
        }
        this.http = http;
    }

    /** Every URL this browser requested, in order. */
    public List<String> visited() {
        return List.copyOf(visited);
    }

    public Page open(String url) throws Exception {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Fills the form with the given fields (keeping its hidden inputs) and submits it. */
    public Page submit(Element form, Map<String, String> fields) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (Element input : form.select("input[name]")) {
            if (!"checkbox".equals(input.attr("type")) || input.hasAttr("checked")) {
                values.put(input.attr("name"), input.val());
            }
        }
        values.putAll(fields);
        return follow(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(values))).build());
    }

    private Page follow(HttpRequest first) throws Exception {
        HttpRequest request = first;
        for (int hops = 0; hops < 10; hops++) {
            visited.add(request.uri().toString());
            HttpResponse<String> response = http.send(withCookies(request), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(response.statusCode(), request.uri().toString(), response.body(), null);
            }
            URI next = request.uri().resolve(location);
            if (next.toString().startsWith(APP)) {
                return new Page(response.statusCode(), request.uri().toString(), response.body(), next.toString());
            }
            request = HttpRequest.newBuilder(next).GET().build();
        }
        throw new IllegalStateException("Too many redirects from " + first.uri());
    }

    private HttpRequest withCookies(HttpRequest request) {
        if (cookies.isEmpty()) {
            return request;
        }
        String path = request.uri().getPath() == null || request.uri().getPath().isEmpty() ? "/"
                : request.uri().getPath();
        String header = cookies.entrySet().stream().filter(e -> path.startsWith(e.getKey().get(1)))
                .map(e -> e.getKey().get(0) + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        if (header.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Cookie", header).build();
    }

    private void keep(String setCookie) {
        for (HttpCookie cookie : HttpCookie.parse(setCookie)) {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(List.of(cookie.getName(), cookiePath(cookie)));
            } else {
                cookies.put(List.of(cookie.getName(), cookiePath(cookie)), cookie.getValue());
            }
        }
    }

    /** The cookie's path, without a trailing slash ({@code /} when it names none): the prefix of the paths it goes to. */
    private static String cookiePath(HttpCookie cookie) {
        String path = cookie.getPath();
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
