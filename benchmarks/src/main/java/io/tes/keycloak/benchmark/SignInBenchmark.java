package io.tes.keycloak.benchmark;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;

import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.jsoup.nodes.Element;

/**
 * Wall time of a full browser sign-in (login page, form post, code exchange) through the WorkOS password form,
 * with WorkOS emulated on loopback, against the same sign-in of a Keycloak-local user on Keycloak's own form,
 * interleaved in one run on one server. Prints medians, p90 and the ratio.
 */
public final class SignInBenchmark {

    private static final String LOCAL_CLIENT = "bench-local";
    private static final String LOCAL_USER = "bench-local-user@local.test";
    private static final String PASSWORD = "Demo-pass-1!";

    private SignInBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("sign-in")) {
            return;
        }
        int warmup = Integer.getInteger("tes.benchmark.warmup", 30);
        int rounds = Integer.getInteger("tes.benchmark.rounds", 200);
        try (TestEnvironment environment = TestEnvironment.start()) {
            Oidc oidc = new Oidc(environment.keycloak.realmUrl(TestEnvironment.REALM));
            prepareBaseline(environment.admin);
            for (int i = 0; i < warmup; i++) {
                signIn(oidc, "tes-web", "alice@acme.test");
                signIn(oidc, LOCAL_CLIENT, LOCAL_USER);
            }
            long[] viaWorkOs = new long[rounds];
            long[] local = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                // Alternate which goes first, so neither always runs on a warmer server.
                if (i % 2 == 0) {
                    viaWorkOs[i] = signIn(oidc, "tes-web", "alice@acme.test");
                    local[i] = signIn(oidc, LOCAL_CLIENT, LOCAL_USER);
                } else {
                    local[i] = signIn(oidc, LOCAL_CLIENT, LOCAL_USER);
                    viaWorkOs[i] = signIn(oidc, "tes-web", "alice@acme.test");
                }
            }
            String report = report(rounds, viaWorkOs, local);
            System.out.println(report);
            Files.writeString(Benchmarks.report("sign-in-benchmark.txt"), report);
        }
    }

    /** A client on Keycloak's built-in browser flow and a Keycloak-local user: the baseline. */
    private static void prepareBaseline(KeycloakAdmin admin) throws Exception {
        admin.createBuiltInFlowClient(TestEnvironment.REALM, LOCAL_CLIENT,
                Map.of("pkce.code.challenge.method", "S256"));
        admin.createUser(TestEnvironment.REALM, LOCAL_USER, PASSWORD);
    }

    /** One full sign-in in a fresh browser; returns its wall time in nanoseconds. */
    private static long signIn(Oidc oidc, String clientId, String username) throws Exception {
        long started = System.nanoTime();
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser browser = new Browser();
        Browser.Page login = browser.open(oidc.authorizationUrl(clientId, "bench", pkce));
        Browser.Page back = browser.submit(login.document().getElementById("kc-form-login"),
                Map.of("username", username, "password", PASSWORD));
        // Keycloak's built-in flow with Organizations on (realm tes) asks for the user name first, then the password.
        Element passwordForm = back.appRedirect() == null ? back.document().getElementById("kc-form-login") : null;
        if (passwordForm != null && passwordForm.selectFirst("input[name=password]") != null) {
            back = browser.submit(passwordForm, Map.of("password", PASSWORD));
        }
        String code = back.appParams().get("code");
        if (code == null) {
            throw new IllegalStateException("Sign-in of " + username + " on " + clientId + " failed");
        }
        HttpResponse<String> tokens = oidc.token(Map.of("grant_type", "authorization_code", "client_id", clientId,
                "code", code, "redirect_uri", Oidc.REDIRECT_URI, "code_verifier", pkce.verifier()));
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("Code exchange on " + clientId + " answered " + tokens.statusCode());
        }
        return System.nanoTime() - started;
    }

    private static String report(int rounds, long[] viaWorkOs, long[] local) {
        double workosMedian = Benchmarks.percentile(viaWorkOs, 50);
        double localMedian = Benchmarks.percentile(local, 50);
        return String.format(Locale.ROOT, "%nSign-in benchmark (%d interleaved rounds, JDK %s)%n"
                + "  %-44s median %7.2f ms   p90 %7.2f ms%n"
                + "  %-44s median %7.2f ms   p90 %7.2f ms%n"
                + "  ratio (WorkOS password form / Keycloak-local), median: %.2fx%n",
                rounds, System.getProperty("java.version"),
                "WorkOS password form (emulator on loopback)", workosMedian, Benchmarks.percentile(viaWorkOs, 90),
                "Keycloak-local user, built-in form (baseline)", localMedian, Benchmarks.percentile(local, 90),
                workosMedian / localMedian);
    }
}
