package io.tes.keycloak.workos.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.PublicKeysWrapper;
import org.keycloak.keys.PublicKeyLoader;
import org.keycloak.keys.PublicKeyStorageProvider;

/**
 * Keycloak's public key store as the verifier uses it: keys per model key, loaded again for an unknown key id, and a
 * loader failure wrapped in a RuntimeException as Infinispan's store does. No rate limit: Keycloak owns that.
 */
public final class InMemoryPublicKeyStorage implements PublicKeyStorageProvider {

    private final Map<String, PublicKeysWrapper> entries = new HashMap<>();
    final List<String> loadedModelKeys = new ArrayList<>();

    @Override
    public KeyWrapper getPublicKey(String modelKey, String kid, String algorithm, PublicKeyLoader loader) {
        PublicKeysWrapper known = entries.get(modelKey);
        if (known != null && known.getKeyByKidAndAlg(kid, algorithm) != null) {
            return known.getKeyByKidAndAlg(kid, algorithm);
        }
        try {
            PublicKeysWrapper loaded = loader.loadKeys();
            loadedModelKeys.add(modelKey);
            entries.put(modelKey, loaded);
            return loaded.getKeyByKidAndAlg(kid, algorithm);
        } catch (Exception e) {
            throw new RuntimeException("Error when loading public keys: " + e.getMessage(), e);
        }
    }

    @Override
    public KeyWrapper getFirstPublicKey(String modelKey, String algorithm, PublicKeyLoader loader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyWrapper getFirstPublicKey(String modelKey, Predicate<KeyWrapper> predicate, PublicKeyLoader loader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<KeyWrapper> getKeys(String modelKey, PublicKeyLoader loader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean reloadKeys(String modelKey, PublicKeyLoader loader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
