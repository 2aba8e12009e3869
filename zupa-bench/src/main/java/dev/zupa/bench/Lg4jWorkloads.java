package dev.zupa.bench;

import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.FileSystemSaver;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.serializer.std.ObjectStreamStateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channel;
import org.bsc.langgraph4j.state.Channels;

/** The same benchmark graphs built with LangGraph4j 1.8.17, with its defaults. */
final class Lg4jWorkloads {
    private Lg4jWorkloads() {}

    /** Which LangGraph4j checkpoint saver a target uses. */
    enum Saver {
        MEMORY,
        FILE
    }

    static CompiledGraph<AgentState> linear(BaseCheckpointSaver saver) throws GraphStateException {
        var graph = new StateGraph<AgentState>(AgentState::new);
        var previous = StateGraph.START;
        for (int i = 1; i <= ZupaWorkloads.LINEAR_NODES; i++) {
            var name = "n" + i;
            graph.addNode(
                    name,
                    node_async(state -> Map.of("n", state.<Integer>value("n").orElse(0) + 1)));
            graph.addEdge(previous, name);
            previous = name;
        }
        graph.addEdge(previous, StateGraph.END);
        return graph.compile(CompileConfig.builder().checkpointSaver(saver).build());
    }

    /**
     * The fan-out graph. {@code withDuplicates} picks {@code Channels.appenderWithDuplicate} (plain append), otherwise
     * {@code Channels.appender} (drops values whose hash is already in the list; correct here, as all items differ).
     */
    static CompiledGraph<AgentState> fanout(BaseCheckpointSaver saver, boolean withDuplicates, int sleepMs)
            throws GraphStateException {
        Channel<List<String>> items =
                withDuplicates ? Channels.appenderWithDuplicate(ArrayList::new) : Channels.appender(ArrayList::new);
        Map<String, Channel<?>> schema = Map.of("items", items);
        var graph = new StateGraph<AgentState>(schema, AgentState::new);
        graph.addNode("seed", node_async(state -> Map.of("items", List.of("seed"))));
        graph.addEdge(StateGraph.START, "seed");
        for (int i = 1; i <= ZupaWorkloads.BRANCHES; i++) {
            var name = "b" + i;
            graph.addNode(name, node_async(state -> {
                if (sleepMs > 0) {
                    Thread.sleep(sleepMs);
                }
                return Map.of("items", List.of(name));
            }));
            graph.addEdge("seed", name);
            graph.addEdge(name, "join");
        }
        graph.addNode("join", node_async(state -> Map.of("count", items(state).size())));
        graph.addEdge("join", StateGraph.END);
        return graph.compile(CompileConfig.builder().checkpointSaver(saver).build());
    }

    static List<String> items(AgentState state) {
        return state.<List<String>>value("items").orElse(List.of());
    }

    static BaseCheckpointSaver saver(Saver kind, Path dir) {
        return switch (kind) {
            case MEMORY -> new MemorySaver();
            case FILE -> new FileSystemSaver(dir, new ObjectStreamStateSerializer<>(AgentState::new));
        };
    }

    static RunnableConfig config(String threadId) {
        return RunnableConfig.builder().threadId(threadId).build();
    }

    /**
     * A contender; {@code workload} is linear, fanout or fanout-dup (fan-out over appenderWithDuplicate).
     */
    static Harness.Contender contender(String name, String workload, int sleepMs, Saver saverKind, Path dir) {
        return new Harness.Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Harness.Target create(String label) throws Exception {
                var files = dir.resolve("lg4j-" + label + "-" + System.nanoTime());
                if (saverKind == Saver.FILE) {
                    Files.createDirectories(files);
                }
                var saver = saver(saverKind, files);
                var graph = workload.equals("linear")
                        ? linear(saver)
                        : fanout(saver, workload.equals("fanout-dup"), sleepMs);
                return new Lg4jTarget(graph, !workload.equals("linear"), saverKind == Saver.FILE ? files : null);
            }
        };
    }

    private record Lg4jTarget(CompiledGraph<AgentState> graph, boolean fanout, Path files) implements Harness.Target {
        @Override
        public boolean invoke(String threadId) {
            if (fanout) {
                var state = graph.invoke(Map.of(), config(threadId));
                if (state.isEmpty()) {
                    return false;
                }
                var items = new ArrayList<>(items(state.get()));
                items.sort(Comparator.naturalOrder());
                var expected = new ArrayList<>(ZupaWorkloads.FANOUT_EXPECTED);
                expected.sort(Comparator.naturalOrder());
                return items.equals(expected)
                        && state.get().<Integer>value("count").orElse(-1) == expected.size();
            }
            var state = graph.invoke(Map.of("n", 0), config(threadId));
            return state.isPresent() && state.get().<Integer>value("n").orElse(-1) == ZupaWorkloads.LINEAR_NODES;
        }

        @Override
        public long checkpointsOf(String threadId) {
            return graph.getStateHistory(config(threadId)).size();
        }

        @Override
        public void close() {
            if (files != null) {
                deleteTree(files);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
