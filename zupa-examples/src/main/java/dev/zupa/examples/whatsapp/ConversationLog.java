package dev.zupa.examples.whatsapp;

import dev.zupa.adapters.whatsappweb.QrCodes;
import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.TransportEvent;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.AgentListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints what a WhatsApp demo does, so the terminal shows the conversation while the phone shows the chat: each
 * message received, each reply and how it was delivered, and the transport's connection events, with the QR code
 * to scan when WhatsApp Web asks for one.
 *
 * <p>Thread-safe: the agent calls it from several threads, and {@link PrintStream} prints whole lines.
 */
final class ConversationLog implements AgentListener {
    private final String agentName;
    private final String readyLine;
    private final PrintStream out;

    /**
     * @param agentName the label of the agent's replies
     * @param readyLine what to print when the transport is ready: what the user can do now
     * @param out the terminal
     */
    ConversationLog(String agentName, String readyLine, PrintStream out) {
        this.agentName = Objects.requireNonNull(agentName, "agentName");
        this.readyLine = Objects.requireNonNull(readyLine, "readyLine");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onEvent(AgentEvent event) {
        switch (event) {
            case AgentEvent.InboundReceived received -> {
                var message = received.message();
                var sender = message.from()
                        + message.senderName().map(n -> " (" + n + ")").orElse("");
                out.println(sender + ": " + describe(message.type(), message.text()));
            }
            case AgentEvent.TurnCompleted turn -> out.println(agentName + ": " + turn.reply());
            case AgentEvent.TurnFailed failed -> out.println("[demo] the turn failed (" + failed.error() + ")");
            case AgentEvent.OutboundSent sent ->
                out.println("[demo] sent to " + sent.to() + " as "
                        + sent.modality().name().toLowerCase(Locale.ROOT));
            case AgentEvent.OutboundFailed failed -> out.println("[demo] could not deliver a reply: " + failed.error());
            case AgentEvent.Transport transport -> connection(transport.event());
            default -> {
                // sessions, duplicates, provider timings: the ledger keeps them; the terminal stays readable
            }
        }
    }

    private void connection(TransportEvent event) {
        switch (event) {
            case TransportEvent.QrRequested qr -> {
                // one print, so that no other line lands inside the code
                out.print("[demo] scan this QR code with WhatsApp on your phone: Settings > Linked devices > Link a"
                        + " device (it changes every few seconds until scanned)\n" + QrCodes.terminal(qr.qr()));
                out.flush();
            }
            case TransportEvent.Authenticated ignored -> out.println("[demo] logged in to WhatsApp Web");
            case TransportEvent.Ready ignored -> out.println(readyLine);
            case TransportEvent.AuthFailed failed ->
                out.println("[demo] the stored login was refused (" + failed.reason() + "); a new QR code follows");
            case TransportEvent.Disconnected disconnected ->
                out.println("[demo] disconnected: " + disconnected.reason());
            case TransportEvent.ReplyWindowClosed closed ->
                out.println("[demo] " + closed.to() + " last wrote more than 24 hours ago; only a template can reach"
                        + " them now");
            case TransportEvent.DeliveryStatus ignored -> {
                // sent, delivered, read: one line each would drown the conversation
            }
        }
    }

    private static String describe(ContentType type, String text) {
        return switch (type) {
            case TEXT, INTERACTIVE -> text;
            case VOICE -> "[voice note]";
            default -> "[" + type.name().toLowerCase(Locale.ROOT) + "]" + (text.isBlank() ? "" : " " + text);
        };
    }
}
