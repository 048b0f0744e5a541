package io.tes.keycloak.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** File system helpers for the distributions and databases the runner and the tests set up. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes a file or folder with everything under it; does nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            // Deepest first, so every folder is empty when its turn comes.
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
