package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsResponses.user")
class WorkOsResponsesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    @DisplayName("Given a user with names and a locale then all are read")
    void fullUser() throws Exception {
        WorkOsUser user = WorkOsResponses.user(MAPPER.readTree("""
                {"object": "user", "id": "user_01", "email": "ann@acme.test", "email_verified": true,
                 "first_name": "Ann", "last_name": "Lee", "locale": "de-DE", "profile_picture_url": null}"""));

        assertThat(user).isEqualTo(new WorkOsUser("user_01", "ann@acme.test", true, "Ann", "Lee", "de-DE"));
    }

    @Test
    @DisplayName("Given a user created by email only (null or empty names, null locale) then none is set")
    void nameless() throws Exception {
        WorkOsUser user = WorkOsResponses.user(MAPPER.readTree("""
                {"object": "user", "id": "user_02", "email": "nn@acme.test", "email_verified": false,
                 "first_name": null, "last_name": "", "locale": null}"""));

        assertThat(user).isEqualTo(new WorkOsUser("user_02", "nn@acme.test", false, null, null, null));
    }

    @Test
    @DisplayName("Given a user without the locale field (older answers) then the locale is null")
    void noLocaleField() throws Exception {
        WorkOsUser user = WorkOsResponses.user(MAPPER.readTree("""
                {"id": "user_03", "email": "x@acme.test", "email_verified": true}"""));

        assertThat(user.locale()).isNull();
    }
}
