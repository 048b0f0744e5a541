/**
 * The OIDC protocol mapper that puts {@code action:entity:scope} permissions, computed from roles, into tokens.
 */
package io.tes.keycloak.permissions;
