package io.tes.keycloak.workos.signin;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwe.JWEKeyStorage;
import org.keycloak.models.KeyManager;
import org.keycloak.models.RealmModel;

/**
 * Secrets kept in Keycloak's session notes, which persistent sessions write to the database: sealed as a compact JWE
 * ({@code dir}, AES-GCM) with the realm's active {@code AES} encryption key, as Keycloak seals its own restart-login
 * cookie ({@code RestartLoginCookie}). The key id travels in the header, so a value stays readable after a key
 * rotation for as long as the old key is enabled. A value that cannot be opened (key gone, tampered, or written in the
 * clear before values were sealed) reads as absent; neither value nor cause is logged.
 */
final class SealedNotes {

    private static final Logger LOG = Logger.getLogger(SealedNotes.class);

    private SealedNotes() {
    }

    static String seal(KeyManager keys, RealmModel realm, String value) {
        KeyWrapper key = keys.getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        try {
            // The JWE class rather than TokenUtil's helpers: their byte[] forms exist from Keycloak 26.7 only, and
            // the pack runs on 26.5 too. Direct encryption with the AES key, GCM for its size, the key id in the header.
            JWE jwe = new JWE().header(new JWEHeader(JWEConstants.DIRECT, gcm(key.getSecretKey().getEncoded().length),
                    null, key.getKid())).content(value.getBytes(StandardCharsets.UTF_8));
            jwe.getKeyStorage().setCEKKey(key.getSecretKey(), JWEKeyStorage.KeyUse.ENCRYPTION);
            return jwe.encodeJwe();
        } catch (JWEException e) {
            // Only a key of a size AES does not take gets here: Keycloak's realm keys never have one.
            throw new IllegalStateException("The realm's AES key cannot seal a session note", e);
        }
    }

    static Optional<String> unseal(KeyManager keys, RealmModel realm, String sealed) {
        if (sealed == null || sealed.split("\\.", -1).length != 5) {
            return Optional.empty();
        }
        try {
            String kid = new JWE(sealed).getHeader().getKeyId();
            KeyWrapper key = kid == null ? null : keys.getKey(realm, kid, KeyUse.ENC, Algorithm.AES);
            if (key == null) {
                LOG.debug("A sealed session note names a key the realm no longer has; treated as absent");
                return Optional.empty();
            }
            JWE jwe = new JWE();
            jwe.getKeyStorage().setCEKKey(key.getSecretKey(), JWEKeyStorage.KeyUse.ENCRYPTION);
            jwe.verifyAndDecodeJwe(sealed);
            return Optional.of(new String(jwe.getContent(), StandardCharsets.UTF_8));
        } catch (JWEException | RuntimeException unreadable) {
            // Keycloak's JWE parser throws unchecked exceptions for malformed parts; the cause may quote them.
            LOG.debug("A sealed session note cannot be opened; treated as absent");
            return Optional.empty();
        }
    }

    private static String gcm(int keyLength) {
        switch (keyLength) {
            case 16:
                return JWEConstants.A128GCM;
            case 24:
                return JWEConstants.A192GCM;
            case 32:
                return JWEConstants.A256GCM;
            default:
                throw new IllegalStateException("The realm's AES key has a size AES does not take: " + keyLength);
        }
    }
}
