package dev.zupa.examples.dashboard;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few customers ordering burgers in a loop, one message every {@link #PACE} in turn, so that the dashboard has
 * sessions opening and closing, turns, tool calls and latencies to show. Each customer greets, asks for the menu,
 * orders two dishes, checks the order and confirms it, which ends the session; the next greeting opens a new one.
 */
final class DemoCustomers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoCustomers.class);
    static final Duration PACE = Duration.ofMillis(250);

    private record Customer(String address, String name) {}

    private static final List<Customer> CUSTOMERS = List.of(
            new Customer("+15550101", "Ana"),
            new Customer("+15550102", "Bruno"),
            new Customer("+15550103", "Chen"),
            new Customer("+15550104", "Dara"));

    private static final List<String> SCRIPT =
            List.of("hi", "menu", "add 2 cheeseburger", "I want 1 milkshake please", "what did I order", "confirm");

    private final DemoTransport transport;
    private final Thread thread;

    private DemoCustomers(DemoTransport transport) {
        this.transport = transport;
        this.thread = Thread.ofVirtual().name("zupa-demo-customers").unstarted(this::loop);
    }

    static DemoCustomers start(DemoTransport transport) {
        var customers = new DemoCustomers(transport);
        customers.thread.start();
        return customers;
    }

    private void loop() {
        try {
            for (long step = 0; ; step++) {
                var customer = CUSTOMERS.get((int) (step % CUSTOMERS.size()));
                // customers are a line apart in the script, so they are at different stages of their orders
                int line = (int) ((step / CUSTOMERS.size() + step % CUSTOMERS.size()) % SCRIPT.size());
                if (!transport.say(customer.address(), customer.name(), SCRIPT.get(line))) {
                    return;
                }
                Thread.sleep(PACE);
            }
        } catch (InterruptedException e) {
            // closed: the load stops
        } catch (RuntimeException e) {
            // the agent could not store a message (it is closing, or its store failed): stop rather than spin
            log.warn("the demo's customers stop: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
