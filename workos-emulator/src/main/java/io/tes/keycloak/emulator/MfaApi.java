package io.tes.keycloak.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * The second steps' own routes: {@code POST /user_management/users/{id}/email_verification/send},
 * {@code POST} and {@code GET /user_management/users/{id}/auth_factors} (enroll a TOTP factor, list factors) and
 * {@code POST /auth/factors/{id}/challenge}.
 */
final class MfaApi {

    /**
     * The factor's {@code totp.qr_code}: a data URL of a small placeholder PNG drawn here, not a scannable QR code
     * (tests and people use the secret or the {@code otpauth://} URI instead).
     */
    static final String QR_PLACEHOLDER = "data:image/png;base64," + placeholderPng();

    private final EmulatorState state;
    private final SecondSteps steps;

    MfaApi(EmulatorState state, SecondSteps steps) {
        this.state = state;
        this.steps = steps;
    }

    ApiResponse sendVerification(ApiRequest request) {
        String id = request.pathParams.get(0);
        Optional<Directory.User> user = state.directory.user(id);
        if (user.isEmpty()) {
            return EmulatorState.notFound("User", id);
        }
        steps.sendCode(user.get());
        return ApiResponse.json(200, Json.object("user", state.user(user.get())));
    }

    ApiResponse enroll(ApiRequest request) {
        String id = request.pathParams.get(0);
        Optional<Directory.User> user = state.directory.user(id);
        if (user.isEmpty()) {
            return EmulatorState.notFound("User", id);
        }
        if (!"totp".equals(request.param("type"))) {
            return Json.codeError(422, "invalid_request_parameters", "The emulator enrolls type totp only.");
        }
        String secret = request.param("totp_secret");
        if (secret != null && !secret.matches("[A-Za-z2-7= ]+")) {
            return Json.codeError(422, "invalid_request_parameters", "totp_secret must be base32.");
        }
        SecondSteps.Enrollment enrollment = steps.enroll(user.get(), request.param("totp_issuer"),
                request.param("totp_user"), secret);
        return ApiResponse.json(201, Json.object("authentication_factor", factor(enrollment.factor(), true),
                "authentication_challenge", challenge(enrollment.challenge())));
    }

    ApiResponse list(ApiRequest request) {
        String id = request.pathParams.get(0);
        if (state.directory.user(id).isEmpty()) {
            return EmulatorState.notFound("User", id);
        }
        List<Object> data = state.factors.of(id).stream().map(factor -> (Object) factor(factor, false)).toList();
        return ApiResponse.json(200, Json.object("object", "list", "data", data,
                "list_metadata", Json.object("before", null, "after", null)));
    }

    ApiResponse challenge(ApiRequest request) {
        String id = request.pathParams.get(0);
        return state.factors.factor(id)
                .map(factor -> ApiResponse.json(201, challenge(steps.challenge(factor))))
                .orElseGet(() -> EmulatorState.notFound("Authentication factor", id));
    }

    /** The authentication factor; its secret, URI and QR code only at enrollment, as WorkOS shows them once. */
    static Map<String, Object> factor(Factors.Factor factor, boolean withSecrets) {
        Map<String, Object> totp = Json.object("issuer", factor.issuer, "user", factor.user);
        if (withSecrets) {
            totp.put("secret", factor.secret);
            totp.put("qr_code", QR_PLACEHOLDER);
            totp.put("uri", uri(factor));
        }
        return Json.object("object", "authentication_factor", "id", factor.id, "type", "totp",
                "user_id", factor.userId, "totp", totp, "created_at", factor.createdAt.toString(),
                "updated_at", factor.createdAt.toString());
    }

    /** A TOTP challenge does not expire at WorkOS, so {@code expires_at} is null (the SDK's model allows it). */
    static Map<String, Object> challenge(Factors.Challenge challenge) {
        return Json.object("object", "authentication_challenge", "id", challenge.id(),
                "authentication_factor_id", challenge.factorId(), "expires_at", null,
                "created_at", challenge.createdAt().toString(), "updated_at", challenge.createdAt().toString());
    }

    static String uri(Factors.Factor factor) {
        String label = encode(factor.issuer) + ":" + encode(factor.user);
        return "otpauth://totp/" + label + "?secret=" + factor.secret + "&issuer=" + encode(factor.issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String placeholderPng() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY);
        for (int i = 0; i < 8; i++) {
            image.setRGB(i, i, 0xffffff);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
