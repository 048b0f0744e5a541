package io.tes.keycloak.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium, driven through its own chromedriver (never one Selenium Manager would download:
 * the tests run without internet), at one viewport. Takes screenshots and runs axe-core on the current page.
 */
final class Chromium implements AutoCloseable {

    /** The widths the theme is checked at; the phone is emulated as a touch device with its viewport. */
    enum Viewport {
        DESKTOP(1280, 800, false), PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Viewport(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }

        String fileSuffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One axe-core rule broken on a page, with the elements that break it. */
    record Violation(String rule, String impact, String help, String helpUrl, List<String> nodes) {
        @Override
        public String toString() {
            return String.format("[%s] %s: %s (%s)%n      %s", impact, rule, help, helpUrl,
                    String.join("\n      ", nodes));
        }
    }

    static final Path BINARY = Path.of(System.getProperty("tes.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("tes.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** What keeps the real-browser tests from running here, if anything (said in the skip message). */
    static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(BINARY)) {
            missing.add("Chromium at " + BINARY);
        }
        if (!Files.isExecutable(DRIVER)) {
            missing.add("chromedriver at " + DRIVER);
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("Real-browser tests did NOT run: no "
                + String.join(" and no ", missing) + " (Debian: apt-get install chromium chromium-driver;"
                + " or set -Dtes.chromium=... -Dtes.chromedriver=...)");
    }

    static Chromium start(Viewport viewport) {
        try {
            Path profile = Files.createTempDirectory("tes-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY.toFile());
            // No internet here: nothing in the browser may try to reach out (updates, sync, QUIC probes).
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=en-US",
                    "--user-data-dir=" + profile.toAbsolutePath(),
                    "--window-size=" + viewport.width + "," + viewport.height);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
            if (viewport.mobile) {
                options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
                        "width", viewport.width, "height", viewport.height, "pixelRatio", 1.0, "touch", true,
                        "mobile", true)));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a Chromium profile folder", e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Forgets cookies and storage, so each page starts from a browser that never saw Keycloak. */
    void reset() {
        driver.manage().deleteAllCookies();
    }

    void open(String url) {
        driver.get(url);
    }

    void click(By target) {
        waitFor(target).click();
    }

    void fill(By target, String text) {
        WebElement field = waitFor(target);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits up to 10 s for the element (a click or submit navigates asynchronously). */
    WebElement waitFor(By target) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                WebElement element = driver.findElement(target);
                if ("complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState"))) {
                    return element;
                }
            } catch (NoSuchElementException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No " + target + " on " + driver.getCurrentUrl() + ":\n"
                            + driver.getPageSource(), e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The hrefs of the page's stylesheets that the browser actually loaded. */
    @SuppressWarnings("unchecked")
    List<String> loadedStylesheets() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.styleSheets).filter(s => s.href && s.cssRules.length > 0)"
                        + ".map(s => s.href);");
    }

    Path screenshot(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Runs axe-core (its default rules: WCAG 2.x A/AA and best practices) on the page; returns every violation. */
    List<Violation> axe() throws IOException {
        JavascriptExecutor js = driver;
        js.executeScript(AxeScript.SOURCE);
        Object raw = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify({violations: r.violations, passed: r.passes.length})))"
                + ".catch(e => done(JSON.stringify({error: String(e)})));");
        JsonNode result = KeycloakAdmin.MAPPER.readTree(String.valueOf(raw));
        // A run that checked nothing (script not loaded, empty page) must not pass as "no violations".
        if (result.has("error") || result.path("passed").asInt() == 0) {
            throw new IllegalStateException("axe-core did not check " + driver.getCurrentUrl() + ": " + result);
        }
        List<Violation> found = new ArrayList<>();
        for (JsonNode violation : result.path("violations")) {
            List<String> nodes = new ArrayList<>();
            for (JsonNode node : violation.path("nodes")) {
                nodes.add(node.path("target").toString() + " " + node.path("html").asText()
                        + " -> " + node.path("failureSummary").asText().replace('\n', ' '));
            }
            found.add(new Violation(violation.path("id").asText(), violation.path("impact").asText(),
                    violation.path("help").asText(), violation.path("helpUrl").asText(), nodes));
        }
        return found;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temp folder left behind is harmless.
            }
        }
    }

    /** axe-core's script, as shipped in Deque's Selenium integration jar (read once). */
    private static final class AxeScript {
        static final String SOURCE = load();

        private static String load() {
            try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read axe.min.js", e);
            }
        }
    }
}
