package io.tes.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every message set of the pack (the themes' {@code messages/} folders and each module's
 * {@code theme-resources/messages/}) is found by scanning the source tree, so a set or a key added later is checked
 * without touching this test: each set has all of the pack's languages, and each language has every key that any
 * other language of its set has.
 */
@DisplayName("Message bundles")
class MessageBundlesTest {

    /** The languages the pack ships; theme.properties of each theme lists the same ones. */
    static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es");

    private static final Pattern BUNDLE = Pattern.compile("messages_([A-Za-z_-]+)\\.properties");
    /** A single quote that is not doubled: Keycloak formats every message with MessageFormat, which drops it. */
    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    /** One folder of {@code messages_<language>.properties} files: language → its keys and texts. */
    record MessageSet(Path folder, Map<String, Properties> languages) {

        Set<String> allKeys() {
            return languages.values().stream().flatMap(p -> p.stringPropertyNames().stream())
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public String toString() {
            return projectRoot().relativize(folder).toString();
        }
    }

    static Path projectRoot() {
        // Surefire runs in the module folder (theme/); the pack's root is its parent.
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("theme").resolve("pom.xml")).as("the pack's root folder").exists();
        return root;
    }

    static List<MessageSet> messageSets() throws IOException {
        Map<Path, Map<String, Properties>> sets = new TreeMap<>();
        try (Stream<Path> files = Files.walk(projectRoot())) {
            List<Path> bundles = files
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/resources/"))
                    .filter(p -> BUNDLE.matcher(p.getFileName().toString()).matches())
                    .collect(Collectors.toList());
            for (Path bundle : bundles) {
                Matcher name = BUNDLE.matcher(bundle.getFileName().toString());
                name.matches();
                sets.computeIfAbsent(bundle.getParent(), folder -> new TreeMap<>()).put(name.group(1), load(bundle));
            }
        }
        return sets.entrySet().stream().map(e -> new MessageSet(e.getKey(), e.getValue())).collect(Collectors.toList());
    }

    /** Keycloak reads theme messages as UTF-8; a file in another encoding fails here instead of showing mojibake. */
    private static Properties load(Path bundle) throws IOException {
        Properties properties = new Properties();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(bundle))).toString();
            properties.load(new StringReader(text));
        } catch (CharacterCodingException e) {
            throw new AssertionError(bundle + " is not UTF-8", e);
        }
        return properties;
    }

    @Test
    @DisplayName("Given the source tree then the themes' and the WorkOS module's message sets are found")
    void findsTheKnownSets() throws IOException {
        assertThat(messageSets()).extracting(MessageSet::toString).contains(
                Path.of("theme/src/main/resources/theme/tes/login/messages").toString(),
                Path.of("theme/src/main/resources/theme/tes/email/messages").toString(),
                Path.of("authenticator-workos/src/main/resources/theme-resources/messages").toString());
    }

    @Nested
    @DisplayName("Given each message set of the pack")
    class EachSet {

        @TestFactory
        @DisplayName("then it has a file for every language of the pack")
        Stream<DynamicTest> everyLanguage() throws IOException {
            return messageSets().stream().map(set -> DynamicTest.dynamicTest(set.toString(),
                    () -> assertThat(set.languages().keySet()).as("languages in %s", set)
                            .containsAll(LANGUAGES)));
        }

        @TestFactory
        @DisplayName("then every language has every key of the other languages")
        Stream<DynamicTest> sameKeys() throws IOException {
            return messageSets().stream().map(set -> DynamicTest.dynamicTest(set.toString(), () -> {
                Set<String> all = set.allKeys();
                Map<String, Set<String>> missing = new TreeMap<>();
                set.languages().forEach((language, texts) -> {
                    Set<String> lacking = new TreeSet<>(all);
                    lacking.removeAll(texts.stringPropertyNames());
                    if (!lacking.isEmpty()) {
                        missing.put("messages_" + language + ".properties", lacking);
                    }
                });
                assertThat(missing).as("keys missing in %s (add a translation for each)", set).isEmpty();
            }));
        }

        @TestFactory
        @DisplayName("then no text is empty and no single quote is left undoubled")
        Stream<DynamicTest> wellFormedTexts() throws IOException {
            return messageSets().stream().map(set -> DynamicTest.dynamicTest(set.toString(), () -> {
                Set<String> bad = new TreeSet<>();
                set.languages().forEach((language, texts) -> texts.stringPropertyNames().forEach(key -> {
                    String text = texts.getProperty(key);
                    if (text.isBlank() || LONE_QUOTE.matcher(text).find()) {
                        bad.add(language + ": " + key + "=" + text);
                    }
                }));
                assertThat(bad).as("texts in %s (write ' as '' for MessageFormat)", set).isEmpty();
            }));
        }
    }

    @Test
    @DisplayName("Given the login and email themes then theme.properties lists exactly the pack's languages")
    void themesListThePackLanguages() throws IOException {
        for (String type : List.of("login", "email")) {
            Path file = projectRoot().resolve("theme/src/main/resources/theme/tes").resolve(type).resolve("theme.properties");
            Properties theme = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                theme.load(reader);
            }
            assertThat(Set.of(theme.getProperty("locales", "").split("\\s*,\\s*"))).as("locales of %s", file)
                    .isEqualTo(LANGUAGES);
        }
    }
}
