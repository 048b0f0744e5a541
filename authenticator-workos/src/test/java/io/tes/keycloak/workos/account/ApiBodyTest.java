package io.tes.keycloak.workos.account;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ApiBody")
class ApiBodyTest {

    @Nested
    @DisplayName("Given a JSON body")
    class Json {

        @Test
        @DisplayName("Given an object of strings then each field reads as sent, blanks and nulls as absent")
        void objectOfStrings() {
            ApiBody body = ApiBody.json("{\"email\": \" ann@acme.test \", \"password\": \" Pass 1! \","
                    + " \"firstName\": \"\", \"lastName\": null, \"client_id\": \"tes-portal\"}");

            assertThat(body.malformed()).isFalse();
            assertThat(body.form()).isFalse();
            assertThat(body.trimmed("email")).isEqualTo("ann@acme.test");
            assertThat(body.value("password")).isEqualTo(" Pass 1! ");
            assertThat(body.value("firstName")).isNull();
            assertThat(body.value("lastName")).isNull();
            assertThat(body.clientId()).isEqualTo("tes-portal");
        }

        @Test
        @DisplayName("Given no object (broken, empty, an array, a string) then the body is malformed")
        void notAnObject() {
            assertThat(ApiBody.json("{\"email\": ").malformed()).isTrue();
            assertThat(ApiBody.json("").malformed()).isTrue();
            assertThat(ApiBody.json(null).malformed()).isTrue();
            assertThat(ApiBody.json("[\"email\"]").malformed()).isTrue();
            assertThat(ApiBody.json("\"email\"").malformed()).isTrue();
        }

        @Test
        @DisplayName("Given a field that is not a string then the body is malformed and names the field")
        void notAString() {
            ApiBody body = ApiBody.json("{\"email\": \"a@b.test\", \"password\": 12345678}");

            assertThat(body.malformed()).isTrue();
            assertThat(body.malformedField()).isEqualTo("password");
            assertThat(ApiBody.json("{\"email\": {\"x\": 1}}").malformedField()).isEqualTo("email");
        }
    }

    @Nested
    @DisplayName("Given a form-encoded body")
    class Form {

        @Test
        @DisplayName("Given fields then the first value of each is read and the body is a form")
        void firstValues() {
            MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
            posted.add("email", "ann@acme.test");
            posted.add("email", "other@acme.test");
            posted.add("client_id", " tes-backend ");
            posted.add("token", "");

            ApiBody body = ApiBody.form(posted);

            assertThat(body.form()).isTrue();
            assertThat(body.malformed()).isFalse();
            assertThat(body.value("email")).isEqualTo("ann@acme.test");
            assertThat(body.clientId()).isEqualTo("tes-backend");
            assertThat(body.value("token")).isNull();
            assertThat(body.fields()).containsKey("token");
        }
    }
}
