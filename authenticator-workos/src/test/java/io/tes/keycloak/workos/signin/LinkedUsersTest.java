package io.tes.keycloak.workos.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

@DisplayName("LinkedUsers.sync: the Keycloak user follows WorkOS on each sign-in")
class LinkedUsersTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserProvider users = mock(UserProvider.class);
    private final UserModel user = mock(UserModel.class);

    @BeforeEach
    void keycloakUser() {
        when(session.users()).thenReturn(users);
        when(user.getId()).thenReturn("kc-ann");
        when(user.getEmail()).thenReturn("ann@acme.test");
        when(user.isEmailVerified()).thenReturn(true);
        when(user.getFirstName()).thenReturn("Ann");
        when(user.getLastName()).thenReturn("Lee");
    }

    private static WorkOsUser workos(String email, boolean verified, String first, String last, String locale) {
        return new WorkOsUser("user_ann", email, verified, first, last, locale);
    }

    @Nested
    @DisplayName("Given the names")
    class Names {

        @Test
        @DisplayName("when WorkOS has none any more then both are cleared")
        void clearedWhenWorkOsHasNone() throws Exception {
            LinkedUsers.sync(session, realm, user, workos("ann@acme.test", true, null, null, null));

            verify(user).setFirstName(null);
            verify(user).setLastName(null);
        }

        @Test
        @DisplayName("when WorkOS changed them then Keycloak takes the new ones")
        void changedAtWorkOs() throws Exception {
            LinkedUsers.sync(session, realm, user, workos("ann@acme.test", true, "Anne", "Lee-Smith", null));

            verify(user).setFirstName("Anne");
            verify(user).setLastName("Lee-Smith");
        }

        @Test
        @DisplayName("when nothing changed then nothing is written")
        void unchanged() throws Exception {
            LinkedUsers.sync(session, realm, user, workos("ann@acme.test", true, "Ann", "Lee", null));

            verify(user, never()).setFirstName(any());
            verify(user, never()).setLastName(any());
            verify(user, never()).setEmail(any());
            verify(user, never()).setEmailVerified(true);
            verify(user, never()).setSingleAttribute(anyString(), any());
        }
    }

    @Nested
    @DisplayName("Given the email")
    class Email {

        @Test
        @DisplayName("when WorkOS changed it to a free address then Keycloak takes it, with WorkOS's verification")
        void changedToFreeAddress() throws Exception {
            LinkedUsers.sync(session, realm, user, workos("ann@new.test", false, "Ann", "Lee", null));

            verify(user).setEmail("ann@new.test");
            verify(user).setEmailVerified(false);
        }

        @Test
        @DisplayName("when WorkOS changed it to another Keycloak user's address then the sign-in is refused")
        void changedToTakenAddress() {
            UserModel other = mock(UserModel.class);
            when(other.getId()).thenReturn("kc-other");
            when(users.getUserByEmail(realm, "taken@acme.test")).thenReturn(other);

            WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class, () -> LinkedUsers.sync(session, realm,
                    user, workos("taken@acme.test", true, "Ann", "Lee", null)));

            assertThat(failure.code()).isEqualTo(WorkOsFailure.ACCOUNT_CONFLICT);
            verify(user, never()).setEmail(any());
        }
    }

    @Nested
    @DisplayName("Given the locale")
    class Locale {

        @Test
        @DisplayName("when WorkOS names one then it becomes the locale attribute, as a language tag")
        void written() throws Exception {
            LinkedUsers.sync(session, realm, user, workos("ann@acme.test", true, "Ann", "Lee", "de_DE"));

            verify(user).setSingleAttribute(UserModel.LOCALE, "de-DE");
        }

        @Test
        @DisplayName("when WorkOS names none then Keycloak's locale stays")
        void keptWhenAbsent() throws Exception {
            when(user.getFirstAttribute(UserModel.LOCALE)).thenReturn("fr");

            LinkedUsers.sync(session, realm, user, workos("ann@acme.test", true, "Ann", "Lee", null));

            verify(user, never()).setSingleAttribute(anyString(), any());
            verify(user, never()).removeAttribute(anyString());
        }

        @Test
        @DisplayName("when WorkOS's value is no language tag then it is ignored")
        void malformedIgnored() throws Exception {
            LinkedUsers.sync(session, realm, user, workos("ann@acme.test", true, "Ann", "Lee", "de DE<b>"));

            verify(user, never()).setSingleAttribute(anyString(), any());
        }
    }
}
