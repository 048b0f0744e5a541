package io.tes.keycloak.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one-time codes WorkOS emails to verify an address: six digits, ten minutes, single-use; a newer code replaces
 * the user's older one.
 */
final class EmailVerifications {

    static final Duration CODE_TTL = Duration.ofMinutes(10);

    record Code(String id, String userId, String email, String code, Instant createdAt, Instant expiresAt) {
    }

    enum Check { ACCEPTED, INVALID, EXPIRED, PREVIOUSLY_USED }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Code> current = new HashMap<>();
    private final Map<String, Code> byId = new HashMap<>();
    private final Map<String, Set<String>> used = new HashMap<>();

    synchronized Code issue(String id, String userId, String email, Instant now) {
        Set<String> spent = used.getOrDefault(userId, Set.of());
        String digits;
        do {
            digits = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
        } while (spent.contains(digits));
        Code code = new Code(id, userId, email, digits, now, now.plus(CODE_TTL));
        current.put(userId, code);
        byId.put(id, code);
        return code;
    }

    /** The user's newest code while it is unexpired and unused. */
    synchronized Optional<Code> current(String userId, Instant now) {
        return Optional.ofNullable(current.get(userId)).filter(code -> now.isBefore(code.expiresAt()));
    }

    synchronized Optional<Code> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Checks the user's code; an accepted code is spent. A wrong or expired code changes nothing. */
    synchronized Check redeem(String userId, String code, Instant now) {
        if (code != null && used.getOrDefault(userId, Set.of()).contains(code)) {
            return Check.PREVIOUSLY_USED;
        }
        Code issued = current.get(userId);
        if (issued == null || !issued.code().equals(code)) {
            return Check.INVALID;
        }
        if (!now.isBefore(issued.expiresAt())) {
            return Check.EXPIRED;
        }
        current.remove(userId);
        used.computeIfAbsent(userId, key -> new HashSet<>()).add(code);
        return Check.ACCEPTED;
    }
}
