package dev.zupa.adapters.whatsappweb.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns WhatsApp Web chat ids into Zupa addresses and back. A person's address is the phone number, digits only
 * ({@code 5215512345678}, as the WhatsApp Cloud API's {@code wa_id}); a {@code @lid} privacy id that cannot be
 * resolved to a number stays whole ({@code 123456789@lid}) so that it can never be taken for a phone number.
 */
public final class Addresses {
    private static final Pattern PHONE_CHAT = Pattern.compile("(\\d{5,20})@(?:c\\.us|s\\.whatsapp\\.net)");
    private static final Pattern PHONE = Pattern.compile("\\+?(\\d{5,20})");

    private Addresses() {}

    /**
     * The address of a message's sender: the phone number when the chat id or the sidecar's {@code @lid} lookup
     * gives one, the chat id otherwise.
     *
     * @param message the message
     * @return the address; never blank
     */
    public static String sender(WebMessage message) {
        return message.phone()
                .flatMap(Addresses::phoneNumber)
                .or(() -> phoneNumber(message.from()))
                .orElse(message.from());
    }

    /**
     * The phone number in a person's chat id.
     *
     * @param chatId a chat id such as {@code 5215512345678@c.us}
     * @return the digits, or empty for any other kind of id
     */
    public static Optional<String> phoneNumber(String chatId) {
        var matcher = PHONE_CHAT.matcher(chatId);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The chat id to send to.
     *
     * @param address a phone number (digits, an optional leading {@code +}) or a whole chat id ({@code …@lid},
     *     {@code …@c.us}, {@code …@g.us})
     * @return the chat id
     * @throws IllegalArgumentException when the address is neither
     */
    public static String chatId(String address) {
        var phone = PHONE.matcher(address);
        if (phone.matches()) {
            return phone.group(1) + "@c.us";
        }
        int at = address.indexOf('@');
        if (at > 0 && at < address.length() - 1 && address.chars().noneMatch(Character::isWhitespace)) {
            return address;
        }
        throw new IllegalArgumentException(
                "'" + address + "' is neither a phone number (digits) nor a WhatsApp chat id (such as 123@lid)");
    }
}
