/**
 * The organization selection step of the login flows and the selected-organization claim mapper.
 */
package io.tes.keycloak.organization;
