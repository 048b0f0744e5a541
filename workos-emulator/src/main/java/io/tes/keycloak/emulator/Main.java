package io.tes.keycloak.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code java ... io.tes.keycloak.emulator.Main [--port 8090] [--seed file.json]}.
 * Without {@code --seed} it serves the pack's demo data.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8090;
        Seed seed = Seed.demo();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Seed.fromFile(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        WorkOsEmulator emulator = WorkOsEmulator.start(seed, port);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "workos-emulator-stop"));
        System.out.printf("WorkOS emulator on %s (client id %s, API key %s)%n", emulator.baseUrl(),
                emulator.clientId(), emulator.apiKey());
        new CountDownLatch(1).await();
    }
}
