package dev.zupa.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM for crash tests: it runs a main class on this JVM's class path, and the test kills it with SIGKILL
 * at a moment of its choosing. The child says {@code READY} on a line of its own once it serves, and {@code DONE}
 * when its work is finished; everything it prints is kept for failure messages.
 *
 * <pre>{@code
 * var child = ChildJvm.start(Worker.class, List.of("-Xmx256m"), List.of(db.toString()));
 * child.awaitReady(Duration.ofSeconds(60));
 * boolean killed = child.killAfter(Duration.ofMillis(200));
 * }</pre>
 *
 * @since 0.1
 */
public final class ChildJvm {
    /** The exit status of a process killed with SIGKILL: 128 + 9. */
    public static final int KILLED = 137;

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();
    private volatile long readyAt;
    private volatile long doneAt;

    private ChildJvm(Process process) {
        this.process = process;
        Thread.ofVirtual().name("child-jvm-output").start(this::drain);
    }

    /**
     * Starts a child JVM running {@code mainClass} with this JVM's java and class path, logging at warn.
     *
     * @param mainClass the class whose {@code main} runs; never null
     * @param jvmOptions options before the class name, such as {@code -Xmx256m}; never null
     * @param arguments the program arguments; never null
     * @return the running child; never null
     * @throws IOException when the process cannot be started
     */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        Objects.requireNonNull(mainClass, "mainClass");
        var java = ProcessHandle.current().info().command().orElseThrow(() -> new IOException("no java command"));
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        return new ChildJvm(
                new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Waits until the child printed {@code READY}; if it exits first, waits for its exit so that the caller's exit
     * status check reports its output.
     *
     * @param limit how long to wait; never null
     * @throws InterruptedException when interrupted
     */
    public void awaitReady(Duration limit) throws InterruptedException {
        try {
            if (!ready.get(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                awaitExit(limit);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the child was not ready in " + limit + "; output:\n" + output, e);
        }
    }

    /**
     * Kills the child with SIGKILL after a delay, unless it exits first.
     *
     * @param delay how long to let it run; never null
     * @return true when it was killed, false when it exited by itself
     * @throws InterruptedException when interrupted
     */
    public boolean killAfter(Duration delay) throws InterruptedException {
        if (process.waitFor(delay.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        process.destroyForcibly(); // SIGKILL on Linux and macOS
        process.waitFor();
        return process.exitValue() == KILLED;
    }

    /**
     * Waits for the child to exit; one that runs past the limit is killed and fails the test with its output.
     *
     * @param limit how long to wait; never null
     * @throws InterruptedException when interrupted
     */
    public void awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new AssertionError("the child did not finish in " + limit + "; output:\n" + output);
        }
    }

    /** Kills the child if it still runs; for {@code finally} blocks. */
    public void destroy() {
        process.destroyForcibly();
    }

    /**
     * The child's exit status.
     *
     * @return the status
     * @throws IllegalThreadStateException when it has not exited
     */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * What the child printed so far, standard error included.
     *
     * @return the output; never null
     */
    public String output() {
        return output.toString();
    }

    /**
     * The time from {@code READY} to {@code DONE}, or zero when the child did not print both.
     *
     * @return the time it worked; never null
     */
    public Duration workTime() {
        long ready = readyAt;
        long done = doneAt;
        return ready == 0 || done == 0 ? Duration.ZERO : Duration.ofNanos(done - ready);
    }

    private void drain() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("READY")) {
                    readyAt = System.nanoTime();
                    ready.complete(true);
                } else if (line.equals("DONE")) {
                    doneAt = System.nanoTime();
                }
            }
        } catch (IOException e) {
            output.append("(reading the child's output failed: ").append(e).append(")\n");
        } finally {
            ready.complete(false);
        }
    }
}
