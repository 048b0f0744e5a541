package io.tes.keycloak.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Users' TOTP authentication factors and their challenges. As at WorkOS, a factor is kept from the moment it is
 * enrolled (not only once a first code verified), and a TOTP challenge does not expire. A code is accepted once per
 * factor and time step.
 */
final class Factors {

    static final class Factor {
        final String id;
        final String userId;
        final String secret;
        final String issuer;
        final String user;
        final Instant createdAt;
        final Set<Long> usedSteps = new HashSet<>();

        Factor(String id, String userId, String secret, String issuer, String user, Instant createdAt) {
            this.id = id;
            this.userId = userId;
            this.secret = secret;
            this.issuer = issuer;
            this.user = user;
            this.createdAt = createdAt;
        }
    }

    record Challenge(String id, String factorId, Instant createdAt) {
    }

    enum Check { ACCEPTED, INVALID, PREVIOUSLY_USED }

    private final Map<String, Factor> factors = new LinkedHashMap<>();
    private final Map<String, Challenge> challenges = new LinkedHashMap<>();

    synchronized Factor enroll(String id, String userId, String secret, String issuer, String user, Instant now) {
        Totp.base32Decode(secret);
        Factor factor = new Factor(id, userId, secret, issuer, user, now);
        factors.put(id, factor);
        return factor;
    }

    synchronized List<Factor> of(String userId) {
        List<Factor> found = new ArrayList<>();
        factors.values().stream().filter(factor -> factor.userId.equals(userId)).forEach(found::add);
        return found;
    }

    synchronized Optional<Factor> factor(String id) {
        return Optional.ofNullable(id == null ? null : factors.get(id));
    }

    synchronized Challenge challenge(String id, Factor factor, Instant now) {
        Challenge challenge = new Challenge(id, factor.id, now);
        challenges.put(id, challenge);
        return challenge;
    }

    synchronized Optional<Challenge> challenge(String id) {
        return Optional.ofNullable(id == null ? null : challenges.get(id));
    }

    /** Accepts a code of the current time step or a neighbour, once per step. */
    synchronized Check verify(Factor factor, String code, Instant now) {
        OptionalLong step = Totp.matchingStep(factor.secret, code, now, factor.usedSteps);
        if (step.isPresent()) {
            factor.usedSteps.add(step.getAsLong());
            return Check.ACCEPTED;
        }
        return Totp.matchingStep(factor.secret, code, now, Set.of()).isPresent()
                ? Check.PREVIOUSLY_USED : Check.INVALID;
    }
}
