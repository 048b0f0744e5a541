package io.tes.keycloak.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keycloak's file vault ({@code --vault=file}): one file per secret in the vault folder, named after the realm and
 * the key with each {@code _} in either doubled, joined by one {@code _}, so {@code ${vault.workos_api_key}} in realm
 * {@code tes} reads {@code tes_workos__api__key}. Keycloak reads the file on every use.
 */
public final class FileVault {

    private FileVault() {
    }

    /** The file that holds {@code ${vault.<key>}} of that realm (Keycloak's default key resolver). */
    public static String fileName(String realm, String key) {
        return realm.replace("_", "__") + "_" + key.replace("_", "__");
    }

    /** Writes the secret into the vault folder as that realm's key; returns the file. */
    public static Path put(Path folder, String realm, String key, String secret) throws IOException {
        Path file = folder.resolve(fileName(realm, key));
        write(file, secret);
        return file;
    }

    /** Writes a vault file readable by its owner only, where the file system has POSIX permissions. */
    static void write(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(file, secret, StandardCharsets.UTF_8);
    }
}
