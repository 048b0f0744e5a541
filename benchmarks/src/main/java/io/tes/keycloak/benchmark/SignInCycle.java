package io.tes.keycloak.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TwoNodeCluster;
import org.jsoup.nodes.Element;

/**
 * What one virtual user does once: a full browser sign-in (login page, form post, code exchange) in a fresh cookie
 * jar, three refreshes, and a logout, so the user sessions do not pile up over a soak. Every request goes to the
 * next node in turn, round-robin over the whole run, as a load balancer without sticky sessions would send it: the
 * pages name the shared public URL (node A's), which {@link TwoNodeCluster#on} points at the chosen node.
 */
final class SignInCycle {

    static final int REFRESHES = 3;
    private static final String PASSWORD = "Demo-pass-1!";

    /** The timings of one cycle, in nanoseconds. */
    record Result(long signIn, long[] refreshes) {
    }

    private final TwoNodeCluster cluster;
    private final String clientId;
    private final AtomicLong requests = new AtomicLong();

    SignInCycle(TwoNodeCluster cluster, String clientId) {
        this.cluster = cluster;
        this.clientId = clientId;
    }

    /** A virtual user's HTTP client: its connections last across its sign-ins, as a browser's do. */
    static HttpClient browserClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    Result run(HttpClient http, String username) throws Exception {
        long started = System.nanoTime();
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser browser = new Browser(http);
        Browser.Page login = browser.open(cluster.on(next(), oidc(cluster.a()).authorizationUrl(clientId, "load",
                pkce)));
        Element form = login.document().getElementById("kc-form-login");
        if (form == null) {
            throw new IllegalStateException("No login form on " + clientId + " (status " + login.status() + ")");
        }
        Browser.Page back = submit(browser, form, Map.of("username", username, "password", PASSWORD));
        // Keycloak's built-in flow with Organizations on (realm tes) asks for the user name first, then the password.
        Element passwordForm = back.appRedirect() == null ? back.document().getElementById("kc-form-login") : null;
        if (passwordForm != null && passwordForm.selectFirst("input[name=password]") != null
                && back.document().getElementById("input-error") == null) {
            back = submit(browser, passwordForm, Map.of("password", PASSWORD));
        }
        String code = back.appParams().get("code");
        if (code == null) {
            throw new IllegalStateException("Sign-in on " + clientId + " ended at " + back.url() + " (status "
                    + back.status() + ")");
        }
        JsonNode tokens = tokens(oidc(next()).token(Map.of("grant_type", "authorization_code", "client_id", clientId,
                "code", code, "redirect_uri", Oidc.REDIRECT_URI, "code_verifier", pkce.verifier())), "code exchange");
        long signIn = System.nanoTime() - started;
        long[] refreshes = new long[REFRESHES];
        for (int i = 0; i < REFRESHES; i++) {
            long refreshStarted = System.nanoTime();
            tokens = tokens(oidc(next()).token(Map.of("grant_type", "refresh_token", "client_id", clientId,
                    "refresh_token", tokens.path("refresh_token").asText())), "refresh");
            refreshes[i] = System.nanoTime() - refreshStarted;
        }
        HttpResponse<String> logout = oidc(next()).post("logout", Map.of("client_id", clientId,
                "refresh_token", tokens.path("refresh_token").asText()));
        if (logout.statusCode() != 204) {
            throw new IllegalStateException("Logout on " + clientId + " answered " + logout.statusCode());
        }
        return new Result(signIn, refreshes);
    }

    /** Submits a page's form to the next node. */
    private Browser.Page submit(Browser browser, Element form, Map<String, String> fields) throws Exception {
        form.attr("action", cluster.on(next(), form.absUrl("action")));
        return browser.submit(form, fields);
    }

    private KeycloakServer next() {
        List<KeycloakServer> nodes = cluster.nodes();
        return nodes.get((int) (requests.getAndIncrement() % nodes.size()));
    }

    private static Oidc oidc(KeycloakServer node) {
        return new Oidc(node.realmUrl(TwoNodeCluster.REALM));
    }

    private static JsonNode tokens(HttpResponse<String> response, String what) throws Exception {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + response.statusCode());
        }
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }
}
