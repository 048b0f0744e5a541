package io.tes.keycloak.workos.secondstep;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.tes.keycloak.workos.signin.HandOver;
import io.tes.keycloak.workos.signin.PendingSecondStep;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * The WorkOS code page ({@value #TEMPLATE}, shipped as theme resources so it works in any login theme): the emailed
 * verification code with "send a new code", the TOTP code of the user's factor, or a new factor's QR code and
 * secret followed by its first code. The pending token is not on the page; the secret is, only while enrolling.
 */
final class SecondStepPage {

    static final String TEMPLATE = "tes-workos-second-step.ftl";
    /** The code's form field. */
    static final String CODE = "code";
    private static final Logger LOG = Logger.getLogger(SecondStepPage.class);
    private static final int QR_SIZE = 246;

    private SecondStepPage() {
    }

    /** The page for the pending step; {@code error} on the code field and {@code info} above the form may be null. */
    static Response render(LoginFormsProvider form, PendingSecondStep pending, String error, String info) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("kind", pending.kind().name().toLowerCase(Locale.ROOT));
        step.put("email", pending.email());
        step.put("resendable", pending.kind() == HandOver.Kind.EMAIL_VERIFICATION);
        if (pending.kind() == HandOver.Kind.MFA_ENROLLMENT) {
            step.put("secret", grouped(pending.secret()));
            step.put("uri", pending.uri());
            String qrCode = qrCode(pending.uri());
            if (qrCode != null) {
                step.put("qrCode", qrCode);
            }
        }
        form.setAttribute("workosStep", step);
        if (error != null) {
            form.addError(new FormMessage(CODE, error));
        }
        if (info != null) {
            form.setInfo(info, pending.email());
        }
        return form.createForm(TEMPLATE);
    }

    /** The secret in groups of four, as authenticator apps show and users type it. */
    static String grouped(String secret) {
        if (secret == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(secret, i, Math.min(i + 4, secret.length()));
        }
        return out.toString();
    }

    /**
     * The QR code of the {@code otpauth} URI as an SVG data URL, encoded with the QR library every supported Keycloak
     * distribution ships (zxing's core; Keycloak's own PNG helper is not in 26.5); else null.
     */
    static String qrCode(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 0, 0);
            return "data:image/svg+xml;base64,"
                    + Base64.getEncoder().encodeToString(svg(matrix).getBytes(StandardCharsets.UTF_8));
        } catch (WriterException | IllegalArgumentException e) {
            LOG.debugf("No QR code for the new factor (%s); the page shows the secret only",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** The matrix (quiet zone included) as black squares on white, one path, each row's runs as rectangles. */
    static String svg(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && matrix.get(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y).append('h').append(x - start)
                        .append("v1h-").append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"" + QR_SIZE + "\" height=\"" + QR_SIZE + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
                + "\"/></svg>";
    }
}
