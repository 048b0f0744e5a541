package io.tes.keycloak.workos.signin;

import java.util.Objects;
import java.util.regex.Pattern;

import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.jboss.logging.Logger;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The Keycloak user of a WorkOS user: found by the federated-identity link (identity provider alias + WorkOS user
 * id), else an existing account with the same, WorkOS-verified email is linked, else one is created and linked.
 * Called only after WorkOS said yes, so a failed attempt never creates or links anyone. On every sign-in the user's
 * email, names, email-verified state and locale are taken from WorkOS ({@link #sync}).
 */
public final class LinkedUsers {

    private static final Logger LOG = Logger.getLogger(LinkedUsers.class);
    /** A language, then up to four subtags (region, script, variant), as Keycloak's locales and WorkOS's look. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

    private LinkedUsers() {
    }

    public static UserModel upsert(KeycloakSession session, RealmModel realm, String alias, WorkOsUser workos)
            throws WorkOsFailure {
        UserModel user = linked(session, realm, alias, workos);
        if (user == null) {
            user = session.users().getUserById(realm, createOrLink(session, realm, alias, workos));
        }
        sync(session, realm, user, workos);
        return user;
    }

    private static UserModel linked(KeycloakSession session, RealmModel realm, String alias, WorkOsUser workos) {
        return session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(alias, workos.id(), workos.email()));
    }

    /**
     * Creates or links in a transaction of its own, so that a unique-key violation (two first sign-ins or signups
     * of one email at once) surfaces here, not at the request's commit as a 500: the loser finds the winner's link.
     */
    private static String createOrLink(KeycloakSession session, RealmModel realm, String alias, WorkOsUser workos)
            throws WorkOsFailure {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    session.getContext(), inner -> createOrLinkNow(inner, inner.realms().getRealm(realm.getId()),
                            alias, workos), "TES WorkOS user link");
        } catch (Conflict conflict) {
            throw WorkOsFailure.accountConflict();
        } catch (ModelDuplicateException race) {
            UserModel winner = linked(session, realm, alias, workos);
            if (winner == null) {
                LOG.warnf("Could not link WorkOS user %s: the email is held by another Keycloak user", workos.id());
                throw WorkOsFailure.accountConflict();
            }
            LOG.debugf("WorkOS user %s was linked by a concurrent sign-in", workos.id());
            return winner.getId();
        }
    }

    private static String createOrLinkNow(KeycloakSession session, RealmModel realm, String alias,
            WorkOsUser workos) {
        UserModel user = linked(session, realm, alias, workos);
        if (user != null) {
            return user.getId();
        }
        user = session.users().getUserByEmail(realm, workos.email());
        if (user != null) {
            boolean linkedElsewhere = session.users().getFederatedIdentity(realm, user, alias) != null;
            if (linkedElsewhere || !workos.emailVerified()) {
                // Linking an unverified email would hand the account to whoever typed that address at WorkOS.
                LOG.warnf("Not linking WorkOS user %s to Keycloak user %s: %s", workos.id(), user.getId(),
                        linkedElsewhere ? "already linked to another WorkOS user" : "email not verified");
                throw new Conflict();
            }
        } else {
            user = session.users().addUser(realm, workos.email());
            user.setEnabled(true);
            LOG.debugf("Created Keycloak user %s for WorkOS user %s", user.getId(), workos.id());
        }
        session.users().addFederatedIdentity(realm, user,
                new FederatedIdentityModel(alias, workos.id(), workos.email()));
        return user.getId();
    }

    /**
     * Brings the linked Keycloak user in line with WorkOS, the source of the user's identity: email (unless another
     * Keycloak user holds it), email verified, first and last name (a name WorkOS does not have is cleared) and, when
     * WorkOS names one, the locale. Called on every sign-in, whichever way it came (password form, direct grant,
     * sign-up, hosted page).
     */
    public static void sync(KeycloakSession session, RealmModel realm, UserModel user, WorkOsUser workos)
            throws WorkOsFailure {
        if (user.getEmail() == null || !user.getEmail().equalsIgnoreCase(workos.email())) {
            UserModel holder = session.users().getUserByEmail(realm, workos.email());
            if (holder != null && !holder.getId().equals(user.getId())) {
                // WorkOS changed the user's email to an address another Keycloak account holds.
                LOG.warnf("WorkOS user %s now has an email Keycloak user %s holds; not signing in", workos.id(),
                        holder.getId());
                throw WorkOsFailure.accountConflict();
            }
            user.setEmail(workos.email());
        }
        if (user.isEmailVerified() != workos.emailVerified()) {
            user.setEmailVerified(workos.emailVerified());
        }
        if (!Objects.equals(user.getFirstName(), workos.firstName())) {
            user.setFirstName(workos.firstName());
        }
        if (!Objects.equals(user.getLastName(), workos.lastName())) {
            user.setLastName(workos.lastName());
        }
        String locale = locale(workos);
        // No locale at WorkOS keeps Keycloak's: the user may have picked one on Keycloak's pages, which write the
        // same attribute.
        if (locale != null && !locale.equals(user.getFirstAttribute(UserModel.LOCALE))) {
            user.setSingleAttribute(UserModel.LOCALE, locale);
        }
    }

    /**
     * Syncs the Keycloak user already linked to this WorkOS user, if there is one; refuses, before Keycloak's broker
     * takes over, an email another Keycloak user holds.
     */
    public static void syncLinked(KeycloakSession session, RealmModel realm, String alias, WorkOsUser workos)
            throws WorkOsFailure {
        UserModel user = linked(session, realm, alias, workos);
        if (user != null) {
            sync(session, realm, user, workos);
        }
    }

    /** WorkOS's locale as a language tag ({@code en_US} becomes {@code en-US}), or null when absent or malformed. */
    static String locale(WorkOsUser workos) {
        if (workos.locale() == null) {
            return null;
        }
        String tag = workos.locale().replace('_', '-');
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            LOG.debugf("Ignoring the malformed locale of WorkOS user %s", workos.id());
            return null;
        }
        return tag;
    }

    /** An account of that email exists and may not be linked; rolls the inner transaction back. */
    private static final class Conflict extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Conflict() {
            super("WorkOS account conflict", null, false, false);
        }
    }
}
