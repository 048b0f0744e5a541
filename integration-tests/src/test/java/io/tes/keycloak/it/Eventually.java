package io.tes.keycloak.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for something the server does in the background (the WorkOS event poll) to show. */
final class Eventually {

    private Eventually() {
    }

    /** Checks every 250 ms until the check passes (no exception, true) or the time is up, then fails with the cause. */
    static void within(Duration limit, String what, Callable<Boolean> check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.call()) {
                    return;
                }
                last = null;
            } catch (AssertionError | Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not within " + limit.toSeconds() + " s: " + what, last);
    }

    /** Waits a given time, for checks that something did not happen. */
    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
