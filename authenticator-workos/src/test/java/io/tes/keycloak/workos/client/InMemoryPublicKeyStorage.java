package io.tes.keycloak.workos.client;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.common.crypto.CryptoProvider;
import org.keycloak.common.crypto.PemUtilsProvider;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.PublicKeysWrapper;
import org.keycloak.keys.PublicKeyLoader;
import org.keycloak.keys.PublicKeyStorageProvider;

/**
 * Keycloak's public key store as the verifier uses it: keys per model key, loaded again for an unknown key id, and a
 * loader failure wrapped in a RuntimeException as Infinispan's store does. No rate limit: Keycloak owns that.
 */
public final class InMemoryPublicKeyStorage implements PublicKeyStorageProvider {

    private static boolean cryptoInstalled;

    private final Map<String, PublicKeysWrapper> entries = new HashMap<>();

    /**
     * The server initialises Keycloak's crypto provider at boot; its JWK parser asks it for the x5c thumbprints of
     * WorkOS's keys. keycloak-crypto-default is not on the registry this build uses, so tests stand in for that one
     * call (the JDK's digest) and leave everything else unimplemented.
     */
    public static synchronized void installTestCrypto() {
        if (!CryptoIntegration.isInitialised()) {
            CryptoProvider crypto = mock(CryptoProvider.class);
            PemUtilsProvider pemUtils = mock(PemUtilsProvider.class, CALLS_REAL_METHODS);
            when(crypto.getPemUtils()).thenReturn(pemUtils);
            CryptoIntegration.setProvider(crypto);
            cryptoInstalled = true;
        }
    }

    public static synchronized void resetTestCrypto() {
        if (cryptoInstalled) {
            CryptoIntegration.setProvider(null);
            cryptoInstalled = false;
        }
    }
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
