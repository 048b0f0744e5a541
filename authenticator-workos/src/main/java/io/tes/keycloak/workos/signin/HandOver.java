package io.tes.keycloak.workos.signin;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.workos.client.SecondStepRequired;
import io.tes.keycloak.workos.client.WorkOsUser;

/**
 * WorkOS wants one more answer from the user before it signs them in; a later page or step gives it with the
 * single-use pending token, which never leaves the server: the organization ({@link PendingSelection}, answered by
 * the "Organization selection" step) or a second step, the emailed code or a TOTP code ({@link PendingSecondStep},
 * answered on the WorkOS code page).
 */
public record HandOver(Kind kind, String pendingToken, WorkOsUser user, List<Organization> organizations,
        String email, List<String> factorIds) {

    /** What WorkOS waits for. */
    public enum Kind {
        /** {@code organization_selection_required}: the organization, among {@link #organizations()}. */
        ORGANIZATION_SELECTION,
        /** {@code email_verification_required}: the code WorkOS emailed to {@link #email()}. */
        EMAIL_VERIFICATION,
        /** {@code mfa_enrollment}: a first TOTP factor, then its code. */
        MFA_ENROLLMENT,
        /** {@code mfa_challenge}: the code of one of {@link #factorIds()}. */
        MFA_CHALLENGE;

        public boolean secondStep() {
            return this != ORGANIZATION_SELECTION;
        }

        static Kind of(SecondStepRequired.Step step) {
            switch (step) {
                case EMAIL_VERIFICATION:
                    return EMAIL_VERIFICATION;
                case MFA_ENROLLMENT:
                    return MFA_ENROLLMENT;
                default:
                    return MFA_CHALLENGE;
            }
        }
    }

    public HandOver {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
        factorIds = factorIds == null ? List.of() : List.copyOf(factorIds);
    }

    /** An organization selection. */
    public HandOver(Kind kind, String pendingToken, WorkOsUser user, List<Organization> organizations) {
        this(kind, pendingToken, user, organizations, user == null ? null : user.email(), List.of());
    }

    static HandOver secondStep(SecondStepRequired required) {
        return new HandOver(Kind.of(required.step()), required.pendingToken(), required.user(), List.of(),
                required.email(), required.factorIds());
    }

    @Override
    public String toString() {
        return "HandOver[" + kind + ", user=" + (user == null ? null : user.id()) + ", organizations="
                + organizations.size() + "]";
    }
}
