package io.tes.keycloak.workos.signin;

import java.util.Objects;

import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.jboss.logging.Logger;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The Keycloak user of a WorkOS user: found by the federated-identity link (identity provider alias + WorkOS user
 * id), else an existing account with the same, WorkOS-verified email is linked, else one is created and linked.
 * Called only after WorkOS said yes, so a failed attempt never creates or links anyone.
 */
public final class LinkedUsers {

    private static final Logger LOG = Logger.getLogger(LinkedUsers.class);

    private LinkedUsers() {
    }

    public static UserModel upsert(KeycloakSession session, RealmModel realm, String alias, WorkOsUser workos)
            throws WorkOsFailure {
        UserModel user = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(alias, workos.id(), workos.email()));
        if (user == null) {
            user = session.users().getUserByEmail(realm, workos.email());
            if (user != null) {
                boolean linkedElsewhere = session.users().getFederatedIdentity(realm, user, alias) != null;
                if (linkedElsewhere || !workos.emailVerified()) {
                    // Linking an unverified email would hand the account to whoever typed that address at WorkOS.
                    LOG.warnf("Not linking WorkOS user %s to Keycloak user %s: %s", workos.id(), user.getId(),
                            linkedElsewhere ? "already linked to another WorkOS user" : "email not verified");
                    throw WorkOsFailure.accountConflict();
                }
            } else {
                user = session.users().addUser(realm, workos.email());
                user.setEnabled(true);
                LOG.debugf("Created Keycloak user %s for WorkOS user %s", user.getId(), workos.id());
            }
            session.users().addFederatedIdentity(realm, user,
                    new FederatedIdentityModel(alias, workos.id(), workos.email()));
        }
        update(user, workos);
        return user;
    }

    private static void update(UserModel user, WorkOsUser workos) {
        if (!Objects.equals(user.getEmail(), workos.email())) {
            user.setEmail(workos.email());
        }
        if (user.isEmailVerified() != workos.emailVerified()) {
            user.setEmailVerified(workos.emailVerified());
        }
        if (workos.firstName() != null && !workos.firstName().equals(user.getFirstName())) {
            user.setFirstName(workos.firstName());
        }
        if (workos.lastName() != null && !workos.lastName().equals(user.getLastName())) {
            user.setLastName(workos.lastName());
        }
    }
}
