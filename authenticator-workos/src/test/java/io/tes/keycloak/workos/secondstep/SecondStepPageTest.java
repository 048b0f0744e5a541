package io.tes.keycloak.workos.secondstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The WorkOS code page")
class SecondStepPageTest {

    private static final String URI = "otpauth://totp/TES:erin%40mfa.test?secret=JBSWY3DPEHPK3PXP&issuer=TES";
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");
    private static final int SCALE = 4;

    @Nested
    @DisplayName("Given a new TOTP factor's otpauth URI")
    class QrCode {

        @Test
        @DisplayName("then the QR code drawn as SVG reads back as that URI")
        void readsBack() throws Exception {
            String dataUrl = SecondStepPage.qrCode(URI);
            assertThat(dataUrl).startsWith("data:image/svg+xml;base64,");
            String svg = new String(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)),
                    StandardCharsets.UTF_8);

            assertThat(decode(svg)).isEqualTo(URI);
        }

        @Test
        @DisplayName("then no URI draws no QR code")
        void none() {
            assertThat(SecondStepPage.qrCode(null)).isNull();
        }
    }

    @Test
    @DisplayName("Given a base32 secret then it is shown in groups of four")
    void groupedSecret() {
        assertThat(SecondStepPage.grouped("JBSWY3DPEHPK3PXP")).isEqualTo("JBSW Y3DP EHPK 3PXP");
        assertThat(SecondStepPage.grouped("ABCDEF")).isEqualTo("ABCD EF");
        assertThat(SecondStepPage.grouped(null)).isNull();
    }

    @Test
    @DisplayName("Given a typed code then spaces are dropped and an empty one is none")
    void typedCode() {
        assertThat(SecondStepForm.code(" 123 456 ")).isEqualTo("123456");
        assertThat(SecondStepForm.code("  ")).isNull();
        assertThat(SecondStepForm.code(null)).isNull();
    }

    /** Paints the SVG's runs into pixels and reads them with zxing's QR reader. */
    private static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int width = Integer.parseInt(box.group(1)) * SCALE;
        int height = Integer.parseInt(box.group(2)) * SCALE;
        int[] pixels = new int[width * height];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher run = RUN.matcher(svg);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int y = y0 * SCALE; y < (y0 + 1) * SCALE; y++) {
                for (int x = x0 * SCALE; x < (x0 + length) * SCALE; x++) {
                    pixels[y * width + x] = 0;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
