package io.tes.keycloak.workos.password;

import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.organization.contract.SelectionStep;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.secondstep.SecondStepForm;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.validation.Validation;

/**
 * Keycloak's own login page, with the email and password checked against WorkOS. A wrong password and an unknown
 * email give the same message; WorkOS being away shows the form again with a clear message and locks no one out.
 */
final class WorkOsPasswordForm extends AbstractUsernameFormAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (SecondStepForm.show(context)) {
            // The page was reloaded while WorkOS waits for a code.
            return;
        }
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        String loginHint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (loginHint != null) {
            formData.add(AuthenticationManager.FORM_USERNAME, loginHint);
        }
        context.challenge(context.form().setFormData(formData).createLoginUsernamePassword());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("cancel")) {
            context.cancelLogin();
            return;
        }
        if (SecondStepForm.posted(context)) {
            SecondStepForm.action(context, user -> signedIn(context, user), failure -> secondStepOver(context, failure));
            return;
        }
        String email = trimmed(form.getFirst(AuthenticationManager.FORM_USERNAME));
        String password = form.getFirst(CredentialRepresentation.PASSWORD);
        if (email == null || password == null || password.isEmpty()) {
            context.forceChallenge(challenge(context, "invalidUserMessage", AuthenticationManager.FORM_USERNAME));
            return;
        }
        UserModel existing = context.getSession().users().getUserByEmail(context.getRealm(), email);
        if (existing != null && !enabledUser(context, existing)) {
            return;
        }
        try {
            UserModel user = PasswordSignIn.run(context, email, password,
                    OrganizationRequest.hint(context.getAuthenticationSession()),
                    SelectionStep.inFlow(context.getRealm(), context.getTopLevelFlow().getId()), true);
            if (user != null) {
                signedIn(context, user);
            }
        } catch (WorkOsFailure failure) {
            if (failure.ssoConnection() != null && IdentityProviderRedirect.toSso(context, failure)) {
                return;
            }
            fail(context, form, failure);
        }
    }

    private void signedIn(AuthenticationFlowContext context, UserModel user) {
        if (!enabledUser(context, user)) {
            return;
        }
        context.setUser(user);
        context.success();
    }

    /**
     * The second step ended without a sign-in (already recorded): an expired step shows the login form again with
     * the message; anything else (the client's organization refused, ...) the error page.
     */
    private static void secondStepOver(AuthenticationFlowContext context, WorkOsFailure failure) {
        if (failure.flowError() == AuthenticationFlowError.EXPIRED_CODE) {
            context.challenge(context.form().setError(failure.messageKey()).createLoginUsernamePassword());
            return;
        }
        context.failure(failure.flowError(), context.form().setError(failure.messageKey())
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    private void fail(AuthenticationFlowContext context, MultivaluedMap<String, String> form, WorkOsFailure failure) {
        failure.report(context.getEvent());
        if (failure.throttled() != null) {
            // As Keycloak answers a user its detector locked: the message on the email field, nothing counted.
            context.forceChallenge(context.form().setFormData(emailOnly(form))
                    .addError(new FormMessage(Validation.FIELD_USERNAME, failure.messageKey()))
                    .createLoginUsernamePassword());
            return;
        }
        if (failure.retryable()) {
            Response page = context.form().setFormData(emailOnly(form)).setError(failure.messageKey())
                    .createLoginUsernamePassword();
            if (failure.flowError() == AuthenticationFlowError.INVALID_CREDENTIALS) {
                context.failureChallenge(failure.flowError(), page);
            } else {
                context.challenge(page);
            }
            return;
        }
        context.failure(failure.flowError(), context.form().setError(failure.messageKey())
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    private static MultivaluedMap<String, String> emailOnly(MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> keep = new MultivaluedHashMap<>();
        keep.putSingle(AuthenticationManager.FORM_USERNAME, form.getFirst(AuthenticationManager.FORM_USERNAME));
        return keep;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
