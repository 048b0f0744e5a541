package io.tes.keycloak.workos.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.signin.SignInResult;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * WorkOS organizations and memberships mirrored one way (WorkOS wins) into the realm's own Keycloak Organizations,
 * for admins: the console's Organizations page shows who belongs where. A mirrored organization carries the
 * attribute {@value #WORKOS_ID} with WorkOS's id (its alias is that id too); organizations without it are the
 * realm's own and never touched. The mirror serves admins, reports and realms without WorkOS: for WorkOS-linked
 * users WorkOS stays the source of the organization choice, and {@code org_id} stays WorkOS's id.
 * <p>
 * It runs when the realm has Organizations on and the WorkOS provider's "Mirror organizations" is on, in a
 * transaction of its own: a failure is logged ({@code workos_mirror_failed}) and never fails the sign-in.
 */
public final class OrganizationMirror {

    /** The attribute of a mirrored Keycloak organization holding WorkOS's organization id. */
    public static final String WORKOS_ID = "workos_organization_id";
    private static final Logger LOG = Logger.getLogger(OrganizationMirror.class);

    private OrganizationMirror() {
    }

    /**
     * After a WorkOS sign-in of {@code user}: adds the user to the mirrored organizations the sign-in named (created
     * when missing), and, when the sign-in learned all of the user's WorkOS organizations (WorkOS listed them for a
     * selection), removes the user from the mirrored organizations WorkOS no longer lists.
     */
    public static void afterSignIn(KeycloakSession session, WorkOsConnection connection, UserModel user,
            SignInResult result) {
        List<Organization> known = result.memberships() != null ? result.memberships()
                : result.organization() == null ? List.of() : List.of(result.organization());
        mirror(session, connection, user, known, result.memberships() != null);
    }

    /** The same with what a caller knows: {@code complete} when {@code known} is all of the user's organizations. */
    public static void mirror(KeycloakSession session, WorkOsConnection connection, UserModel user,
            List<Organization> known, boolean complete) {
        RealmModel realm = session.getContext().getRealm();
        if (!enabled(realm, connection)) {
            return;
        }
        List<Organization> named = withNames(session, realm, connection, known);
        run(session, realm, "the memberships of user " + user.getId(), (organizations, inRealm) -> {
            UserModel member = inRealm.users().getUserById(inRealm.getContext().getRealm(), user.getId());
            if (member == null) {
                return;
            }
            for (Organization organization : named) {
                OrganizationModel mirrored = findOrCreate(organizations, organization);
                if (!organizations.isMember(mirrored, member)) {
                    organizations.addMember(mirrored, member);
                }
            }
            if (complete) {
                Set<String> ids = named.stream().map(Organization::id).collect(Collectors.toSet());
                organizations.getByMember(member).filter(org -> workosId(org).isPresent())
                        .filter(org -> !ids.contains(workosId(org).get())).toList()
                        .forEach(stale -> organizations.removeMember(stale, member));
            }
        });
    }

    /** WorkOS added or changed an active membership (an event): the user is in the mirrored organization. */
    public static void addMember(KeycloakSession session, RealmModel realm, WorkOsConnection connection,
            UserModel user, Organization organization) {
        if (!enabled(realm, connection)) {
            return;
        }
        List<Organization> named = withNames(session, realm, connection, List.of(organization));
        run(session, realm, "a membership of user " + user.getId(), (organizations, inRealm) -> {
            UserModel member = inRealm.users().getUserById(inRealm.getContext().getRealm(), user.getId());
            OrganizationModel mirrored = findOrCreate(organizations, named.get(0));
            if (member != null && !organizations.isMember(mirrored, member)) {
                organizations.addMember(mirrored, member);
            }
        });
    }

    /** WorkOS ended a membership: the user leaves the mirrored organization. */
    public static void removeMember(KeycloakSession session, RealmModel realm, WorkOsConnection connection,
            UserModel user, String workosOrganizationId) {
        if (!enabled(realm, connection)) {
            return;
        }
        run(session, realm, "a membership of user " + user.getId(), (organizations, inRealm) -> {
            UserModel member = inRealm.users().getUserById(inRealm.getContext().getRealm(), user.getId());
            Optional<OrganizationModel> mirrored = find(organizations, workosOrganizationId);
            if (member != null && mirrored.isPresent() && organizations.isMember(mirrored.get(), member)) {
                organizations.removeMember(mirrored.get(), member);
            }
        });
    }

    /** WorkOS renamed an organization: the mirrored one follows. */
    public static void rename(KeycloakSession session, RealmModel realm, WorkOsConnection connection,
            String workosOrganizationId, String name) {
        if (!enabled(realm, connection) || name == null || name.isBlank()) {
            return;
        }
        run(session, realm, "organization " + workosOrganizationId, (organizations, inRealm) ->
                find(organizations, workosOrganizationId).filter(org -> !name.equals(org.getName()))
                        .ifPresent(org -> org.setName(name)));
    }

    /** WorkOS deleted an organization: the mirrored one goes, with its memberships. */
    public static void remove(KeycloakSession session, RealmModel realm, WorkOsConnection connection,
            String workosOrganizationId) {
        if (!enabled(realm, connection)) {
            return;
        }
        run(session, realm, "organization " + workosOrganizationId, (organizations, inRealm) ->
                find(organizations, workosOrganizationId).ifPresent(organizations::remove));
    }

    /**
     * What a hosted sign-in learned, as one string for the brokered identity's context data (Keycloak keeps that
     * data across the first-broker-login flow, so it holds text, not objects): {@code complete} then the id and
     * name of each organization, tab-separated lines.
     */
    public static String describe(SignInResult result) {
        List<Organization> known = result.memberships() != null ? result.memberships()
                : result.organization() == null ? List.of() : List.of(result.organization());
        StringBuilder out = new StringBuilder(result.memberships() != null ? "complete" : "partial");
        for (Organization organization : known) {
            String name = organization.name() == null ? "" : organization.name().replaceAll("[\\t\\n]", " ");
            out.append('\n').append(organization.id()).append('\t').append(name);
        }
        return out.toString();
    }

    /** Mirrors what {@link #describe} wrote. */
    public static void mirrorDescribed(KeycloakSession session, WorkOsConnection connection, UserModel user,
            String described) {
        String[] lines = described.split("\n");
        List<Organization> known = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split("\t", 2);
            known.add(Organization.of(parts[0], parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null));
        }
        mirror(session, connection, user, known, "complete".equals(lines[0]));
    }

    static boolean enabled(RealmModel realm, WorkOsConnection connection) {
        return realm != null && realm.isOrganizationsEnabled() && connection.config().isMirrorOrganizations();
    }

    /** Fills in the names the sign-in did not carry, from the mirror or else from WorkOS (a read). */
    private static List<Organization> withNames(KeycloakSession session, RealmModel realm,
            WorkOsConnection connection, List<Organization> known) {
        // Keycloak's organization store works on the context's realm: only then can it be asked here (a background
        // task, such as the events consumer, may have none set).
        RealmModel current = session.getContext().getRealm();
        OrganizationProvider organizations = current != null && current.getId().equals(realm.getId())
                ? session.getProvider(OrganizationProvider.class) : null;
        List<Organization> named = new ArrayList<>();
        for (Organization organization : known) {
            String name = organization.name();
            if (name == null && organizations != null) {
                name = find(organizations, organization.id()).map(OrganizationModel::getName).orElse(null);
            }
            if (name == null) {
                try {
                    name = connection.client().organizationName(organization.id());
                } catch (WorkOsException e) {
                    LOG.debugf("No name for WorkOS organization %s (%s); mirrored under its id", organization.id(),
                            e.error().code());
                }
            }
            named.add(Organization.of(organization.id(), name != null ? name : organization.id()));
        }
        return named;
    }

    private static OrganizationModel findOrCreate(OrganizationProvider organizations, Organization organization) {
        Optional<OrganizationModel> found = find(organizations, organization.id());
        if (found.isPresent()) {
            if (!organization.name().equals(found.get().getName())) {
                found.get().setName(organization.name());
            }
            return found.get();
        }
        OrganizationModel created = organizations.create(organization.name(), organization.id());
        created.setAttributes(Map.of(WORKOS_ID, List.of(organization.id())));
        created.setDescription("Mirrored from WorkOS (" + organization.id() + ")");
        LOG.debugf("Mirrored WorkOS organization %s", organization.id());
        return created;
    }

    private static Optional<OrganizationModel> find(OrganizationProvider organizations, String workosId) {
        return organizations.getAllStream(Map.of(WORKOS_ID, workosId), 0, 1).findFirst();
    }

    private static Optional<String> workosId(OrganizationModel organization) {
        List<String> ids = organization.getAttributes().get(WORKOS_ID);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    @FunctionalInterface
    private interface Job {
        void run(OrganizationProvider organizations, KeycloakSession session);
    }

    private static void run(KeycloakSession session, RealmModel realm, String what, Job job) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, inner -> {
                inner.getContext().setRealm(inner.realms().getRealm(realmId));
                OrganizationProvider organizations = inner.getProvider(OrganizationProvider.class);
                if (organizations != null && organizations.isEnabled()) {
                    job.run(organizations, inner);
                }
            });
        } catch (RuntimeException e) {
            // Any failure of the mirror's own transaction (a name another organization holds, a race with another
            // node creating the same organization) is the mirror's: logged, never the sign-in's.
            LOG.warnf("workos_mirror_failed: could not mirror %s into realm %s's organizations: %s: %s", what,
                    realm.getName(), e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
