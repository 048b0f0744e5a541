package io.tes.keycloak.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tes.keycloak.runner.KeycloakServer;

/**
 * A node's live heap: {@code jcmd <pid> GC.run} (a full collection), then {@code jcmd <pid> GC.heap_info}, whose
 * lines {@code ... total 524288K, used 123456K} (G1's one heap line, or each generation of other collectors) add up
 * to what survived. Needs the JDK's {@code jcmd} on the path and the same user as the Keycloak JVM.
 */
final class NodeHeap {

    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private NodeHeap() {
    }

    /** The node's heap in use after a full GC, in bytes. */
    static long afterFullGc(KeycloakServer node) throws IOException, InterruptedException {
        jcmd(node, "GC.run");
        String info = jcmd(node, "GC.heap_info");
        Matcher used = USED.matcher(info);
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("No heap figure in jcmd GC.heap_info:\n" + info);
        }
        return kilobytes * 1024;
    }

    private static String jcmd(KeycloakServer node, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", Long.toString(node.pid()), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + command + " failed:\n" + output);
        }
        return output;
    }
}
