package io.tes.keycloak.workos.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

@DisplayName("The WorkOS identity provider's API base URL rule")
class WorkOsIdentityProviderConfigTest {

    private final RealmModel realm = mock(RealmModel.class);

    private static WorkOsIdentityProviderConfig config(String baseUrl, String allowPlainHttp) {
        WorkOsIdentityProviderConfig config = new WorkOsIdentityProviderConfig();
        config.setAlias("workos");
        Map<String, String> values = new HashMap<>(Map.of("clientId", "client_1", "clientSecret", "sk_test_1"));
        if (baseUrl != null) {
            values.put("apiBaseUrl", baseUrl);
        }
        if (allowPlainHttp != null) {
            values.put("allowPlainHttp", allowPlainHttp);
        }
        config.setConfig(values);
        return config;
    }

    @Nested
    @DisplayName("Given the admin saves the provider (Keycloak calls validate)")
    class Validate {

        @ParameterizedTest
        @ValueSource(strings = {"https://api.workos.com", "https://workos-proxy.internal:8443/",
            "HTTPS://API.WORKOS.COM", "", "  "})
        @DisplayName("when the base URL is https, or empty (WorkOS production), then it is accepted")
        void httpsAccepted(String baseUrl) {
            assertThatCode(() -> config(baseUrl, null).validate(realm)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1:8090", "http://127.10.20.30", "http://localhost:8090",
            "http://LocalHost", "http://[::1]:8090", "http://[0:0:0:0:0:0:0:1]/"})
        @DisplayName("when plain http names a loopback address then it is accepted")
        void loopbackAccepted(String baseUrl) {
            assertThatCode(() -> config(baseUrl, null).validate(realm)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://workos-emulator:8090", "http://api.workos.com", "http://10.0.0.5:8090",
            "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://[::2]:8090", "http://128.0.0.1"})
        @DisplayName("when plain http names anything else then it is refused with a clear message")
        void plainHttpRefused(String baseUrl) {
            IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                    () -> config(baseUrl, null).validate(realm));

            assertThat(e).as(baseUrl).isNotNull();
            assertThat(e.getMessage()).contains("https", "Allow plain HTTP (development only)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://api.workos.com", "api.workos.com", "https://", "http//x", "https://exa mple"})
        @DisplayName("when the base URL is not an http(s) URL with a host then it is refused")
        void notAUrlRefused(String baseUrl) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> config(baseUrl, "true").validate(realm))).as(baseUrl).isNotNull();
        }

        @Test
        @DisplayName("when \"Allow plain HTTP\" is on then plain http to any host is accepted")
        void switchAllowsPlainHttp() {
            assertThatCode(() -> config("http://workos-emulator:8090", "true").validate(realm))
                    .doesNotThrowAnyException();
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> config("http://workos-emulator:8090", "false").validate(realm))).isNotNull();
        }
    }

    @Nested
    @DisplayName("Given the console's fields")
    class Fields {

        @Test
        @DisplayName("then the client ID and API key are not listed again: the console's own Client ID and Client "
                + "Secret fields hold them")
        void oneFieldPerSetting() {
            assertThat(WorkOsIdentityProviderConfigProperties.PROPERTIES).extracting(ProviderConfigProperty::getName)
                    .doesNotContain("clientId", "clientSecret")
                    .doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("then \"Allow plain HTTP (development only)\" is a switch, off by default, with help text")
        void allowPlainHttpField() {
            ProviderConfigProperty field = WorkOsIdentityProviderConfigProperties.PROPERTIES.stream()
                    .filter(property -> "allowPlainHttp".equals(property.getName())).findFirst().orElse(null);

            assertThat(field).isNotNull();
            assertThat(field.getLabel()).isEqualTo("Allow plain HTTP (development only)");
            assertThat(field.getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
            assertThat(field.getDefaultValue()).isEqualTo("false");
            assertThat(field.getHelpText()).contains("https", "loopback");
        }

        @Test
        @DisplayName("then the switch reads off when absent or unreadable, on only for true")
        void allowPlainHttpReader() {
            assertThat(config(null, null).getConfig().get("allowPlainHttp")).isNull();
            assertThatCode(() -> config("http://127.0.0.1", "yes").validate(realm)).doesNotThrowAnyException();
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> config("http://10.1.1.1", "yes").validate(realm))).isNotNull();
            assertThatCode(() -> config("http://10.1.1.1", "TRUE").validate(realm)).doesNotThrowAnyException();
        }
    }
}
