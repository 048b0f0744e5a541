package io.tes.keycloak.workos.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ThrottleKeys")
class ThrottleKeysTest {

    /** SHA-256 of "abc", FIPS 180-2's first example. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Nested
    @DisplayName("Given an email")
    class Emails {

        @Test
        @DisplayName("then the key is the SHA-256 (hex) of the trimmed, lower-cased email, never the email")
        void hashedLowerCase() {
            assertThat(ThrottleKeys.email(" ABC ")).isEqualTo("email:" + SHA256_ABC);
            assertThat(ThrottleKeys.email("Alice@Acme.test")).isEqualTo(ThrottleKeys.email("alice@acme.test"))
                    .doesNotContain("alice");
        }

        @Test
        @DisplayName("then reset requests count in a key space of their own")
        void resetRequestsApart() {
            assertThat(ThrottleKeys.resetRequest("abc")).isEqualTo("reset-request:" + SHA256_ABC);
        }
    }

    @Nested
    @DisplayName("Given a client address")
    class Addresses {

        @Test
        @DisplayName("then an IPv4 address is its own group, hashed in the limit's key space")
        void ipv4() {
            assertThat(ThrottleKeys.address("addr", "203.0.113.7")).startsWith("addr:").doesNotContain("203")
                    .isNotEqualTo(ThrottleKeys.address("addr", "203.0.113.8"))
                    .isNotEqualTo(ThrottleKeys.address("reset-link", "203.0.113.7"));
            assertThat(ThrottleKeys.addressGroup("203.0.113.7")).isEqualTo("203.0.113.7");
        }

        @Test
        @DisplayName("then IPv6 addresses of one /64 share a key, another /64 does not")
        void ipv6By64() {
            assertThat(ThrottleKeys.address("addr", "2001:db8:1:2:a::1"))
                    .isEqualTo(ThrottleKeys.address("addr", "2001:DB8:1:2:ffff:ffff:ffff:fffe"))
                    .isNotEqualTo(ThrottleKeys.address("addr", "2001:db8:1:3::1"));
            assertThat(ThrottleKeys.addressGroup("2001:db8:1:2:a::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
            assertThat(ThrottleKeys.addressGroup("fe80::1%eth0")).isEqualTo(ThrottleKeys.addressGroup("fe80::2"));
        }

        @Test
        @DisplayName("then an IPv4-mapped IPv6 address counts as the IPv4 address")
        void mapped() {
            assertThat(ThrottleKeys.addressGroup("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        }

        @Test
        @DisplayName("then something that is no address literal is taken as it is, never looked up in DNS")
        void noLiteral() {
            assertThat(ThrottleKeys.addressGroup("Proxy.Example")).isEqualTo("proxy.example");
            assertThat(ThrottleKeys.address("addr", null)).isNull();
            assertThat(ThrottleKeys.address("addr", " ")).isNull();
        }
    }
}
