package dev.shapesvae.runtime.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a request to stop, so the service can finish what is in
 * flight and exit 0, as a process manager expects after asking it to stop. With a plain shutdown
 * hook the JVM would exit 143 and stop the server while the hook still runs.
 */
final class StopSignals {
    private final CountDownLatch stop = new CountDownLatch(1);

    private StopSignals() {
    }

    /** Installs the handlers; the second signal of either kind ends the process at once. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (signals.stop.getCount() == 0) {
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                signals.stop.countDown();
            });
        }
        return signals;
    }

    /** Blocks until a stop signal arrives. */
    void await() throws InterruptedException {
        stop.await();
    }
}
