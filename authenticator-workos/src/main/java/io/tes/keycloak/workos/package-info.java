/**
 * WorkOS sign-in for Keycloak: the WorkOS API client, the "WorkOS" identity provider and the
 * authenticators that check passwords, register users and reset passwords against WorkOS.
 */
package io.tes.keycloak.workos;
