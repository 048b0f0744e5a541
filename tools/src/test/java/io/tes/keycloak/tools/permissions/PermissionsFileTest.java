package io.tes.keycloak.tools.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("TES's permissions map as JSON")
class PermissionsFileTest {

    private static Map<String, List<String>> resource(String name) throws Exception {
        try (Reader reader = new InputStreamReader(PermissionsFileTest.class.getResourceAsStream("/" + name),
                StandardCharsets.UTF_8)) {
            return PermissionsFile.parse(name, reader);
        }
    }

    private static List<String> problems(String json) {
        try {
            PermissionsFile.parse("p.json", new StringReader(json));
        } catch (PermissionsFile.MalformedFile e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem found in " + json);
    }

    @Test
    @DisplayName("Given a well-formed file then each role's permissions are canonical, sorted and distinct")
    void wellFormed() throws Exception {
        assertThat(resource("permissions-good.json")).containsExactly(
                Map.entry("viewer", List.of("read:event:own", "read:takeback:own")),
                Map.entry("admin", List.of("*:event:all", "manage:user:org")),
                Map.entry("nobody", List.of()));
    }

    @Test
    @DisplayName("Given a sample file with one bad line then the error names that line, the role and the value")
    void oneBadLine() {
        assertThatThrownBy(() -> resource("permissions-one-bad-line.json"))
                .isInstanceOf(PermissionsFile.MalformedFile.class)
                .satisfies(e -> assertThat(((PermissionsFile.MalformedFile) e).problems()).containsExactly(
                        "permissions-one-bad-line.json:8: role 'organizer': 'write:event' is not "
                                + "action:entity:scope"));
    }

    @Nested
    @DisplayName("Given a malformed structure")
    class Structure {

        @Test
        @DisplayName("then every problem is reported with its line, not only the first")
        void all() {
            assertThat(problems("{\n \"a\": [\"READ:x:y\"],\n \"b\": \"read:x:y\",\n \"c\": [1]\n}")).containsExactly(
                    "p.json:2: role 'a': 'READ:x:y' is not action:entity:scope",
                    "p.json:3: role 'b': expected a list of permissions",
                    "p.json:4: role 'c': a permission must be a string");
        }

        @Test
        @DisplayName("then a role listed twice, a list instead of an object, or broken JSON is refused with its line")
        void shape() {
            assertThat(problems("{\n\"a\": [],\n\"a\": []\n}")).containsExactly("p.json:3: role 'a' is listed twice");
            assertThat(problems("[\"read:x:y\"]")).singleElement().asString()
                    .startsWith("p.json:1: expected an object");
            assertThat(problems("{\n\"a\": [\n\"read:x:y\"\n\"read:x:z\"]}")).singleElement().asString()
                    .startsWith("p.json:4: not valid JSON");
        }
    }
}
