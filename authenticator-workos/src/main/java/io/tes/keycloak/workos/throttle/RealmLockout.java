package io.tes.keycloak.workos.throttle;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.representations.idm.RealmRepresentation.BruteForceStrategy;

/**
 * The realm's brute-force rule applied to a count that has no Keycloak user, computed as Keycloak's
 * {@code DefaultBruteForceProtector.failure} computes it for a user: failure factor, wait increment (linear or
 * multiple strategy), maximum wait, quick-login check, and the count forgotten after the realm's maximum delta.
 * Keycloak's permanent lockout disables a user; a count with no user to disable gets the temporary waits instead.
 */
final class RealmLockout {

    private RealmLockout() {
    }

    static boolean locked(UserLoginFailureModel count, long nowMillis) {
        return count != null && nowMillis / 1000 < count.getFailedLoginNotBefore();
    }

    static void failed(RealmModel realm, UserLoginFailureModel count, long nowMillis) {
        long last = count.getLastFailure();
        long sinceLast = last > 0 ? nowMillis - last : 0;
        if (sinceLast > realm.getMaxDeltaTimeSeconds() * 1000L) {
            count.clearFailures();
        }
        count.setLastFailure(nowMillis);
        count.incrementFailures();
        int failures = count.getNumFailures();
        int factor = Math.max(1, realm.getFailureFactor());
        long waitSeconds = BruteForceStrategy.MULTIPLE.equals(realm.getBruteForceStrategy())
                ? realm.getWaitIncrementSeconds() * (long) (failures / factor)
                : realm.getWaitIncrementSeconds() * (1L + failures - factor);
        boolean quickLogin = false;
        if (waitSeconds <= 0 && last > 0 && sinceLast < realm.getQuickLoginCheckMilliSeconds()) {
            waitSeconds = realm.getMinimumQuickLoginWaitSeconds();
            quickLogin = true;
        }
        if (waitSeconds <= 0) {
            return;
        }
        waitSeconds = Math.min(realm.getMaxFailureWaitSeconds(), waitSeconds);
        if (!quickLogin) {
            count.incrementTemporaryLockouts();
        }
        count.setFailedLoginNotBefore((int) Math.min(Integer.MAX_VALUE, nowMillis / 1000 + waitSeconds));
    }
}
