package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("TOTP (RFC 6238, HMAC-SHA1) and base32")
class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed: the ASCII bytes of "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Nested
    @DisplayName("Given the RFC 6238 appendix B test vectors for SHA-1")
    class Rfc {

        @ParameterizedTest(name = "T = {0} s gives {1}")
        @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
                "2000000000, 69279037", "20000000000, 65353130"})
        @DisplayName("then the 8-digit codes are the RFC's")
        void eightDigits(long seconds, String expected) {
            assertThat(Totp.codeAtStep(RFC_SEED, Totp.step(Instant.ofEpochSecond(seconds)), 8)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "T = {0} s gives {1}")
        @CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924", "20000000000, 353130"})
        @DisplayName("then the public 6-digit code of the base32 seed is the RFC value's last six digits")
        void sixDigitsFromBase32(long seconds, String expected) {
            String secret = Totp.base32Encode(RFC_SEED);

            assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
            assertThat(Totp.code(secret, Instant.ofEpochSecond(seconds))).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Given a secret and a time")
    class Matching {

        private final String secret = "JBSWY3DPEHPK3PXP";
        private final Instant now = Instant.ofEpochSecond(1_700_000_015L);

        @Test
        @DisplayName("then the codes of the step before and after match, two steps away do not")
        void window() {
            long step = Totp.step(now);
            for (int offset : new int[] {-30, 0, 30}) {
                String code = Totp.code(secret, now.plusSeconds(offset));
                assertThat(Totp.matchingStep(secret, code, now, Set.of())).hasValue(step + offset / 30);
            }
            assertThat(Totp.matchingStep(secret, Totp.code(secret, now.plusSeconds(60)), now, Set.of())).isEmpty();
            assertThat(Totp.matchingStep(secret, Totp.code(secret, now.minusSeconds(60)), now, Set.of())).isEmpty();
        }

        @Test
        @DisplayName("then a used step no longer matches, and malformed codes never do")
        void usedAndMalformed() {
            String code = Totp.code(secret, now);

            assertThat(Totp.matchingStep(secret, code, now, Set.of(Totp.step(now)))).isEmpty();
            assertThat(Totp.matchingStep(secret, "12345", now, Set.of())).isEmpty();
            assertThat(Totp.matchingStep(secret, null, now, Set.of())).isEmpty();
        }
    }

    @Test
    @DisplayName("Given base32 then it round-trips, ignores case, spaces and padding, and refuses other characters")
    void base32() {
        byte[] random = Totp.base32Decode(Totp.randomSecret());

        assertThat(Totp.base32Decode(Totp.base32Encode(random))).isEqualTo(random);
        assertThat(Totp.randomSecret()).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32Decode("jbsw y3dp ehpk 3pxp====")).isEqualTo(Totp.base32Decode("JBSWY3DPEHPK3PXP"));
        assertThat(Totp.base32Decode("JBSWY3DPEHPK3PXP")).containsExactly('H', 'e', 'l', 'l', 'o', '!', 0xde, 0xad,
                0xbe, 0xef);
        assertThatThrownBy(() -> Totp.base32Decode("NOT-BASE32!")).isInstanceOf(IllegalArgumentException.class);
    }
}
