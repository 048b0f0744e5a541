package io.tes.keycloak.workos.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.spi.SourceFailure;
import io.tes.keycloak.organization.spi.SourceRequest;
import io.tes.keycloak.organization.testing.FakeAuthSession;
import io.tes.keycloak.workos.client.InMemoryPublicKeyStorage;
import io.tes.keycloak.workos.client.OrganizationSelectionRequired;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsOrganization;
import io.tes.keycloak.workos.client.WorkOsSettings;
import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.HandOver;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.WorkOsNotes;
import io.tes.keycloak.workos.testing.FakeRealmKeys;
import io.tes.keycloak.workos.testing.TestCrypto;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.events.Errors;
import org.keycloak.keys.PublicKeyLoader;
import org.keycloak.keys.PublicKeyStorageProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderStorageProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

@DisplayName("WorkOS as organization source")
class WorkOsOrganizationSourceTest {

    private static final String ALIAS = "workos";
    private static final String SELECTION_GRANT = "urn:workos:oauth:grant-type:organization-selection";

    private static WorkOsEmulator workos;
    private static CloseableHttpClient http;

    private final WorkOsOrganizationSource source = new WorkOsOrganizationSource();
    private final FakeAuthSession auth = new FakeAuthSession();
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final IdentityProviderStorageProvider identityProviders = mock(IdentityProviderStorageProvider.class);
    private final UserProvider users = mock(UserProvider.class);

    @BeforeAll
    static void start() throws Exception {
        TestCrypto.install();
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        workos.close();
        TestCrypto.uninstall();
    }

    /** A realm whose WorkOS identity provider {@link #ALIAS} points at the emulator. */
    @BeforeEach
    void keycloak() {
        IdentityProviderModel provider = new IdentityProviderModel();
        provider.setAlias(ALIAS);
        provider.setProviderId("workos");
        provider.setEnabled(true);
        provider.setConfig(new java.util.HashMap<>(Map.of("clientId", workos.clientId(),
                "clientSecret", "${vault.workos}", "apiBaseUrl", workos.baseUrl())));
        when(identityProviders.getByAlias(ALIAS)).thenReturn(provider);
        when(session.identityProviders()).thenReturn(identityProviders);
        when(session.users()).thenReturn(users);
        VaultStringSecret apiKey = mock(VaultStringSecret.class);
        when(apiKey.get()).thenReturn(Optional.of(workos.apiKey()));
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(vault.getStringSecret("${vault.workos}")).thenReturn(apiKey);
        when(session.vault()).thenReturn(vault);
        HttpClientProvider httpClients = mock(HttpClientProvider.class);
        when(httpClients.getHttpClient()).thenReturn(http);
        when(session.getProvider(HttpClientProvider.class)).thenReturn(httpClients);
        when(session.getProvider(PublicKeyStorageProvider.class)).thenReturn(new InMemoryPublicKeyStorage());
        KeycloakContext context = mock(KeycloakContext.class);
        when(context.getRealm()).thenReturn(realm);
        when(session.getContext()).thenReturn(context);
        // Keycloak's public key store, without its cache: WorkOS's JWKS is loaded for every token.
        PublicKeyStorageProvider publicKeys = mock(PublicKeyStorageProvider.class);
        when(publicKeys.getPublicKey(any(), any(), any(), any())).thenAnswer(call -> {
            PublicKeyLoader loader = call.getArgument(3);
            return loader.loadKeys().getKeyByKidAndAlg(call.getArgument(1), call.getArgument(2));
        });
        when(session.getProvider(PublicKeyStorageProvider.class)).thenReturn(publicKeys);
        FakeRealmKeys realmKeys = new FakeRealmKeys();
        when(session.keys()).thenReturn(realmKeys.manager);
        when(auth.model.getRealm()).thenReturn(realm);
        workos.calls().clear();
    }

    /** The Keycloak user signing in, linked to the hand-over's WorkOS user (set by {@link #handOverBob}). */
    private UserModel bob;

    private UserModel linkedUser(String id, String alias, String workosUserId) {
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn(id);
        when(users.getFederatedIdentitiesStream(any(), org.mockito.ArgumentMatchers.eq(user)))
                .thenAnswer(call -> Stream.of(new FederatedIdentityModel(alias, workosUserId, id)));
        return user;
    }

    private SourceRequest request(UserModel user) {
        return new SourceRequest(session, realm, auth.model, user, "10.0.0.1", "JUnit");
    }

    /** Bob signs in at WorkOS, which asks for an organization; the sign-in hands the choice over. */
    private HandOver handOverBob(String alias) throws Exception {
        WorkOsClient client = new WorkOsClient(http,
                WorkOsSettings.of(workos.baseUrl(), workos.apiKey(), workos.clientId()));
        try {
            client.authenticateWithPassword("bob@multi.test", "Demo-pass-1!", null, null);
            throw new AssertionError("bob has two organizations");
        } catch (OrganizationSelectionRequired required) {
            HandOver handOver = new HandOver(HandOver.Kind.ORGANIZATION_SELECTION, required.pendingToken(),
                    required.user(), required.organizations().stream()
                            .map((WorkOsOrganization org) -> Organization.of(org.id(), org.name())).toList());
            PendingSelection.handOver(auth.model, alias, handOver, null);
            bob = linkedUser("kc-bob", alias, required.user().id());
            return handOver;
        }
    }

    @Nested
    @DisplayName("Given a hand-over in this sign-in")
    class HandedOver {

        @Test
        @DisplayName("then WorkOS decides for the user, linked or not, and offers the hand-over's organizations")
        void decidesWithHandOver() throws Exception {
            handOverBob(ALIAS);

            assertThat(source.decidesFor(request(null))).isTrue();
            assertThat(source.candidates(request(bob))).containsExactly(
                    Organization.of("org_acme", "Acme Recycling"), Organization.of("org_globex", "Globex Logistics"));
            assertThat(workos.calls().count(Endpoint.MEMBERSHIPS)).isZero();
        }

        @Test
        @DisplayName("when settled then WorkOS completes in the chosen organization, its roles and session are kept")
        void settleCompletes() throws Exception {
            handOverBob(ALIAS);

            source.settle(request(bob), Organization.of("org_globex", "Globex Logistics"), SelectionReason.USER);

            assertThat(auth.clientNotes).containsEntry(SelectedOrganization.ID_NOTE, "org_globex")
                    .containsEntry(SelectedOrganization.NAME_NOTE, "Globex Logistics")
                    .containsEntry(SelectedOrganization.ROLES_NOTE, "viewer")
                    .containsEntry(SelectedOrganization.REASON_NOTE, "user")
                    .containsKey(WorkOsNotes.WORKOS_SESSION_ID);
            assertThat(auth.userSessionNotes.get(WorkOsNotes.WORKOS_REFRESH_TOKEN)).doesNotStartWith("rt_")
                    .matches("[^.]+\\.\\.[^.]+\\.[^.]+\\.[^.]+");
            assertThat(PendingSelection.peek(auth.model)).isEmpty();
            assertThat(source.decidesFor(request(null))).isFalse();
            assertThat(workos.calls().countGrant(SELECTION_GRANT)).isEqualTo(1);
        }

        @Test
        @DisplayName("when WorkOS refuses the completion then the failure is the source's, and the hand-over is gone")
        void settleTakesHandOverEvenWhenRefused() throws Exception {
            HandOver handOver = handOverBob(ALIAS);
            PendingSelection.handOver(auth.model, ALIAS, new HandOver(HandOver.Kind.ORGANIZATION_SELECTION,
                    "pending_unknown", handOver.user(), handOver.organizations()), null);

            SourceFailure failure = catchThrowableOfType(SourceFailure.class, () -> source.settle(request(bob),
                    Organization.of("org_acme", null), SelectionReason.USER));

            assertThat(failure.detailKey()).isEqualTo(WorkOsEventDetails.WORKOS_ERROR);
            assertThat(failure.code()).isEqualTo("workos_invalid_grant");
            assertThat(failure.flowError()).isEqualTo(AuthenticationFlowError.IDENTITY_PROVIDER_ERROR);
            assertThat(failure.getCause()).isInstanceOf(WorkOsFailure.class);
            assertThat(PendingSelection.peek(auth.model)).isEmpty();
            assertThat(SelectedOrganization.id(auth.model)).isNull();
        }

        @Test
        @DisplayName("when the identity provider that handed over is gone then the hand-over cannot be bound to the "
                + "user: refused, hand-over gone, nothing completed")
        void providerGone() throws Exception {
            handOverBob("removed");

            SourceFailure failure = catchThrowableOfType(SourceFailure.class, () -> source.settle(request(bob),
                    Organization.of("org_acme", null), SelectionReason.USER));

            assertThat(failure.code()).isEqualTo(WorkOsFailure.HANDOVER_MISMATCH);
            assertThat(PendingSelection.peek(auth.model)).isEmpty();
            assertThat(workos.calls().countGrant(SELECTION_GRANT)).isZero();
        }

        @Test
        @DisplayName("when another user signs in (restart login) then bob's organizations are neither offered nor "
                + "completed, and the hand-over is dropped")
        void handOverOfAnotherUserIsRefused() throws Exception {
            handOverBob(ALIAS);
            UserModel alice = linkedUser("kc-alice", ALIAS, "user_alice");

            SourceFailure offered = catchThrowableOfType(SourceFailure.class, () -> source.candidates(request(alice)));
            handOverBob(ALIAS);
            SourceFailure settled = catchThrowableOfType(SourceFailure.class, () -> source.settle(request(alice),
                    Organization.of("org_globex", "Globex Logistics"), SelectionReason.USER));

            assertThat(offered.code()).isEqualTo(WorkOsFailure.HANDOVER_MISMATCH);
            assertThat(offered.eventError()).isEqualTo(Errors.DIFFERENT_USER_AUTHENTICATING);
            assertThat(settled.code()).isEqualTo(WorkOsFailure.HANDOVER_MISMATCH);
            assertThat(PendingSelection.peek(auth.model)).isEmpty();
            assertThat(SelectedOrganization.id(auth.model)).isNull();
            assertThat(workos.calls().countGrant(SELECTION_GRANT)).isZero();
        }
    }

    @Nested
    @DisplayName("Given no hand-over")
    class Links {

        private UserModel linkedTo(String alias) {
            UserModel user = mock(UserModel.class);
            when(users.getFederatedIdentitiesStream(any(), any()))
                    .thenAnswer(call -> Stream.of(new FederatedIdentityModel(alias, "user_bob", "bob@multi.test")));
            return user;
        }

        @Test
        @DisplayName("when the user is linked to the enabled WorkOS provider then WorkOS decides")
        void linked() {
            assertThat(source.decidesFor(request(linkedTo(ALIAS)))).isTrue();
        }

        @Test
        @DisplayName("when linked elsewhere, to a disabled provider, or no user then WorkOS does not decide")
        void notLinked() {
            IdentityProviderModel google = new IdentityProviderModel();
            google.setAlias("google");
            google.setProviderId("google");
            google.setEnabled(true);
            when(identityProviders.getByAlias("google")).thenReturn(google);

            assertThat(source.decidesFor(request(linkedTo("google")))).isFalse();
            assertThat(source.decidesFor(request(null))).isFalse();
            identityProviders.getByAlias(ALIAS).setEnabled(false);
            assertThat(source.decidesFor(request(linkedTo(ALIAS)))).isFalse();
        }

        @Test
        @DisplayName("when linked then the candidates are the WorkOS memberships with their roles")
        void memberships() throws Exception {
            assertThat(source.candidates(request(linkedTo(ALIAS)))).containsExactly(
                    new Organization("org_acme", "Acme Recycling", List.of("organizer")),
                    new Organization("org_globex", "Globex Logistics", List.of("viewer")));
        }
    }
}
