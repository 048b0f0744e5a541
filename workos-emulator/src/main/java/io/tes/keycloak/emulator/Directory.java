package io.tes.keycloak.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** The emulated WorkOS tenant: organizations, roles with their permissions, users and memberships. */
final class Directory {

    static final class User {
        final String id;
        /** Changes when WorkOS changes the user's email (the Users API or the dashboard). */
        volatile String email;
        /** Names change when WorkOS's Users API or dashboard changes them; null when WorkOS has none. */
        volatile String firstName;
        volatile String lastName;
        final Instant createdAt;
        final String ssoConnectionId;
        String password;
        boolean emailVerified;
        Instant updatedAt;
        Instant lastSignInAt;
        String locale;
        String profilePictureUrl;
        String externalId;
        Map<String, String> metadata = Map.of();

        User(String id, String email, String password, String firstName, String lastName, boolean emailVerified,
                String ssoConnectionId, Instant createdAt) {
            this.id = id;
            this.email = email;
            this.password = password;
            this.firstName = firstName;
            this.lastName = lastName;
            this.emailVerified = emailVerified;
            this.ssoConnectionId = ssoConnectionId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    record Organization(String id, String name) {
    }

    record Membership(String id, String userId, String organizationId, List<String> roles, Instant createdAt) {
        String primaryRole() {
            return roles.isEmpty() ? null : roles.get(0);
        }
    }

    private final Map<String, Organization> organizations = new LinkedHashMap<>();
    private final Map<String, List<String>> rolePermissions = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    synchronized void addOrganization(Organization organization) {
        organizations.put(organization.id(), organization);
    }

    synchronized void addRole(String slug, List<String> permissions) {
        rolePermissions.put(slug, List.copyOf(permissions));
    }

    synchronized User addUser(User user) {
        users.put(user.id, user);
        return user;
    }

    synchronized void addMembership(String userId, String organizationId, List<String> roles, Instant now) {
        memberships.add(new Membership("om_" + userId + "_" + organizationId, userId, organizationId,
                List.copyOf(roles), now));
    }

    synchronized String nextId(String prefix) {
        return prefix + "_" + String.format(Locale.ROOT, "%06d", sequence.incrementAndGet());
    }

    synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized Optional<User> userByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return users.values().stream().filter(user -> user.email.equalsIgnoreCase(email.trim())).findFirst();
    }

    synchronized Optional<Organization> organization(String id) {
        return Optional.ofNullable(organizations.get(id));
    }

    synchronized List<Membership> membershipsOf(String userId) {
        return memberships.stream().filter(membership -> membership.userId().equals(userId))
                .sorted(Comparator.comparing(Membership::id)).collect(Collectors.toList());
    }

    synchronized List<Membership> membershipsIn(String organizationId) {
        return memberships.stream().filter(membership -> membership.organizationId().equals(organizationId))
                .sorted(Comparator.comparing(Membership::id)).collect(Collectors.toList());
    }

    synchronized Optional<Membership> membership(String userId, String organizationId) {
        return membershipsOf(userId).stream()
                .filter(membership -> membership.organizationId().equals(organizationId)).findFirst();
    }

    /** Adds a membership with a generated id (the Memberships API); returns it. */
    synchronized Membership createMembership(String userId, String organizationId, List<String> roles, Instant now) {
        Membership membership = new Membership(nextId("om"), userId, organizationId, List.copyOf(roles), now);
        memberships.add(membership);
        return membership;
    }

    synchronized Optional<Membership> membershipById(String id) {
        return memberships.stream().filter(membership -> membership.id().equals(id)).findFirst();
    }

    /** Replaces a membership's roles; returns the changed membership. */
    synchronized Optional<Membership> changeRoles(String id, List<String> roles) {
        for (int i = 0; i < memberships.size(); i++) {
            Membership old = memberships.get(i);
            if (old.id().equals(id)) {
                Membership changed = new Membership(old.id(), old.userId(), old.organizationId(), List.copyOf(roles),
                        old.createdAt());
                memberships.set(i, changed);
                return Optional.of(changed);
            }
        }
        return Optional.empty();
    }

    synchronized Optional<Membership> removeMembership(String id) {
        Optional<Membership> found = membershipById(id);
        found.ifPresent(memberships::remove);
        return found;
    }

    /** Removes a user and their memberships; returns the user. */
    synchronized Optional<User> removeUser(String id) {
        User user = users.remove(id);
        if (user != null) {
            memberships.removeIf(membership -> membership.userId().equals(id));
        }
        return Optional.ofNullable(user);
    }

    synchronized Optional<Organization> renameOrganization(String id, String name) {
        if (!organizations.containsKey(id)) {
            return Optional.empty();
        }
        Organization renamed = new Organization(id, name);
        organizations.put(id, renamed);
        return Optional.of(renamed);
    }

    /** Removes an organization and every membership in it (as WorkOS does); returns the organization. */
    synchronized Optional<Organization> removeOrganization(String id) {
        Organization organization = organizations.remove(id);
        if (organization != null) {
            memberships.removeIf(membership -> membership.organizationId().equals(id));
        }
        return Optional.ofNullable(organization);
    }

    /** WorkOS's default role {@code member} when the seed has it, else the seed's first role. */
    synchronized String defaultRole() {
        return rolePermissions.containsKey("member") || rolePermissions.isEmpty() ? "member"
                : rolePermissions.keySet().iterator().next();
    }

    synchronized boolean hasRole(String slug) {
        return rolePermissions.containsKey(slug);
    }

    /** The WorkOS permission slugs of the given roles, in role order, without duplicates. */
    synchronized List<String> permissionsOf(List<String> roles) {
        return roles.stream().flatMap(role -> rolePermissions.getOrDefault(role, List.of()).stream())
                .distinct().collect(Collectors.toList());
    }

    /** WorkOS's default password policy is stricter; the emulator asks for 10 characters with a non-letter. */
    static boolean strongEnough(String password) {
        return password != null && password.length() >= 10 && password.chars().anyMatch(c -> !Character.isLetter(c));
    }
}
