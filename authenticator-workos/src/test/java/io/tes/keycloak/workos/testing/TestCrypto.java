package io.tes.keycloak.workos.testing;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import javax.crypto.Cipher;

import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.common.crypto.CryptoProvider;
import org.keycloak.common.crypto.PemUtilsProvider;

/**
 * Keycloak's crypto provider as far as the module's unit tests need it: PEM utilities (the JDK's digest, for WorkOS's
 * keys) and the AES-GCM cipher (for sealed session notes). keycloak-crypto-default is not on the registry this build
 * uses; everything else stays unimplemented.
 */
public final class TestCrypto {

    private static boolean installed;

    private TestCrypto() {
    }

    /** Installs the stand-in unless a provider is there already. */
    public static synchronized void install() throws Exception {
        if (CryptoIntegration.isInitialised()) {
            return;
        }
        CryptoProvider crypto = mock(CryptoProvider.class);
        PemUtilsProvider pemUtils = mock(PemUtilsProvider.class, CALLS_REAL_METHODS);
        when(crypto.getPemUtils()).thenReturn(pemUtils);
        when(crypto.getAesGcmCipher()).thenAnswer(call -> Cipher.getInstance("AES/GCM/NoPadding"));
        CryptoIntegration.setProvider(crypto);
        installed = true;
    }

    /** Removes the stand-in if {@link #install} put it there. */
    public static synchronized void uninstall() {
        if (installed) {
            CryptoIntegration.setProvider(null);
            installed = false;
        }
    }
}
