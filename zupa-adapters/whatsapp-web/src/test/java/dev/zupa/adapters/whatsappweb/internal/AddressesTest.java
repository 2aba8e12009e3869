package dev.zupa.adapters.whatsappweb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
    @ParameterizedTest
    @CsvSource({
        "5215512345678@c.us, '', 5215512345678",
        "5215512345678@s.whatsapp.net, '', 5215512345678",
        "99887766@lid, 5215512345678@c.us, 5215512345678",
        "99887766@lid, '', 99887766@lid",
        "99887766@lid, not-a-phone, 99887766@lid",
    })
    void sendersArePhoneNumbersWhenKnown(String from, String phone, String address) {
        var message = new WebMessage(
                "id",
                from,
                Optional.empty(),
                Optional.of(phone).filter(p -> !p.isEmpty()),
                "chat",
                "",
                0,
                false,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(Addresses.sender(message)).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource({
        "5215512345678, 5215512345678@c.us",
        "+5215512345678, 5215512345678@c.us",
        "99887766@lid, 99887766@lid",
        "5215512345678@c.us, 5215512345678@c.us",
        "120363@g.us, 120363@g.us",
    })
    void recipientsBecomeChatIds(String address, String chatId) {
        assertThat(Addresses.chatId(address)).isEqualTo(chatId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana", "+52 55 1234", "@lid", "123@", "12 3@lid", "123"})
    void refusesWhatIsNoAddress(String address) {
        assertThatThrownBy(() -> Addresses.chatId(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is neither a phone number");
    }
}
