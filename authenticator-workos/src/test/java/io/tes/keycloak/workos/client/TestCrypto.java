package io.tes.keycloak.workos.client;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.common.crypto.CryptoProvider;
import org.keycloak.common.crypto.PemUtilsProvider;

/**
 * The server initialises Keycloak's crypto provider at boot; its JWK parser asks it for the x5c thumbprints of
 * WorkOS's keys. keycloak-crypto-default is not on the registry this build uses, so tests that load WorkOS's JWKS
 * stand in for that one call (the JDK's digest) and leave everything else unimplemented.
 */
public final class TestCrypto {

    private static boolean installed;

    private TestCrypto() {
    }

    /** Installs the stand-in unless a provider is there already; call from {@code @BeforeAll}. */
    public static synchronized void install() {
        if (!CryptoIntegration.isInitialised()) {
            CryptoProvider crypto = mock(CryptoProvider.class);
            PemUtilsProvider pemUtils = mock(PemUtilsProvider.class, CALLS_REAL_METHODS);
            when(crypto.getPemUtils()).thenReturn(pemUtils);
            CryptoIntegration.setProvider(crypto);
            installed = true;
        }
    }

    /** Removes the stand-in if {@link #install()} put it there; call from {@code @AfterAll}. */
    public static synchronized void uninstall() {
        if (installed) {
            CryptoIntegration.setProvider(null);
            installed = false;
        }
    }
}
