package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * Keycloak's admin console (the React console of the Keycloak version the pack is built against) in {@link Chromium},
 * signed in as the bootstrap admin. Finds settings the way an admin does: by the label the provider gave them, with
 * the help "?" next to it. The selectors are the console's PatternFly form markup: {@code label[for]} inside a
 * {@code .pf-v5-c-form__group}, its {@code .pf-v5-c-form__group-label-help} button and the popover it opens.
 */
final class AdminConsole implements AutoCloseable {

    /** A provider's setting as Keycloak describes it (server info, config description): the console shows these. */
    record Setting(String name, String label, String helpText) {

        static List<Setting> of(JsonNode properties) {
            List<Setting> settings = new ArrayList<>();
            properties.forEach(property -> settings.add(new Setting(property.path("name").asText(),
                    property.path("label").asText(), property.path("helpText").asText())));
            return settings;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Chromium browser;
    private final WebDriver driver;
    private final String consoleUrl;

    private AdminConsole(Chromium browser, String consoleUrl) {
        this.browser = browser;
        this.driver = browser.driver();
        this.consoleUrl = consoleUrl;
    }

    /** Starts Chromium, signs in to the master realm's console and waits until it shows realm {@code realm}. */
    static AdminConsole signIn(String baseUrl, String user, String password, String realm) {
        Chromium browser = Chromium.start(Chromium.Viewport.DESKTOP);
        // Taller than the theme's desktop: a provider's whole settings block fits in one screenshot.
        browser.driver().manage().window().setSize(new Dimension(1280, 1200));
        AdminConsole console = new AdminConsole(browser, baseUrl + "/admin/master/console/");
        try {
            browser.open(console.consoleUrl + "#/" + realm);
            browser.fill(By.id("username"), user);
            browser.fill(By.id("password"), password);
            browser.click(By.id("kc-login"));
            console.waitFor(By.cssSelector("[data-testid='options-toggle']"));
            return console;
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    /**
     * Opens a console route ({@code tes/identity-providers/...}) and waits for an element of that page. Loads the
     * page anew: a route that differs from the last one only in an id (another flow, another mapper) is otherwise
     * kept with the last one's data.
     */
    void open(String route, By arrived) {
        driver.get(consoleUrl + "#/" + route);
        driver.navigate().refresh();
        waitFor(arrived);
    }

    WebElement waitFor(By target) {
        return until("an element " + target, () -> {
            List<WebElement> found = driver.findElements(target);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    void waitUntilGone(By target) {
        until("no element " + target, () -> driver.findElements(target).stream().noneMatch(WebElement::isDisplayed)
                ? Boolean.TRUE : null);
    }

    /** Scrolls the element to the middle of the page (clear of the sticky header and Save bar) and clicks it. */
    void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        until("a clickable " + element, () -> {
            try {
                element.click();
                return Boolean.TRUE;
            } catch (WebDriverException e) {
                return null;
            }
        });
    }

    void click(By target) {
        click(waitFor(target));
    }

    /** Replaces a text field's value as typing does (React's form state only sees key events). */
    void replace(By field, String value) {
        WebElement input = waitFor(field);
        click(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
        assertThat(input.getAttribute("value")).as("%s after typing", field).isEqualTo(value);
    }

    /**
     * Checks one setting in the form inside {@code scope}: a label with the provider's text, bound ({@code for}) to
     * the setting's field, and a help button next to it whose popover shows the provider's help text.
     */
    void assertLabelledWithHelp(By scope, Setting setting) {
        assertThat(setting.label()).as("label of %s", setting.name()).isNotBlank();
        assertThat(setting.helpText()).as("help text of %s", setting.name()).isNotBlank();
        WebElement form = waitFor(scope);
        List<WebElement> labels = form.findElements(By.xpath(
                ".//label[contains(@class,'pf-v5-c-form__label')][normalize-space(.)=" + xpathText(setting.label())
                        + " or normalize-space(.)=" + xpathText(setting.label() + " *") + "]"));
        assertThat(labels).as("labels \"%s\" on %s", setting.label(), driver.getCurrentUrl()).hasSize(1);
        WebElement label = labels.get(0);
        // The console names a field config.<key> with its dots as 🍺 (text fields) or <key> (switches, lists).
        String target = label.getAttribute("for");
        assertThat(target.replace("\uD83C\uDF7A", ".")).as("field of the label \"%s\"", setting.label())
                .isIn(setting.name(), "config." + setting.name());
        assertThat(driver.findElements(By.id(target))).as("an element with the id the label names").isNotEmpty();

        WebElement group = label.findElement(By.xpath(
                "ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' pf-v5-c-form__group ')][1]"));
        List<WebElement> help = group.findElements(By.cssSelector(".pf-v5-c-form__group-label-help"));
        assertThat(help).as("help button next to \"%s\"", setting.label()).hasSize(1);
        assertThat(openHelp(help.get(0))).as("help text of \"%s\"", setting.label())
                .isEqualTo(normalized(setting.helpText()));
    }

    /** Clicks a help "?" button; returns the text of the popover it opens, and closes it again. */
    String openHelp(WebElement helpButton) {
        click(helpButton);
        WebElement body = waitFor(By.cssSelector(".pf-v5-c-popover .pf-v5-c-popover__body"));
        String text = normalized(body.getText());
        click(By.cssSelector(".pf-v5-c-popover button[aria-label='Close']"));
        waitUntilGone(By.cssSelector(".pf-v5-c-popover"));
        return text;
    }

    /** Whether an error toast is showing (a refused save). */
    List<String> errorAlerts() {
        return driver.findElements(By.cssSelector("[data-testid='global-alerts'] .pf-v5-c-alert.pf-m-danger"))
                .stream().map(WebElement::getText).toList();
    }

    void scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
    }

    /** A screenshot of the page as it is, without the focus ring a closed popover leaves on its "?" button. */
    Path screenshot(Path folder, String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("if (document.activeElement) document.activeElement.blur();");
        return browser.screenshot(folder, name);
    }

    WebDriver driver() {
        return driver;
    }

    static String normalized(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }

    /** An XPath string literal for any text (XPath 1.0 has no escape for quotes). */
    static String xpathText(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private <T> T until(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T found;
            try {
                found = probe.get();
            } catch (WebDriverException e) {
                // The single-page app re-rendered the element between finding and reading it.
                found = null;
            }
            if (found != null) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what + " on "
                        + driver.getCurrentUrl());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        browser.close();
    }
}
