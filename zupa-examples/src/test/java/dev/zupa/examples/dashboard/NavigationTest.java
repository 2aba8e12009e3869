package dev.zupa.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NavigationTest {
    private final Navigation navigation = new Navigation();
    private final List<SessionRow> three = Fixtures.threeSessions();

    @Test
    void selectsTheFirstSessionOnceThereAreSessions() {
        assertThat(navigation.selectedRow()).isEmpty();
        assertThat(navigation.press(Key.DOWN)).isEqualTo(new Navigation.Action.None());

        navigation.sessions(three);

        assertThat(navigation.selectedRow()).contains(three.get(0));
        assertThat(navigation.index()).isZero();
    }

    @Test
    void movesDownAndUpAndStopsAtTheEnds() {
        navigation.sessions(three);

        navigation.press(Key.UP);
        assertThat(navigation.index()).isZero();
        navigation.press(Key.DOWN);
        navigation.press(Key.DOWN);
        navigation.press(Key.DOWN);
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-chen");
        navigation.press(Key.UP);
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-bruno");
    }

    @Test
    void theSelectionFollowsItsSessionWhenTheListIsReordered() {
        navigation.sessions(three);
        navigation.press(Key.DOWN);

        // Chen wrote: the list is ordered by last activity, so Chen moves to the top
        navigation.sessions(List.of(three.get(2), three.get(0), three.get(1)));

        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-bruno");
        assertThat(navigation.index()).isEqualTo(2);
        navigation.press(Key.UP);
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-ana");
    }

    @Test
    void whenTheSelectedSessionEndsTheCursorStaysWhereItWas() {
        navigation.sessions(three);
        navigation.press(Key.DOWN);

        navigation.sessions(List.of(three.get(0), three.get(2)));
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-chen");

        navigation.sessions(List.of(three.get(0)));
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-ana");

        navigation.sessions(List.of());
        assertThat(navigation.selectedRow()).isEmpty();
        assertThat(navigation.press(Key.ENTER)).isEqualTo(new Navigation.Action.None());
        assertThat(navigation.openSession()).isEmpty();
    }

    @Test
    void enterOpensTheSelectedSessionAndEscapeOrBackspaceComesBack() {
        navigation.sessions(three);
        navigation.press(Key.DOWN);

        assertThat(navigation.press(Key.ENTER)).isEqualTo(new Navigation.Action.Open(three.get(1)));
        assertThat(navigation.openSession()).contains(three.get(1));
        // on the ledger, arrows and Enter do not move the selection underneath
        assertThat(navigation.press(Key.DOWN)).isEqualTo(new Navigation.Action.None());
        assertThat(navigation.press(Key.ENTER)).isEqualTo(new Navigation.Action.None());
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-bruno");

        assertThat(navigation.press(Key.BACK)).isEqualTo(new Navigation.Action.None());

        assertThat(navigation.openSession()).isEmpty();
        assertThat(navigation.selectedRow().orElseThrow().id()).isEqualTo("s-bruno");
        // back on the list has nowhere further to go
        assertThat(navigation.press(Key.BACK)).isEqualTo(new Navigation.Action.None());
    }

    @Test
    void theOpenSessionStaysOpenWhenItLeavesTheActiveList() {
        navigation.sessions(three);
        navigation.press(Key.ENTER);

        navigation.sessions(List.of(three.get(1)));

        assertThat(navigation.openSession()).contains(three.get(0));
    }

    @Test
    void pTogglesPauseAndQQuitsOnEitherPage() {
        navigation.sessions(three);
        assertThat(navigation.press(Key.PAUSE)).isEqualTo(new Navigation.Action.TogglePause());
        assertThat(navigation.press(Key.QUIT)).isEqualTo(new Navigation.Action.Quit());

        navigation.press(Key.ENTER);

        assertThat(navigation.press(Key.PAUSE)).isEqualTo(new Navigation.Action.TogglePause());
        assertThat(navigation.openSession()).isPresent();
        assertThat(navigation.press(Key.QUIT)).isEqualTo(new Navigation.Action.Quit());
    }
}
