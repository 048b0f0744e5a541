package io.tes.keycloak.permissions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The parsed form of mapper config texts, parsed once per distinct text. Keyed by the text itself and holding
 * immutable results, it is the same on every node: a cache, not state. Bounded: past {@link #MAX} texts it starts
 * over. A text that fails to parse is not kept; the parser's exception reaches the caller.
 */
final class ParsedTexts<T> {

    static final int MAX = 1_000;

    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final Function<String, T> parser;

    ParsedTexts(Function<String, T> parser) {
        this.parser = parser;
    }

    T get(String text) {
        String key = text == null ? "" : text;
        if (parsed.size() >= MAX) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(key, parser);
    }
}
