package io.tes.keycloak.workos.client;

/**
 * A TOTP factor WorkOS just enrolled, with the challenge that finishes the sign-in: the base32 secret and the
 * {@code otpauth} URI the user's authenticator app takes (WorkOS's QR code encodes the URI). The secret is shown to
 * the user once and never logged.
 */
public record TotpEnrollment(String factorId, String challengeId, String secret, String uri) {

    @Override
    public String toString() {
        return "TotpEnrollment[factor=" + factorId + ", challenge=" + challengeId + "]";
    }
}
