package io.tes.keycloak.workos.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keys the throttle's counts live under in Keycloak's login-failure store, next to Keycloak's own (which are user
 * ids, never of this shape): a key space, a colon and the SHA-256 (hex) of the lower-cased email or of the client
 * address, so the store holds neither. An IPv6 address counts by its /64, which one household or office usually
 * holds whole; an IPv4-mapped IPv6 address counts as the IPv4 address.
 */
final class ThrottleKeys {

    static final String EMAIL = "email";
    static final String RESET_REQUEST = "reset-request";
    static final String CODE = "code";
    static final String ADDRESS = "addr";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int IPV6_PREFIX_BYTES = 8;

    private ThrottleKeys() {
    }

    static String email(String email) {
        return EMAIL + ":" + sha256(normalEmail(email));
    }

    static String code(String email) {
        return CODE + ":" + sha256(normalEmail(email));
    }

    static String resetRequest(String email) {
        return RESET_REQUEST + ":" + sha256(normalEmail(email));
    }

    /** The key of the client address in that key space; null when there is no address. */
    static String address(String space, String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return null;
        }
        return space + ":" + sha256(addressGroup(remoteAddress.trim()));
    }

    /** The address as counted: an IPv4 address, or the /64 of an IPv6 one; anything else as it is. */
    static String addressGroup(String address) {
        int zone = address.indexOf('%');
        String literal = zone < 0 ? address : address.substring(0, zone);
        // Only literals are parsed: InetAddress would look a host name up in DNS.
        if (!literal.contains(":") && !IPV4.matcher(literal).matches()) {
            return literal.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, IPV6_PREFIX_BYTES), 16);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException | SecurityException malformed) {
            return literal.toLowerCase(Locale.ROOT);
        }
    }

    private static String normalEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
