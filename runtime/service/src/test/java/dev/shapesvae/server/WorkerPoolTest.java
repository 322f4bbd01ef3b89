package dev.shapesvae.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker pool times how long each task waited for a worker: the queue time of the inference statistics. */
@Timeout(30)
class WorkerPoolTest {
    @Test
    void aTaskKnowsHowLongItWaitedForTheOnlyWorker() throws Exception {
        WorkerPool pool = new WorkerPool(1);
        try {
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long submitted = System.nanoTime();
            CompletableFuture<Long> waited = CompletableFuture.supplyAsync(WorkerPool::queuedNanos, pool);
            Thread.sleep(300);
            release.countDown();

            long queued = waited.get(10, TimeUnit.SECONDS);
            assertThat(queued).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300)).isLessThanOrEqualTo(System.nanoTime() - submitted);
            assertThat(WorkerPool.queuedNanos()).as("off the pool").isZero();
        } finally {
            pool.shutdown();
        }
    }
}
