package io.tes.keycloak.workos.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeyManager;

/**
 * A realm's {@code AES} encryption keys as Keycloak's {@link KeyManager} serves them: one active key, older keys
 * found by id while they are kept, removed keys not found.
 */
public final class FakeRealmKeys {

    public final KeyManager manager = mock(KeyManager.class);
    private final Map<String, KeyWrapper> byId = new HashMap<>();
    private KeyWrapper active;

    public FakeRealmKeys() {
        when(manager.getActiveKey(any(), eq(KeyUse.ENC), eq(Algorithm.AES))).thenAnswer(call -> active);
        when(manager.getKey(any(), any(), eq(KeyUse.ENC), eq(Algorithm.AES)))
                .thenAnswer(call -> byId.get(call.<String>getArgument(1)));
        rotate("aes-1", 16);
    }

    /** A new active key of that size in bytes; the previous one stays, passive. */
    public FakeRealmKeys rotate(String kid, int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        KeyWrapper key = new KeyWrapper();
        key.setKid(kid);
        key.setAlgorithm(Algorithm.AES);
        key.setUse(KeyUse.ENC);
        key.setType(KeyType.OCT);
        key.setStatus(KeyStatus.ACTIVE);
        key.setSecretKey(new SecretKeySpec(secret, "AES"));
        if (active != null) {
            active.setStatus(KeyStatus.PASSIVE);
        }
        active = key;
        byId.put(kid, key);
        return this;
    }

    /** The key with that id is deleted from the realm. */
    public FakeRealmKeys remove(String kid) {
        byId.remove(kid);
        return this;
    }
}
