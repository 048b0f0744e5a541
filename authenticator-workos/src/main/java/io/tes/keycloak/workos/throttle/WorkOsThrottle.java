package io.tes.keycloak.workos.throttle;

import java.util.function.LongSupplier;

import io.tes.keycloak.organization.metrics.TesMetrics;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserLoginFailureProvider;
import org.keycloak.provider.Provider;

/**
 * Counts what reaches WorkOS with a password, a sign-up or a reset request, and refuses before WorkOS is asked once
 * a count is over its limit. Counts live in Keycloak's login-failure store ({@link UserLoginFailureProvider}, which
 * Infinispan shares across the cluster and updates atomically), under hashed keys ({@link ThrottleKeys}):
 * <ul>
 * <li>per email, with the realm's brute-force settings ({@link RealmLockout}), for an email no Keycloak user has:
 * Keycloak's own detector already counts and locks its users, and the steps check it before WorkOS;</li>
 * <li>reset requests per email, the same way, in a key space of their own (they lock no sign-in);</li>
 * <li>one-time codes of WorkOS's second steps (email verification, TOTP) per email, the same way, for every email:
 * Keycloak's detector does not see these codes, and the user may not exist in Keycloak yet;</li>
 * <li>per client address, with the server's address limit ({@link WorkOsThrottleFactory}).</li>
 * </ul>
 * A refused attempt is not counted, as in Keycloak. A request with the realm's brute-force detection off counts per
 * address only.
 */
public final class WorkOsThrottle implements Provider {

    /** The {@code workos_throttled} detail: which count refused. */
    public static final String BY_EMAIL = "email";
    public static final String BY_ADDRESS = "address";

    private static final Logger LOG = Logger.getLogger(WorkOsThrottle.class);

    private final KeycloakSession session;
    private final WindowLimit addressLimit;
    private final LongSupplier clock;
    /** Set for the rest of one request whose address is a trusted back end's, not the user's. */
    private boolean addressExempt;

    WorkOsThrottle(KeycloakSession session, WindowLimit addressLimit, LongSupplier clock) {
        this.session = session;
        this.addressLimit = addressLimit;
        this.clock = clock;
    }

    public static WorkOsThrottle of(KeycloakSession session) {
        return session.getProvider(WorkOsThrottle.class);
    }

    /** Before a password for this email goes to WorkOS: refused when the email or the address is locked. */
    public void beforePassword(String email) throws WorkOsFailure {
        RealmModel realm = realm();
        if (countsEmail(realm, email) && RealmLockout.locked(count(realm, ThrottleKeys.email(email)), now())) {
            throw refused(BY_EMAIL);
        }
        checkAddress();
    }

    /** WorkOS refused the password: one more failure for the email and the address. */
    public void passwordRefused(String email) {
        RealmModel realm = realm();
        if (countsEmail(realm, email)) {
            RealmLockout.failed(realm, countOrNew(realm, ThrottleKeys.email(email)), now());
        }
        countAddress();
    }

    /** WorkOS accepted the password: the email's count starts again (the address's does not). */
    public void passwordAccepted(String email) {
        RealmModel realm = realm();
        String key = ThrottleKeys.email(email);
        if (count(realm, key) != null) {
            store().removeUserLoginFailure(realm, key);
        }
    }

    /** Before a one-time code for this email goes to WorkOS: refused when the email's codes or the address are locked. */
    public void beforeCode(String email) throws WorkOsFailure {
        RealmModel realm = realm();
        if (realm.isBruteForceProtected() && RealmLockout.locked(count(realm, ThrottleKeys.code(email)), now())) {
            throw refused(BY_EMAIL);
        }
        checkAddress();
    }

    /** WorkOS refused the code: one more failure for the email's codes and the address. */
    public void codeRefused(String email) {
        RealmModel realm = realm();
        if (realm.isBruteForceProtected()) {
            RealmLockout.failed(realm, countOrNew(realm, ThrottleKeys.code(email)), now());
        }
        countAddress();
    }

    /** WorkOS accepted the code: the email's count of codes starts again. */
    public void codeAccepted(String email) {
        RealmModel realm = realm();
        String key = ThrottleKeys.code(email);
        if (count(realm, key) != null) {
            store().removeUserLoginFailure(realm, key);
        }
    }

    /** A new verification email about to be asked of WorkOS: refused when the address is locked, counted otherwise. */
    public void codeResent() throws WorkOsFailure {
        checkAddress();
        countAddress();
    }

    /** A sign-up about to create a WorkOS user: refused when the address is locked, counted otherwise. */
    public void signUp() throws WorkOsFailure {
        checkAddress();
        countAddress();
    }

    /** A reset request about to reach WorkOS: refused when the email's requests or the address are locked. */
    public void resetRequest(String email) throws WorkOsFailure {
        RealmModel realm = realm();
        String key = ThrottleKeys.resetRequest(email);
        if (realm.isBruteForceProtected() && RealmLockout.locked(count(realm, key), now())) {
            throw refused(BY_EMAIL);
        }
        checkAddress();
        if (realm.isBruteForceProtected()) {
            RealmLockout.failed(realm, countOrNew(realm, key), now());
        }
        countAddress();
    }

    /**
     * For the rest of this request, counts per client address neither refuse nor count: the caller is an
     * authenticated back end (a confidential client of the TES account API) sending on behalf of many users from one
     * address, which the address limits would lock for everyone. Counts per email still apply. The provider lives for
     * one Keycloak session (one request), so nothing outlives it.
     */
    public void exemptAddress() {
        addressExempt = true;
    }

    /** Whether the client address has reached that limit (the reset page's count of refused links). */
    public boolean blocked(WindowLimit limit) {
        RealmModel realm = realm();
        String key = addressKey(limit);
        return !addressExempt && key != null && limit.enabled() && limit.locked(count(realm, key), now());
    }

    /** One more attempt of the client address against that limit. */
    public void attempted(WindowLimit limit) {
        RealmModel realm = realm();
        String key = addressKey(limit);
        if (!addressExempt && key != null && limit.enabled()) {
            limit.attempted(countOrNew(realm, key), now());
        }
    }

    private void checkAddress() throws WorkOsFailure {
        if (blocked(addressLimit)) {
            throw refused(BY_ADDRESS);
        }
    }

    private void countAddress() {
        attempted(addressLimit);
    }

    /** Keycloak's detector counts the users it has; only an email without one is the throttle's. */
    private boolean countsEmail(RealmModel realm, String email) {
        return realm.isBruteForceProtected() && session.users().getUserByEmail(realm, email) == null;
    }

    private static WorkOsFailure refused(String by) {
        LOG.debugf("Refused before WorkOS: too many attempts for this %s", by);
        TesMetrics.throttleRefused(by);
        return WorkOsFailure.tooManyAttempts(by);
    }

    private String addressKey(WindowLimit limit) {
        ClientConnection connection = session.getContext().getConnection();
        return ThrottleKeys.address(limit.space(), connection == null ? null : connection.getRemoteAddr());
    }

    private UserLoginFailureModel count(RealmModel realm, String key) {
        return store().getUserLoginFailure(realm, key);
    }

    private UserLoginFailureModel countOrNew(RealmModel realm, String key) {
        UserLoginFailureModel count = count(realm, key);
        return count != null ? count : store().addUserLoginFailure(realm, key);
    }

    private UserLoginFailureProvider store() {
        return session.loginFailures();
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private long now() {
        return clock.getAsLong();
    }

    @Override
    public void close() {
    }
}
