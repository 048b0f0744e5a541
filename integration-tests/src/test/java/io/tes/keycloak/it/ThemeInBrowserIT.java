package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every login page of {@link ThemePages#ALL} in a real headless Chromium, at desktop and phone widths: the TES
 * stylesheet is applied, a screenshot lands in {@code target/screenshots/}, and axe-core finds no serious or
 * critical accessibility violation. Without Chromium and chromedriver the tests are skipped, saying so.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("The tes login theme in a real browser")
class ThemeInBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("tes.screenshots", "target/screenshots"));
    private static final List<String> BLOCKING = List.of("serious", "critical");

    private static final Map<Chromium.Viewport, Chromium> BROWSERS = new EnumMap<>(Chromium.Viewport.class);
    private static PlainRealm plain;
    private static ThemePages.Context context;

    /** Checked per test, not in {@code @BeforeAll}: an aborted class counts as 0 tests, each aborted test as skipped. */
    private static final java.util.Optional<String> MISSING = Chromium.missing();

    @BeforeAll
    static void createRealm() throws Exception {
        if (MISSING.isPresent()) {
            System.err.println("WARNING: " + MISSING.get());
            return;
        }
        plain = PlainRealm.create("browser-it");
        String email = "renew-" + System.nanoTime() + "@plain.test";
        plain.createUser(email, "UPDATE_PASSWORD");
        context = new ThemePages.Context(plain, email);
    }

    @AfterAll
    static void closeBrowsers() throws Exception {
        BROWSERS.values().forEach(Chromium::close);
        BROWSERS.clear();
        if (plain != null) {
            plain.delete();
        }
    }

    static Stream<Arguments> pagesAtEachWidth() {
        return ThemePages.ALL.stream().flatMap(page -> Stream.of(Chromium.Viewport.values())
                .map(viewport -> Arguments.of(page, viewport)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("pagesAtEachWidth")
    @DisplayName("Given a login page then it has the TES look and no serious or critical axe-core violation")
    void pageIsStyledAndAccessible(ThemePages.ThemePage page, Chromium.Viewport viewport) throws Exception {
        Assumptions.assumeTrue(MISSING.isEmpty(), MISSING::get);
        Chromium browser = BROWSERS.computeIfAbsent(viewport, Chromium::start);
        browser.reset();

        page.route().walk(browser, context);
        browser.waitFor(page.arrived());
        Path screenshot = browser.screenshot(SCREENSHOTS, page.name() + "-" + viewport.fileSuffix());
        List<Chromium.Violation> all = browser.axe();
        List<Chromium.Violation> blocking = all.stream()
                .filter(violation -> BLOCKING.contains(violation.impact())).collect(Collectors.toList());
        // Moderate and minor findings do not fail the build, but are listed for whoever works on the theme.
        all.stream().filter(violation -> !BLOCKING.contains(violation.impact())).forEach(violation ->
                System.out.printf("axe-core (not blocking) on %s at %s: %s%n", page.name(), viewport, violation));

        assertThat(browser.loadedStylesheets()).as("stylesheets loaded on %s", browser.driver().getCurrentUrl())
                .anyMatch(href -> href.endsWith("/login/tes/css/tes.css"));
        assertThat(blocking).as("serious or critical axe-core violations on %s at %s (%s, screenshot %s):%n  %s",
                page.name(), viewport, browser.driver().getCurrentUrl(), screenshot,
                blocking.stream().map(Object::toString).collect(Collectors.joining("\n  "))).isEmpty();
    }
}
