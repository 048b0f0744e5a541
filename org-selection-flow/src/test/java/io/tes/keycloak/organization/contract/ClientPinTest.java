package io.tes.keycloak.organization.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperModel;

@DisplayName("ClientPin")
class ClientPinTest {

    private static ClientModel client(Map<String, String> attributes, ProtocolMapperModel... mappers) {
        ClientModel client = mock(ClientModel.class);
        attributes.forEach((name, value) -> when(client.getAttribute(name)).thenReturn(value));
        when(client.getProtocolMappersStream()).thenAnswer(call -> Stream.of(mappers));
        return client;
    }

    private static ProtocolMapperModel mapper(String providerId, String pinned) {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(providerId);
        mapper.setProtocolMapper(providerId);
        Map<String, String> config = new HashMap<>();
        if (pinned != null) {
            config.put(ClientPin.MAPPER_KEY, pinned);
        }
        mapper.setConfig(config);
        return mapper;
    }

    private static ProtocolMapperModel selectedOrganizationMapper(String pinned) {
        return mapper(ProviderIds.SELECTED_ORGANIZATION_MAPPER, pinned);
    }

    @Test
    @DisplayName("Given the keys then they are the documented ones")
    void documentedKeys() {
        assertThat(ClientPin.ATTRIBUTE).isEqualTo("tes.organization_id");
        assertThat(ClientPin.LEGACY_ATTRIBUTE).isEqualTo("workos.organization_id");
        assertThat(ProviderIds.SELECTED_ORGANIZATION_MAPPER).isEqualTo("tes-selected-organization-mapper");
    }

    @Nested
    @DisplayName("Given client attributes")
    class Attributes {

        @Test
        @DisplayName("when tes.organization_id is set then it is the pin, trimmed")
        void attribute() {
            assertThat(ClientPin.of(client(Map.of(ClientPin.ATTRIBUTE, "  org_acme ")))).isEqualTo("org_acme");
        }

        @Test
        @DisplayName("when only the legacy workos.organization_id is set then it is still read")
        void legacyAttribute() {
            assertThat(ClientPin.of(client(Map.of(ClientPin.LEGACY_ATTRIBUTE, "org_legacy"))))
                    .isEqualTo("org_legacy");
        }

        @Test
        @DisplayName("when both are set then the current attribute wins over the legacy one")
        void currentBeatsLegacy() {
            assertThat(ClientPin.of(client(Map.of(ClientPin.ATTRIBUTE, "org_new",
                    ClientPin.LEGACY_ATTRIBUTE, "org_old")))).isEqualTo("org_new");
        }

        @Test
        @DisplayName("when the current attribute is blank then the legacy one is used")
        void blankCurrentFallsToLegacy() {
            assertThat(ClientPin.of(client(Map.of(ClientPin.ATTRIBUTE, "  ",
                    ClientPin.LEGACY_ATTRIBUTE, " org_old ")))).isEqualTo("org_old");
        }

        @Test
        @DisplayName("when an attribute is set then it wins over the mapper's pin")
        void attributeBeatsMapper() {
            assertThat(ClientPin.of(client(Map.of(ClientPin.LEGACY_ATTRIBUTE, "org_attr"),
                    selectedOrganizationMapper("org_mapper")))).isEqualTo("org_attr");
        }
    }

    @Nested
    @DisplayName("Given a 'Selected organization' mapper")
    class Mapper {

        @Test
        @DisplayName("when its config pins and no attribute is set then the mapper's pin is used, trimmed")
        void mapperPin() {
            assertThat(ClientPin.of(client(Map.of(), selectedOrganizationMapper(" org_mapper "))))
                    .isEqualTo("org_mapper");
        }

        @Test
        @DisplayName("when the attributes are blank then the mapper's pin is used")
        void blankAttributesFallToMapper() {
            assertThat(ClientPin.of(client(Map.of(ClientPin.ATTRIBUTE, "", ClientPin.LEGACY_ATTRIBUTE, " "),
                    selectedOrganizationMapper("org_mapper")))).isEqualTo("org_mapper");
        }

        @Test
        @DisplayName("when another mapper type carries the key then it is ignored")
        void otherMapperIgnored() {
            assertThat(ClientPin.of(client(Map.of(), mapper("oidc-hardcoded-claim-mapper", "org_other"))))
                    .isNull();
        }

        @Test
        @DisplayName("when the first mapper has a blank or no pin then a later one's pin is used")
        void blankMapperSkipped() {
            assertThat(ClientPin.of(client(Map.of(), selectedOrganizationMapper("  "),
                    selectedOrganizationMapper(null), selectedOrganizationMapper("org_second"))))
                    .isEqualTo("org_second");
        }
    }

    @Nested
    @DisplayName("Given nothing that pins")
    class Unpinned {

        @Test
        @DisplayName("then no pin, also for a missing client")
        void noPin() {
            assertThat(ClientPin.of(client(Map.of(), selectedOrganizationMapper(null)))).isNull();
            assertThat(ClientPin.of(client(Map.of(ClientPin.ATTRIBUTE, " \t")))).isNull();
            assertThat(ClientPin.of(null)).isNull();
        }
    }
}
