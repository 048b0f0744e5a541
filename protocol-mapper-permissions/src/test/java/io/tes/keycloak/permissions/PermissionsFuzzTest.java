package io.tes.keycloak.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.keycloak.models.RoleModel;

/**
 * Fuzz tests of the permission grammar, the scope order, the mapper's role map and the role attribute reader: text
 * an admin (or an import) can put in a realm. Only the documented {@link IllegalArgumentException} may come out of a
 * parser, and what parses must print back to the same text; the role attribute reader never throws. Plain
 * {@code mvn verify} runs the committed inputs under {@code PermissionsFuzzTestInputs/}; DEVELOPERS.md says how to
 * fuzz.
 */
class PermissionsFuzzTest {

    /** JUL keeps loggers weakly: hold the one silenced, or the level is lost. */
    private static java.util.logging.Logger quiet;

    @BeforeAll
    static void silenceSkippedPermissionWarnings() {
        // RolePermissions warns once per malformed value; the fuzzer makes millions.
        quiet = java.util.logging.Logger.getLogger(RolePermissions.class.getName());
        quiet.setLevel(Level.SEVERE);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void permission(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Permission parsed;
        try {
            parsed = Permission.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).contains("is not action:entity:scope");
            return;
        }
        assertThat(parsed.toString()).isEqualTo(text.trim()).matches("(\\*|[a-z0-9_-]+)(:(\\*|[a-z0-9_-]+)){2}");
        assertThat(Permission.parse(parsed.toString())).isEqualTo(parsed);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void roleMap(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Map<String, List<Permission>> parsed;
        try {
            parsed = RoleMap.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("role map ");
            return;
        }
        // Printed one role a line, the map parses back to itself.
        String printed = parsed.entrySet().stream()
                .map(role -> role.getKey() + ": " + role.getValue().stream().map(Permission::toString)
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(RoleMap.parse(printed)).isEqualTo(parsed);
        // Trimmed as String.trim does: a role may be named with other (Unicode) spaces, as Keycloak allows.
        parsed.keySet().forEach(role -> assertThat(role).isNotEmpty().isEqualTo(role.trim()).doesNotContain(":")
                .doesNotStartWith("#"));
        assertThat(RoleMap.cached(text).keySet()).containsExactlyElementsOf(parsed.keySet());
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void scopeOrder(FuzzedDataProvider data) {
        String orderText = data.consumeString(64);
        List<Permission> granted = new ArrayList<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            try {
                granted.add(Permission.parse(data.consumeString(40)));
            } catch (IllegalArgumentException malformed) {
                granted.add(new Permission(pick(data, "read", "write"), pick(data, "event", "user"),
                        pick(data, "own", "org", "all", "*", "custom")));
            }
        }
        ScopeOrder order;
        try {
            order = ScopeOrder.parse(orderText);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("scope order entry ");
            return;
        }
        List<String> ranks = Arrays.stream((orderText == null || orderText.isBlank() ? ScopeOrder.DEFAULT : orderText)
                .split(",")).map(String::trim).toList();
        SortedSet<Permission> widest = order.widest(granted);

        assertThat(granted).containsAll(widest);
        for (Permission permission : granted) {
            int rank = rank(ranks, permission.scope());
            if (rank < 0) {
                assertThat(widest).contains(permission);
                continue;
            }
            // Exactly one ranked survivor per action and entity, ranked at least as wide as every grant.
            List<Permission> kept = widest.stream().filter(other -> other.action().equals(permission.action())
                    && other.entity().equals(permission.entity()) && rank(ranks, other.scope()) >= 0).toList();
            assertThat(kept).hasSize(1);
            assertThat(rank(ranks, kept.get(0).scope())).isGreaterThanOrEqualTo(rank);
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void roleAttribute(FuzzedDataProvider data) {
        List<String> values = new ArrayList<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            values.add(data.consumeString(48));
        }
        List<String> expected = new ArrayList<>();
        for (String value : values) {
            try {
                expected.add(Permission.parse(value).toString());
            } catch (IllegalArgumentException skipped) {
                // The reader skips it too.
            }
        }
        expected.sort(null);

        List<String> read = RolePermissions.of(role("role-" + data.consumeInt(0, 3), values));

        assertThat(read).containsExactlyElementsOf(expected);
        // Cached by content: another role with the same values shares the list (PermissionUnion relies on it).
        assertThat(RolePermissions.of(role("again", values))).isSameAs(read);
    }

    private static int rank(List<String> ranks, String scope) {
        return "*".equals(scope) ? Integer.MAX_VALUE : ranks.indexOf(scope);
    }

    private static String pick(FuzzedDataProvider data, String... choices) {
        return choices[data.consumeInt(0, choices.length - 1)];
    }

    /** A role with these {@code permissions} attribute values; nothing else is read. */
    private static RoleModel role(String id, List<String> values) {
        Set<String> read = Set.of("getAttributeStream", "getId", "getName");
        return (RoleModel) Proxy.newProxyInstance(RoleModel.class.getClassLoader(), new Class<?>[] {RoleModel.class},
                (proxy, method, args) -> {
                    if (!read.contains(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (method.getName().equals("getAttributeStream")) {
                        return RolePermissions.ATTRIBUTE.equals(args[0]) ? values.stream() : Stream.empty();
                    }
                    return id;
                });
    }
}
