package dev.shapesvae.server;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed pool of {@code --workers} threads that runs every request touching a model, whether it
 * came over REST ({@code @ExecuteOn}) or gRPC; requests beyond it wait in the pool's queue. More
 * concurrent model runs than cores only adds context switches and tail latency.
 *
 * <p>Each task knows how long it waited for a worker ({@link #queuedNanos()}): the queue time of
 * the inference statistics, measured the same way for every transport.
 */
public final class WorkerPool extends ThreadPoolExecutor {
    private static final ThreadLocal<Long> QUEUED = ThreadLocal.withInitial(() -> 0L);

    WorkerPool(int workers) {
        super(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads());
    }

    /** The pool as the executor {@code @ExecuteOn(INFERENCE_EXECUTOR)} names (Micronaut may wrap it to export its metrics). */
    @Factory
    static final class Beans {
        @Singleton
        @Named(ShapesServer.INFERENCE_EXECUTOR)
        @Bean(preDestroy = "shutdown")
        ExecutorService workers(ServerSettings settings) {
            return new WorkerPool(settings.workers());
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void execute(Runnable task) {
        long submitted = System.nanoTime();
        super.execute(() -> {
            QUEUED.set(System.nanoTime() - submitted);
            try {
                task.run();
            } finally {
                QUEUED.remove();
            }
        });
    }

    /** How long the task running on this thread waited for a worker, in nanoseconds; 0 off the pool. */
    public static long queuedNanos() {
        return QUEUED.get();
    }
}
