package io.tes.keycloak.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code java -jar tes-workos-emulator-<version>-standalone.jar [--host 127.0.0.1]
 * [--port 8090] [--seed file.json] [--public-url http://workos-emulator:8090]}. Without {@code --seed} it serves the
 * pack's demo data; {@code --public-url} is the URL Keycloak uses to reach it when that is not the bind address
 * (a container's service name), so the tokens' issuer names it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8090;
        String publicUrl = null;
        Seed seed = Seed.demo();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--public-url" -> publicUrl = args[i + 1];
                case "--seed" -> seed = Seed.fromFile(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        WorkOsEmulator emulator = WorkOsEmulator.start(seed, host, port);
        if (publicUrl != null) {
            emulator.publicBaseUrl(publicUrl);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "workos-emulator-stop"));
        System.out.printf("WorkOS emulator on %s (client id %s, API key %s)%n", emulator.baseUrl(),
                emulator.clientId(), emulator.apiKey());
        new CountDownLatch(1).await();
    }
}
