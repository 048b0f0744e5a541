package io.tes.keycloak.workos.client;

import java.util.List;

/**
 * WorkOS's 403 for a sign-in that needs one more answer from the user before WorkOS signs them in: the emailed
 * verification code ({@code email_verification_required}), a first TOTP factor ({@code mfa_enrollment}) or the code
 * of the user's factor ({@code mfa_challenge}). Finished with the single-use pending token, which never leaves the
 * server.
 */
public final class SecondStepRequired extends WorkOsException {

    private static final long serialVersionUID = 1L;

    /** Which second step WorkOS asks for. */
    public enum Step {
        EMAIL_VERIFICATION("email_verification", "email_verification_required"),
        MFA_ENROLLMENT("mfa_enrollment", "mfa_enrollment"),
        MFA_CHALLENGE("mfa_challenge", "mfa_challenge");

        private final String code;
        private final String workosCode;

        Step(String code, String workosCode) {
            this.code = code;
            this.workosCode = workosCode;
        }

        /** The stable name, for events and notes. */
        public String code() {
            return code;
        }

        /** The step of WorkOS's error code ({@code email_verification_required}, {@code mfa_enrollment}, ...). */
        static Step ofWorkOsCode(String workosCode) {
            for (Step step : values()) {
                if (step.workosCode.equals(workosCode)) {
                    return step;
                }
            }
            throw new IllegalArgumentException("Not a WorkOS second step: " + workosCode);
        }
    }

    private final Step step;
    private final transient String pendingToken;
    private final transient WorkOsUser user;
    private final String email;
    private final transient List<String> factorIds;

    SecondStepRequired(Step step, WorkOsError error, String pendingToken, WorkOsUser user, String email,
            List<String> factorIds) {
        super(error, 403, "WorkOS requires " + step.code(), null);
        this.step = step;
        this.pendingToken = pendingToken;
        this.user = user;
        this.email = email;
        this.factorIds = List.copyOf(factorIds);
    }

    public Step step() {
        return step;
    }

    public String pendingToken() {
        return pendingToken;
    }

    /** The WorkOS user (WorkOS sends it with every second step; an answer without it is malformed). */
    public WorkOsUser user() {
        return user;
    }

    /** The email the step is about: WorkOS's {@code email}, else the user's. */
    public String email() {
        return email != null ? email : user.email();
    }

    /** For {@code mfa_challenge}: the ids of the user's factors. */
    public List<String> factorIds() {
        return factorIds;
    }
}
