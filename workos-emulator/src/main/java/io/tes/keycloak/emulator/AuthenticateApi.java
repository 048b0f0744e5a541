package io.tes.keycloak.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /user_management/authenticate} with its four grants, including the organization-selection step for
 * users with several memberships.
 */
final class AuthenticateApi {

    static final String ORGANIZATION_SELECTION_GRANT = "urn:workos:oauth:grant-type:organization-selection";
    static final String EMAIL_VERIFICATION_GRANT = "urn:workos:oauth:grant-type:email-verification:code";
    static final String MFA_TOTP_GRANT = "urn:workos:oauth:grant-type:mfa-totp";
    private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

    private final EmulatorState state;
    private final SecondSteps steps;

    AuthenticateApi(EmulatorState state, SecondSteps steps) {
        this.state = state;
        this.steps = steps;
    }

    ApiResponse handle(ApiRequest request) {
        if (!state.clientId.equals(request.param("client_id"))
                || !state.apiKey.equals(request.param("client_secret"))) {
            return Json.oauthError(401, "invalid_client", "Invalid client ID or client secret.");
        }
        String grantType = request.param("grant_type");
        if (grantType == null) {
            return Json.oauthError(400, "invalid_request", "grant_type is required.");
        }
        switch (grantType) {
            case "authorization_code":
                return authorizationCode(request);
            case "password":
                return password(request);
            case "refresh_token":
                return refreshToken(request);
            case ORGANIZATION_SELECTION_GRANT:
                return organizationSelection(request);
            case EMAIL_VERIFICATION_GRANT:
                return next(steps.verifyEmail(request.param("pending_authentication_token"), request.param("code")));
            case MFA_TOTP_GRANT:
                return next(steps.verifyTotp(request.param("pending_authentication_token"),
                        request.param("authentication_challenge_id"), request.param("code")));
            default:
                return Json.oauthError(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        }
    }

    private ApiResponse authorizationCode(ApiRequest request) {
        Optional<Grants.AuthorizationCode> code = state.grants.redeemCode(request.param("code"));
        if (code.isEmpty()) {
            return Json.oauthError(400, "invalid_grant", "The code is invalid, expired or already used.");
        }
        if (code.get().codeChallenge() != null
                && !code.get().codeChallenge().equals(s256(request.param("code_verifier")))) {
            return Json.oauthError(400, "invalid_grant", "The code_verifier does not match the code_challenge.");
        }
        Directory.User user = state.directory.user(code.get().userId()).orElseThrow();
        return complete(user, code.get().organizationId(), "Password", code.get().browser());
    }

    private ApiResponse password(ApiRequest request) {
        Optional<Directory.User> user = state.directory.userByEmail(request.param("email"))
                .filter(candidate -> candidate.password.equals(request.param("password")));
        if (user.isEmpty()) {
            return Json.codeError(400, "invalid_credentials", "Invalid credentials.");
        }
        if (user.get().ssoConnectionId != null) {
            return Json.oauthError(403, "sso_required", "User must authenticate using one of the matching connections.",
                    "email", user.get().email, "connection_ids", List.of(user.get().ssoConnectionId),
                    "pending_authentication_token", state.grants.issuePending(user.get().id, Grants.Stage.SSO,
                            List.of(), "SSO"));
        }
        return next(new SecondSteps.Outcome(steps.afterFirstFactor(user.get(), "Password"), null, null));
    }

    /** Answers a second step's outcome: a refusal, the next step's 403, or the organization step and tokens. */
    private ApiResponse next(SecondSteps.Outcome outcome) {
        if (outcome.refused()) {
            return Json.codeError(400, outcome.code(), outcome.message());
        }
        SecondSteps.Next next = outcome.next();
        Map<String, Object> user = state.user(next.user());
        if (next instanceof SecondSteps.VerifyEmail verify) {
            return Json.codeError(403, "email_verification_required",
                    "Email ownership must be verified before authentication.",
                    "pending_authentication_token", verify.pendingToken(), "email", verify.user().email,
                    "email_verification_id", verify.code().id(), "user", user);
        }
        if (next instanceof SecondSteps.EnrollMfa enroll) {
            return Json.codeError(403, "mfa_enrollment", "The user must enroll in MFA to finish authenticating.",
                    "pending_authentication_token", enroll.pendingToken(), "user", user);
        }
        if (next instanceof SecondSteps.ChallengeMfa challenge) {
            List<Object> factors = challenge.factors().stream()
                    .map(factor -> (Object) Json.object("id", factor.id, "type", "totp")).toList();
            return Json.codeError(403, "mfa_challenge", "The user must complete an MFA challenge to finish "
                    + "authenticating.", "pending_authentication_token", challenge.pendingToken(),
                    "authentication_factors", factors, "user", user);
        }
        SecondSteps.Done done = (SecondSteps.Done) next;
        return complete(done.user(), null, done.authenticationMethod(), null);
    }

    private ApiResponse refreshToken(ApiRequest request) {
        String refreshToken = request.param("refresh_token");
        Optional<Grants.Session> session = state.grants.peekRefreshToken(refreshToken);
        if (session.isEmpty()) {
            return Json.oauthError(400, "invalid_grant", "The refresh token is invalid, expired or already used.");
        }
        Grants.Session current = session.get();
        String organizationId = request.param("organization_id");
        if (organizationId != null && !organizationId.equals(current.organizationId())) {
            if (state.directory.membership(current.userId(), organizationId).isEmpty()) {
                return Json.oauthError(400, "invalid_grant", "The user is not a member of the organization.");
            }
            current = state.grants.switchOrganization(current, organizationId);
        }
        if (!state.grants.consumeRefreshToken(refreshToken)) {
            return Json.oauthError(400, "invalid_grant", "The refresh token is invalid, expired or already used.");
        }
        return tokens(state.directory.user(current.userId()).orElseThrow(), current);
    }

    private ApiResponse organizationSelection(ApiRequest request) {
        String token = request.param("pending_authentication_token");
        Optional<Grants.Pending> pending = state.grants.peekPending(token, Grants.Stage.ORGANIZATION_SELECTION);
        if (pending.isEmpty()) {
            return Json.oauthError(400, "invalid_grant", "The pending authentication token is invalid or expired.");
        }
        String organizationId = request.param("organization_id");
        if (organizationId == null || !pending.get().organizationIds().contains(organizationId)) {
            return Json.oauthError(400, "invalid_grant", "The user is not a member of the organization.");
        }
        if (!state.grants.consumePending(token)) {
            return Json.oauthError(400, "invalid_grant", "The pending authentication token is invalid or expired.");
        }
        Directory.User user = state.directory.user(pending.get().userId()).orElseThrow();
        Grants.Session session = state.grants.openSession(user.id, organizationId,
                pending.get().authenticationMethod(), pending.get().browser());
        signedIn(user);
        return tokens(user, session);
    }

    /** Finishes a first-factor success: picks the organization or asks for one, then opens a session. */
    private ApiResponse complete(Directory.User user, String requestedOrganization, String method, String browser) {
        List<Directory.Membership> memberships = state.directory.membershipsOf(user.id);
        String organizationId = requestedOrganization;
        if (organizationId == null && memberships.size() > 1) {
            List<String> ids = memberships.stream().map(Directory.Membership::organizationId).toList();
            List<Object> organizations = memberships.stream()
                    .map(m -> (Object) Json.object("id", m.organizationId(), "name",
                            state.directory.organization(m.organizationId()).map(Directory.Organization::name)
                                    .orElse(m.organizationId())))
                    .toList();
            return Json.codeError(403, "organization_selection_required",
                    "The user must choose an organization to finish their authentication.",
                    "pending_authentication_token", state.grants.issuePending(user.id,
                            Grants.Stage.ORGANIZATION_SELECTION, ids, method, browser),
                    "organizations", organizations, "user", state.user(user));
        }
        if (organizationId == null && memberships.size() == 1) {
            organizationId = memberships.get(0).organizationId();
        }
        Grants.Session session = state.grants.openSession(user.id, organizationId, method, browser);
        signedIn(user);
        return tokens(user, session);
    }

    private void signedIn(Directory.User user) {
        synchronized (state.directory) {
            user.lastSignInAt = state.clock.now();
        }
    }

    private ApiResponse tokens(Directory.User user, Grants.Session session) {
        Map<String, Object> body = Json.object("user", state.user(user));
        if (session.organizationId() != null) {
            body.put("organization_id", session.organizationId());
        }
        body.put("access_token", accessToken(user, session));
        body.put("refresh_token", state.grants.issueRefreshToken(session));
        body.put("authentication_method", session.authenticationMethod());
        body.put("impersonator", null);
        return ApiResponse.json(200, body);
    }

    private String accessToken(Directory.User user, Grants.Session session) {
        Instant now = state.clock.now();
        Map<String, Object> claims = Json.object("iss", state.issuer(), "sub", user.id, "sid", session.id(),
                "jti", Grants.randomToken("jti_"), "iat", now.getEpochSecond(),
                "exp", now.plus(ACCESS_TOKEN_TTL).getEpochSecond());
        if (session.organizationId() != null) {
            List<String> roles = state.directory.membership(user.id, session.organizationId())
                    .map(Directory.Membership::roles).orElse(List.of());
            claims.put("org_id", session.organizationId());
            claims.put("role", roles.isEmpty() ? null : roles.get(0));
            claims.put("roles", roles);
            claims.put("permissions", state.directory.permissionsOf(roles));
            claims.put("entitlements", List.of());
        }
        return state.keys.sign(claims);
    }

    static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
