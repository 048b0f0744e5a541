package io.tes.keycloak.workos.throttle;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserLoginFailureProvider;

/** Keycloak's login-failure store as one node sees it, in a map: what the throttle reads and writes. */
final class InMemoryLoginFailures implements UserLoginFailureProvider {

    /** Keyed by realm id and the store's key. */
    final Map<String, Count> counts = new LinkedHashMap<>();

    /** One count with the fields Keycloak's entity has. */
    static final class Count implements UserLoginFailureModel {
        private final String key;
        int notBefore;
        int failures;
        int temporaryLockouts;
        long lastFailure;

        Count(String key) {
            this.key = key;
        }

        @Override
        public String getId() {
            return key;
        }

        @Override
        public String getUserId() {
            return key;
        }

        @Override
        public int getFailedLoginNotBefore() {
            return notBefore;
        }

        @Override
        public void setFailedLoginNotBefore(int notBefore) {
            this.notBefore = notBefore;
        }

        @Override
        public int getNumFailures() {
            return failures;
        }

        @Override
        public void incrementFailures() {
            failures++;
        }

        @Override
        public int getNumTemporaryLockouts() {
            return temporaryLockouts;
        }

        @Override
        public void incrementTemporaryLockouts() {
            temporaryLockouts++;
        }

        @Override
        public void clearFailures() {
            notBefore = 0;
            failures = 0;
            temporaryLockouts = 0;
            lastFailure = 0;
        }

        @Override
        public long getLastFailure() {
            return lastFailure;
        }

        @Override
        public void setLastFailure(long lastFailure) {
            this.lastFailure = lastFailure;
        }

        @Override
        public String getLastIPFailure() {
            return null;
        }

        @Override
        public void setLastIPFailure(String ip) {
            throw new AssertionError("the throttle keeps no address");
        }

        @Override
        public int getNumSecondaryAuthFailures() {
            return 0;
        }

        @Override
        public void incrementSecondaryAuthFailures() {
        }

        @Override
        public void clearPrimaryAndSecondaryAuthFailures() {
            clearFailures();
        }
    }

    @Override
    public Count getUserLoginFailure(RealmModel realm, String userId) {
        return counts.get(realm.getId() + "/" + userId);
    }

    @Override
    public Count addUserLoginFailure(RealmModel realm, String userId) {
        return counts.computeIfAbsent(realm.getId() + "/" + userId, Count::new);
    }

    @Override
    public void removeUserLoginFailure(RealmModel realm, String userId) {
        counts.remove(realm.getId() + "/" + userId);
    }

    @Override
    public void removeAllUserLoginFailures(RealmModel realm) {
        counts.keySet().removeIf(key -> key.startsWith(realm.getId() + "/"));
    }

    @Override
    public void close() {
    }
}
