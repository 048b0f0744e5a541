package io.tes.keycloak.workos.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tes.keycloak.workos.testing.FakeRealmKeys;
import io.tes.keycloak.workos.testing.TestCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

@DisplayName("SealedNotes")
class SealedNotesTest {

    private static final String SECRET = "rt_refresh_token_of_the_browser_session";

    private final RealmModel realm = mock(RealmModel.class);
    private final FakeRealmKeys keys = new FakeRealmKeys();

    @BeforeAll
    static void crypto() throws Exception {
        TestCrypto.install();
    }

    @AfterAll
    static void noCrypto() {
        TestCrypto.uninstall();
    }

    @Nested
    @DisplayName("Given the realm's active AES key")
    class ActiveKey {

        @Test
        @DisplayName("then a sealed value opens to the same value and shows nothing of it")
        void roundTrip() {
            String sealed = SealedNotes.seal(keys.manager, realm, SECRET);

            assertThat(sealed).doesNotContain(SECRET).doesNotContain("refresh").hasLineCount(1);
            assertThat(sealed.split("\\.", -1)).hasSize(5);
            assertThat(SealedNotes.unseal(keys.manager, realm, sealed)).contains(SECRET);
        }

        @Test
        @DisplayName("then the same value sealed twice reads differently (fresh IV)")
        void freshIv() {
            assertThat(SealedNotes.seal(keys.manager, realm, SECRET))
                    .isNotEqualTo(SealedNotes.seal(keys.manager, realm, SECRET));
        }

        @Test
        @DisplayName("when the realm's key is 256 bits then the round trip works too")
        void longKey() {
            keys.rotate("aes-256", 32);

            assertThat(SealedNotes.unseal(keys.manager, realm, SealedNotes.seal(keys.manager, realm, SECRET)))
                    .contains(SECRET);
        }
    }

    @Nested
    @DisplayName("Given a rotated key")
    class Rotation {

        @Test
        @DisplayName("when the old key is still kept then a value sealed with it still opens")
        void oldKeyKept() {
            String sealed = SealedNotes.seal(keys.manager, realm, SECRET);

            keys.rotate("aes-2", 16);

            assertThat(SealedNotes.unseal(keys.manager, realm, sealed)).contains(SECRET);
        }

        @Test
        @DisplayName("when the old key is removed then the value reads as absent")
        void oldKeyRemoved() {
            String sealed = SealedNotes.seal(keys.manager, realm, SECRET);

            keys.rotate("aes-2", 16).remove("aes-1");

            assertThat(SealedNotes.unseal(keys.manager, realm, sealed)).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given a value that is not a sealed note of this realm")
    class Unreadable {

        @Test
        @DisplayName("when it was written in the clear (before sealing) then it reads as absent")
        void clearText() {
            assertThat(SealedNotes.unseal(keys.manager, realm, SECRET)).isEmpty();
            assertThat(SealedNotes.unseal(keys.manager, realm, null)).isEmpty();
            assertThat(SealedNotes.unseal(keys.manager, realm, "a.b.c.d.e")).isEmpty();
        }

        @Test
        @DisplayName("when a byte of it was changed then it reads as absent")
        void tampered() {
            String sealed = SealedNotes.seal(keys.manager, realm, SECRET);
            String[] parts = sealed.split("\\.", -1);
            char first = parts[3].charAt(0);
            parts[3] = (first == 'A' ? 'B' : 'A') + parts[3].substring(1);

            assertThat(SealedNotes.unseal(keys.manager, realm, String.join(".", parts))).isEmpty();
        }

        @Test
        @DisplayName("when another realm's key (same key id) sealed it then it reads as absent")
        void otherKey() {
            String sealed = SealedNotes.seal(new FakeRealmKeys().manager, realm, SECRET);

            assertThat(SealedNotes.unseal(keys.manager, realm, sealed)).isEmpty();
        }
    }
}
