package io.tes.keycloak.benchmark;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;

/** A realm role held in memory, with a {@code permissions} attribute: just what the mappers read. */
final class FakeRole implements RoleModel {

    private final String name;
    private final RealmModel realm;
    private final List<String> permissions;

    FakeRole(String name, RealmModel realm, List<String> permissions) {
        this.name = name;
        this.realm = realm;
        this.permissions = List.copyOf(permissions);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getId() {
        return name;
    }

    @Override
    public RoleContainerModel getContainer() {
        return realm;
    }

    @Override
    public String getContainerId() {
        return "bench";
    }

    @Override
    public Stream<String> getAttributeStream(String attribute) {
        return "permissions".equals(attribute) ? permissions.stream() : Stream.empty();
    }

    @Override
    public Map<String, List<String>> getAttributes() {
        return Map.of("permissions", permissions);
    }

    @Override
    public boolean isClientRole() {
        return false;
    }

    @Override
    public boolean isComposite() {
        return false;
    }

    @Override
    public Stream<RoleModel> getCompositesStream(String search, Integer first, Integer max) {
        return Stream.empty();
    }

    @Override
    public boolean hasRole(RoleModel role) {
        return this == role;
    }

    @Override
    public String getDescription() {
        return null;
    }

    @Override
    public void setDescription(String description) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setName(String newName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addCompositeRole(RoleModel role) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeCompositeRole(RoleModel role) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setSingleAttribute(String attribute, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setAttribute(String attribute, List<String> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeAttribute(String attribute) {
        throw new UnsupportedOperationException();
    }
}
