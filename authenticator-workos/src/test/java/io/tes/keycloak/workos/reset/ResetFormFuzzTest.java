package io.tes.keycloak.workos.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz test of the set-new-password form as posted: any fields, repeated or missing, any cookie. The verdict is
 * worked out here independently: the form counts only when the posted state equals the cookie exactly (the
 * double-submit check) and a token is there; then the password must be there and typed twice alike. Nothing but a
 * verdict comes out.
 */
class ResetFormFuzzTest {

    private static final String[] FIELDS = {PasswordResetPage.TOKEN, ResetCsrf.FIELD, PasswordResetPage.PASSWORD,
        PasswordResetPage.CONFIRM, "other"};

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void posted(FuzzedDataProvider data) {
        String cookie = data.consumeBoolean() ? null : data.consumeString(40);
        MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
        int fields = data.consumeInt(0, 8);
        for (int i = 0; i < fields; i++) {
            String field = FIELDS[data.consumeInt(0, FIELDS.length - 1)];
            // The page's own state most of the time, so the checks after it are reached.
            String value = field.equals(ResetCsrf.FIELD) && cookie != null && data.consumeBoolean() ? cookie
                    : data.consumeString(40);
            posted.add(field, value);
        }

        ResetForm form = ResetForm.of(posted);

        assertThat(form.token()).isEqualTo(posted.getFirst(PasswordResetPage.TOKEN));
        assertThat(form.state()).isEqualTo(posted.getFirst(ResetCsrf.FIELD));
        assertThat(form.check(cookie)).isEqualTo(expected(cookie, form));
    }

    /**
     * The CSRF check alone: any two strings match exactly when they are equal and not empty. Its first finding, a
     * non-ASCII cookie matched by a posted {@code ?}, is kept under {@code ResetFormFuzzTestInputs/doubleSubmit/}.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void doubleSubmit(FuzzedDataProvider data) {
        String cookie = data.consumeBoolean() ? null : data.consumeString(40);
        String posted = data.consumeBoolean() ? null : data.consumeRemainingAsString();

        assertThat(ResetCsrf.matches(cookie, posted)).as("cookie %s, posted %s", cookie, posted)
                .isEqualTo(cookie != null && posted != null && !posted.isEmpty() && cookie.equals(posted));
    }

    private static ResetForm.Verdict expected(String cookie, ResetForm form) {
        String state = form.state();
        boolean sameState = cookie != null && state != null && !state.isEmpty() && cookie.equals(state);
        if (!sameState || form.token() == null || form.token().isBlank()) {
            return ResetForm.Verdict.EXPIRED;
        }
        if (form.password() == null || form.password().isBlank()) {
            return ResetForm.Verdict.PASSWORD_MISSING;
        }
        return form.password().equals(form.confirm()) ? ResetForm.Verdict.COMPLETE
                : ResetForm.Verdict.CONFIRMATION_DIFFERS;
    }
}
