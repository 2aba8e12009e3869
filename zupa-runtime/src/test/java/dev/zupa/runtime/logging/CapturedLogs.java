package dev.zupa.runtime.logging;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The runtime tests' SLF4J binding: it keeps every log line with the MDC it was written under, so that a test can
 * check which lines carry a correlation id, and prints warnings and errors to standard error as slf4j-simple would.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    /** One log line and the MDC of the thread that wrote it. */
    public record Line(String logger, Level level, String message, String thread, Map<String, String> mdc) {}

    private static final List<Line> LINES = new CopyOnWriteArrayList<>();
    private static final PrintStream ERR = System.err;

    private final ThreadMdc mdc = new ThreadMdc();
    private final BasicMarkerFactory markers = new BasicMarkerFactory();
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /** Everything logged since the last {@link #clear()}. */
    public static List<Line> lines() {
        return List.copyOf(LINES);
    }

    /** Forgets what was logged. */
    public static void clear() {
        LINES.clear();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, Capturing::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {}

    private final class Capturing extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        Capturing(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            var text = MessageFormatter.basicArrayFormat(pattern, arguments);
            LINES.add(new Line(name, level, text, Thread.currentThread().getName(), mdc.getCopyOfContextMap()));
            if (level.toInt() >= Level.WARN.toInt()) {
                ERR.println("[" + Thread.currentThread().getName() + "] " + level + " " + name + " - " + text);
                if (throwable != null) {
                    throwable.printStackTrace(ERR);
                }
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }
}
