package dev.zupa.adapters.whatsappcloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextChunksTest {
    @Test
    void shortTextIsOnePiece() {
        assertThat(TextChunks.split("hola", 4096)).containsExactly("hola");
    }

    @Test
    void splitsAtAParagraphThenAWord() {
        String text = "a".repeat(60) + "\n\n" + "b".repeat(30) + " " + "c".repeat(30);

        assertThat(TextChunks.split(text, 80)).containsExactly("a".repeat(60), "b".repeat(30) + " " + "c".repeat(30));
        assertThat(TextChunks.split("w".repeat(50) + " " + "x".repeat(50), 80))
                .containsExactly("w".repeat(50), "x".repeat(50));
    }

    @Test
    void hardCutNeverSplitsASurrogatePair() {
        String text = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(5);

        var pieces = TextChunks.split(text, 10);

        assertThat(pieces).containsExactly("a".repeat(9), "\uD83D\uDE00" + "b".repeat(5));
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void everyPieceFitsTheLimit() {
        String text = "word ".repeat(2000);

        var pieces = TextChunks.split(text, MessageBodies.MAX_TEXT);

        assertThat(pieces).hasSize(3).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
    }
}
