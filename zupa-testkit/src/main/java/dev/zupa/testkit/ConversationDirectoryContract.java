package dev.zupa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link ConversationDirectory} must have, as a JUnit 5 test suite. The in-memory directory
 * ({@link ConversationDirectory#inMemory()}) is the reference; a directory passes this suite to prove it can stand in
 * for it.
 *
 * <p>Extend it in a test class and implement {@link #createDirectory()}; a durable directory also overrides
 * {@link #reopen()} so that the suite can check that what was stored survives closing the directory:
 *
 * <pre>{@code
 * class SqliteConversationDirectoryTest extends ConversationDirectoryContract {
 *     @TempDir Path dir;
 *
 *     protected ConversationDirectory createDirectory() {
 *         return SqliteConversationDirectory.open(dir.resolve("test.db"));
 *     }
 *
 *     protected Optional<ConversationDirectory> reopen() {
 *         return Optional.of(SqliteConversationDirectory.open(dir.resolve("test.db")));
 *     }
 * }
 * }</pre>
 *
 * <p>JUnit creates a new instance of the test class for every test, calls {@link #createDirectory()} before it and
 * closes the directory after it. Times are fixed instants with nanoseconds, which a directory must store exactly.
 *
 * @since 0.1
 */
public abstract class ConversationDirectoryContract {
    private static final String TRANSPORT = "telegram";
    private static final String OTHER_TRANSPORT = "whatsapp";
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final int RACERS = 16;

    private final SequentialIds userIds = SequentialIds.withPrefix("user");
    private final SequentialIds sessionIds = SequentialIds.withPrefix("session");
    private ConversationDirectory directory;

    /** For subclasses. */
    protected ConversationDirectoryContract() {}

    /**
     * Creates the directory under test, empty. Called once before every test.
     *
     * @return a new, empty, open directory; never null
     */
    protected abstract ConversationDirectory createDirectory();

    /**
     * Opens a new directory over the same storage as the directory the last {@link #createDirectory()} call
     * returned, which the suite has closed before calling this. A directory with no durable storage (the in-memory
     * one) keeps the default, and the durability test is skipped for it.
     *
     * @return a new directory over the same storage, or empty when the directory cannot be reopened; never null
     */
    protected Optional<ConversationDirectory> reopen() {
        return Optional.empty();
    }

    /**
     * The directory of the running test.
     *
     * @return the directory created for this test (or reopened by it); never null
     */
    protected final ConversationDirectory directory() {
        return directory;
    }

    /** Creates the directory for one test. */
    @BeforeEach
    public final void createDirectoryUnderTest() {
        directory = createDirectory();
    }

    /** Closes the directory after one test. */
    @AfterEach
    public final void closeDirectoryUnderTest() {
        directory.close();
    }

    /** A new address gets a new user with the given id, name and time, and the default preference MIRROR. */
    @Test
    public void userForCreatesAUserWithTheMirrorPreference() {
        var user = directory.userFor(TRANSPORT, "+385 91 000", "Ana", () -> new UserId("u-1"), T0);

        assertThat(user)
                .isEqualTo(new User(new UserId("u-1"), TRANSPORT, "+385 91 000", "Ana", ReplyPreference.MIRROR, T0));
        assertThat(directory.user(new UserId("u-1"))).contains(user);
    }

    /** A known address returns the stored user as it is, without asking for an id; name and time are ignored. */
    @Test
    public void userForReturnsTheExistingUserWithoutCallingNewId() {
        var first = newUser("ana", "Ana");

        var again = directory.userFor(TRANSPORT, "ana", "Someone else", mustNotBeCalled(), T0.plusSeconds(60));

        assertThat(again).isEqualTo(first);
        assertThat(again.displayName()).isEqualTo("Ana");
        assertThat(again.createdAt()).isEqualTo(T0);
    }

    /** Users are keyed by transport and address together. */
    @Test
    public void usersAreKeyedByTransportAndAddress() {
        var ana = newUser("ana", "Ana");
        var anaElsewhere = directory.userFor(OTHER_TRANSPORT, "ana", "Ana", userId(), T0);
        var bob = newUser("bob", "Bob");

        assertThat(List.of(ana.id(), anaElsewhere.id(), bob.id())).doesNotHaveDuplicates();
        assertThat(directory.userFor(OTHER_TRANSPORT, "ana", "Ana", mustNotBeCalled(), T0))
                .isEqualTo(anaElsewhere);
        assertThat(directory.user(bob.id())).contains(bob);
    }

    /** Blank transport, address or display name is a programming error, reported by argument name. */
    @Test
    public void userForRejectsBlankTextNamingTheArgument() {
        assertThatThrownBy(() -> directory.userFor(" ", "ana", "Ana", userId(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transport");
        assertThatThrownBy(() -> directory.userFor(TRANSPORT, "", "Ana", userId(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address");
        assertThatThrownBy(() -> directory.userFor(TRANSPORT, "ana", "\t", userId(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("displayName");
    }

    /** An id supplier that hands out the id of another user is refused, and no user is created. */
    @Test
    public void userForRejectsTheIdOfAnotherUser() {
        var ana = newUser("ana", "Ana");

        assertThatThrownBy(() -> directory.userFor(TRANSPORT, "bob", "Bob", ana::id, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ana.id().value());
        assertThat(directory.user(ana.id())).contains(ana);
        assertThat(directory
                        .userFor(TRANSPORT, "bob", "Bob", () -> new UserId("bob-id"), T0)
                        .id())
                .isEqualTo(new UserId("bob-id"));
    }

    /** Ids that were never stored read as empty rather than failing. */
    @Test
    public void unknownIdsReadAsEmpty() {
        var ana = newUser("ana", "Ana");
        directory.activeSession(ana.id(), sessionId(), T0);

        assertThat(directory.user(new UserId("nobody"))).isEmpty();
        assertThat(directory.session(new SessionId("nothing"))).isEmpty();
        assertThat(directory.endedSessions(new UserId("nobody"), 10)).isEmpty();
    }

    /** A preference once set is what both lookups return. */
    @Test
    public void setPreferenceIsStored() {
        var ana = newUser("ana", "Ana");
        var bob = newUser("bob", "Bob");

        directory.setPreference(ana.id(), ReplyPreference.VOICE);
        directory.setPreference(ana.id(), ReplyPreference.DYNAMIC);

        assertThat(directory.user(ana.id())).contains(ana.withPreference(ReplyPreference.DYNAMIC));
        assertThat(directory.userFor(TRANSPORT, "ana", "Ana", mustNotBeCalled(), T0))
                .isEqualTo(ana.withPreference(ReplyPreference.DYNAMIC));
        assertThat(directory.user(bob.id())).contains(bob);
    }

    /** Setting the preference of an unknown user fails naming the user. */
    @Test
    public void setPreferenceOfAnUnknownUserFailsNamingIt() {
        assertThatThrownBy(() -> directory.setPreference(new UserId("ghost"), ReplyPreference.TEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ghost");
    }

    /** The first session of a user starts now, with no turns, and later calls return it without asking for an id. */
    @Test
    public void activeSessionOpensASessionThenReturnsIt() {
        var ana = newUser("ana", "Ana");

        var session = directory.activeSession(ana.id(), () -> new SessionId("s-1"), T0);

        assertThat(session)
                .isEqualTo(new Session(new SessionId("s-1"), ana.id(), T0, T0, Optional.empty(), Optional.empty(), 0));
        assertThat(session.active()).isTrue();
        assertThat(directory.activeSession(ana.id(), mustNotBeCalled(), T0.plusSeconds(5)))
                .isEqualTo(session);
        assertThat(directory.session(session.id())).contains(session);
    }

    /** Each user has a session of their own. */
    @Test
    public void usersHaveTheirOwnSessions() {
        var ana = newUser("ana", "Ana");
        var bob = newUser("bob", "Bob");

        var anas = directory.activeSession(ana.id(), sessionId(), T0);
        var bobs = directory.activeSession(bob.id(), sessionId(), T0);

        assertThat(anas.id()).isNotEqualTo(bobs.id());
        assertThat(bobs.userId()).isEqualTo(bob.id());
    }

    /** A session cannot be opened for a user the directory does not know. */
    @Test
    public void activeSessionOfAnUnknownUserFailsNamingIt() {
        assertThatThrownBy(() -> directory.activeSession(new UserId("ghost"), sessionId(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ghost");
    }

    /** An id supplier that hands out the id of another session is refused. */
    @Test
    public void activeSessionRejectsTheIdOfAnotherSession() {
        var ana = newUser("ana", "Ana");
        var bob = newUser("bob", "Bob");
        var anas = directory.activeSession(ana.id(), sessionId(), T0);

        assertThatThrownBy(() -> directory.activeSession(bob.id(), anas::id, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(anas.id().value());
        assertThat(directory.session(anas.id())).contains(anas);
        assertThat(directory.activeSession(bob.id(), sessionId(), T0).userId()).isEqualTo(bob.id());
    }

    /** A touch sets the last activity to its time and counts one turn; the start stays. */
    @Test
    public void touchSetsTheLastActivityAndCountsTheTurn() {
        var ana = newUser("ana", "Ana");
        var session = directory.activeSession(ana.id(), sessionId(), T0);

        directory.touch(session.id(), T0.plusNanos(1));
        directory.touch(session.id(), T0.plus(Duration.ofMinutes(3)).plusNanos(7));

        var touched = directory.session(session.id()).orElseThrow();
        assertThat(touched.startedAt()).isEqualTo(T0);
        assertThat(touched.lastActiveAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(3)).plusNanos(7));
        assertThat(touched.turns()).isEqualTo(2);
        assertThat(touched.active()).isTrue();
        assertThat(directory.activeSession(ana.id(), mustNotBeCalled(), T0)).isEqualTo(touched);
    }

    /** Touching a session the directory does not know fails naming it. */
    @Test
    public void touchOfAnUnknownSessionFailsNamingIt() {
        assertThatThrownBy(() -> directory.touch(new SessionId("no-such-session"), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-session");
    }

    /**
     * Ending a session sets its end and summary and succeeds once; the next activeSession call opens a new session
     * with a new id.
     */
    @Test
    public void endSessionEndsOnceAndTheNextActiveSessionIsNew() {
        var ana = newUser("ana", "Ana");
        var first = directory.activeSession(ana.id(), sessionId(), T0);
        directory.touch(first.id(), T0.plusSeconds(10));
        var end = T0.plusSeconds(100).plusNanos(42);

        assertThat(directory.endSession(first.id(), end, "Ana asked about refunds."))
                .isTrue();
        assertThat(directory.endSession(first.id(), end.plusSeconds(1), "a second summary"))
                .isFalse();

        var ended = directory.session(first.id()).orElseThrow();
        assertThat(ended)
                .isEqualTo(new Session(
                        first.id(),
                        ana.id(),
                        T0,
                        T0.plusSeconds(10),
                        Optional.of(end),
                        Optional.of("Ana asked about refunds."),
                        1));
        assertThat(ended.active()).isFalse();

        var second = directory.activeSession(ana.id(), sessionId(), T0.plusSeconds(200));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second)
                .isEqualTo(new Session(
                        second.id(),
                        ana.id(),
                        T0.plusSeconds(200),
                        T0.plusSeconds(200),
                        Optional.empty(),
                        Optional.empty(),
                        0));
    }

    /** An empty summary is a summary. */
    @Test
    public void endSessionKeepsAnEmptySummary() {
        var ana = newUser("ana", "Ana");
        var session = directory.activeSession(ana.id(), sessionId(), T0);

        assertThat(directory.endSession(session.id(), T0, "")).isTrue();

        assertThat(directory.session(session.id()).orElseThrow().summary()).contains("");
    }

    /** Ending a session the directory does not know fails naming it. */
    @Test
    public void endSessionOfAnUnknownSessionFailsNamingIt() {
        assertThatThrownBy(() -> directory.endSession(new SessionId("no-such-session"), T0, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-session");
    }

    /** A turn that finishes after its session was ended is still counted, and the session stays ended. */
    @Test
    public void touchAfterTheEndCountsTheTurnButDoesNotReopen() {
        var ana = newUser("ana", "Ana");
        var session = directory.activeSession(ana.id(), sessionId(), T0);
        directory.endSession(session.id(), T0.plusSeconds(1), "done");

        directory.touch(session.id(), T0.plusSeconds(2));

        var touched = directory.session(session.id()).orElseThrow();
        assertThat(touched.turns()).isEqualTo(1);
        assertThat(touched.lastActiveAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(touched.endedAt()).contains(T0.plusSeconds(1));
        assertThat(directory.activeSessions(10)).isEmpty();
    }

    /** Ended sessions of one user come newest end first, up to the limit, without the open one or other users'. */
    @Test
    public void endedSessionsAreNewestFirstUpToTheLimit() {
        var ana = newUser("ana", "Ana");
        var bob = newUser("bob", "Bob");
        var ended = new ArrayList<SessionId>();
        for (int i = 0; i < 4; i++) {
            var session = directory.activeSession(ana.id(), sessionId(), T0.plusSeconds(10L * i));
            directory.endSession(session.id(), T0.plusSeconds(10L * i + 5), "summary " + i);
            ended.add(session.id());
        }
        var open = directory.activeSession(ana.id(), sessionId(), T0.plusSeconds(100));
        var bobs = directory.activeSession(bob.id(), sessionId(), T0);
        directory.endSession(bobs.id(), T0.plusSeconds(1000), "bob's");

        assertThat(ids(directory.endedSessions(ana.id(), 10)))
                .containsExactly(ended.get(3), ended.get(2), ended.get(1), ended.get(0));
        assertThat(ids(directory.endedSessions(ana.id(), 2))).containsExactly(ended.get(3), ended.get(2));
        assertThat(directory.endedSessions(ana.id(), 1).get(0).summary()).contains("summary 3");
        assertThat(ids(directory.endedSessions(ana.id(), 10))).doesNotContain(open.id());
        assertThat(ids(directory.endedSessions(bob.id(), 10))).containsExactly(bobs.id());
    }

    /** "Newest" is the time a session ended, not the order it was started or ended in. */
    @Test
    public void endedSessionsAreOrderedByTheirEndTime() {
        var ana = newUser("ana", "Ana");
        var early = directory.activeSession(ana.id(), sessionId(), T0);
        directory.endSession(early.id(), T0.plusSeconds(50), "ended late");
        var late = directory.activeSession(ana.id(), sessionId(), T0.plusSeconds(1));
        directory.endSession(late.id(), T0.plusSeconds(20), "ended early");

        assertThat(ids(directory.endedSessions(ana.id(), 10))).containsExactly(early.id(), late.id());
    }

    /** Open sessions come idle longest first, up to the limit; ended sessions are not listed. */
    @Test
    public void activeSessionsAreOldestActivityFirstUpToTheLimit() {
        var ana = directory.activeSession(newUser("ana", "Ana").id(), sessionId(), T0);
        var bob = directory.activeSession(newUser("bob", "Bob").id(), sessionId(), T0.plusSeconds(1));
        var cid = directory.activeSession(newUser("cid", "Cid").id(), sessionId(), T0.plusSeconds(2));
        var dan = directory.activeSession(newUser("dan", "Dan").id(), sessionId(), T0.plusSeconds(3));
        directory.touch(ana.id(), T0.plusSeconds(30));
        directory.touch(cid.id(), T0.plusSeconds(2).plusNanos(1));
        directory.endSession(dan.id(), T0.plusSeconds(40), "bye");

        assertThat(ids(directory.activeSessions(10))).containsExactly(bob.id(), cid.id(), ana.id());
        assertThat(ids(directory.activeSessions(2))).containsExactly(bob.id(), cid.id());
        assertThat(directory.activeSessions(1).get(0).lastActiveAt()).isEqualTo(T0.plusSeconds(1));
    }

    /** A list limit below one is a programming error. */
    @Test
    public void listsRejectANonPositiveLimit() {
        var ana = newUser("ana", "Ana");

        assertThatThrownBy(() -> directory.endedSessions(ana.id(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> directory.activeSessions(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    /**
     * Racing first messages from one new address create one user: every racer gets the same id, and no racer's id
     * supplier is called more than once.
     *
     * @throws Exception when a racer fails or the wait is interrupted
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public void racingUserForCallsCreateExactlyOneUser() throws Exception {
        var calls = new ArrayList<AtomicInteger>();
        var tasks = new ArrayList<Callable<User>>();
        for (int i = 0; i < RACERS; i++) {
            var count = new AtomicInteger();
            calls.add(count);
            var id = new UserId("racer-" + i);
            tasks.add(() -> directory.userFor(
                    TRANSPORT,
                    "new-address",
                    "New",
                    () -> {
                        count.incrementAndGet();
                        return id;
                    },
                    T0));
        }

        var users = race(tasks);

        assertThat(users.stream().map(User::id).distinct()).hasSize(1);
        var winner = users.get(0);
        assertThat(directory.user(winner.id())).contains(winner);
        assertThat(calls).allSatisfy(count -> assertThat(count.get()).isLessThanOrEqualTo(1));
        assertThat(calls.stream().mapToInt(AtomicInteger::get).sum()).isPositive();
        assertThat(directory.userFor(TRANSPORT, "new-address", "New", mustNotBeCalled(), T0))
                .isEqualTo(winner);
    }

    /**
     * Racing calls for a user without an open session open one session: every racer gets it, and it is the only open
     * session the directory lists for the user.
     *
     * @throws Exception when a racer fails or the wait is interrupted
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public void racingActiveSessionCallsOpenExactlyOneSession() throws Exception {
        var ana = newUser("ana", "Ana");
        var old = directory.activeSession(ana.id(), sessionId(), T0);
        directory.endSession(old.id(), T0.plusSeconds(1), "before the race");
        var calls = new ArrayList<AtomicInteger>();
        var tasks = new ArrayList<Callable<Session>>();
        for (int i = 0; i < RACERS; i++) {
            var count = new AtomicInteger();
            calls.add(count);
            var id = new SessionId("racing-session-" + i);
            tasks.add(() -> directory.activeSession(
                    ana.id(),
                    () -> {
                        count.incrementAndGet();
                        return id;
                    },
                    T0.plusSeconds(2)));
        }

        var sessions = race(tasks);

        assertThat(sessions.stream().map(Session::id).distinct()).hasSize(1);
        var winner = sessions.get(0);
        assertThat(winner.id()).isNotEqualTo(old.id());
        assertThat(ids(directory.activeSessions(100))).containsExactly(winner.id());
        assertThat(calls).allSatisfy(count -> assertThat(count.get()).isLessThanOrEqualTo(1));
        assertThat(directory.activeSession(ana.id(), mustNotBeCalled(), T0)).isEqualTo(winner);
    }

    /**
     * Concurrent touches of one session lose no turn.
     *
     * @throws Exception when a racer fails or the wait is interrupted
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public void concurrentTouchesCountEveryTurn() throws Exception {
        var session = directory.activeSession(newUser("ana", "Ana").id(), sessionId(), T0);
        int perRacer = 5;
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < RACERS; i++) {
            tasks.add(() -> {
                for (int j = 0; j < perRacer; j++) {
                    directory.touch(session.id(), T0.plusSeconds(1));
                }
                return true;
            });
        }

        race(tasks);

        var touched = directory.session(session.id()).orElseThrow();
        assertThat(touched.turns()).isEqualTo((long) RACERS * perRacer);
        assertThat(touched.lastActiveAt()).isEqualTo(T0.plusSeconds(1));
    }

    /**
     * Racing ends of one session: exactly one of them ends it.
     *
     * @throws Exception when a racer fails or the wait is interrupted
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public void racingEndSessionCallsEndItOnce() throws Exception {
        var session = directory.activeSession(newUser("ana", "Ana").id(), sessionId(), T0);
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < RACERS; i++) {
            var summary = "summary " + i;
            tasks.add(() -> directory.endSession(session.id(), T0.plusSeconds(9), summary));
        }

        var results = race(tasks);

        assertThat(results).containsOnlyOnce(true);
        var ended = directory.session(session.id()).orElseThrow();
        assertThat(ended.summary()).contains("summary " + results.indexOf(true));
    }

    /** Closing twice is allowed; every other call on a closed directory fails with an IllegalStateException. */
    @Test
    public void closedDirectoryFailsEveryCall() {
        var ana = newUser("ana", "Ana");
        var session = directory.activeSession(ana.id(), sessionId(), T0);
        directory.close();
        directory.close();

        var id = ana.id();
        var sid = session.id();
        assertThatThrownBy(() -> directory.userFor(TRANSPORT, "bob", "Bob", userId(), T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.user(id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.setPreference(id, ReplyPreference.TEXT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.activeSession(id, sessionId(), T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.session(sid))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.touch(sid, T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.endSession(sid, T0, "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.endedSessions(id, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> directory.activeSessions(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /**
     * What a durable directory stored is still there after it is closed and opened again: users with their
     * preference, open and ended sessions with their turns, and the one-open-session rule. Skipped for directories
     * that {@link #reopen()} cannot reopen.
     */
    @Test
    public void storedDataSurvivesCloseAndReopen() {
        var ana = newUser("ana", "Ana");
        directory.setPreference(ana.id(), ReplyPreference.VOICE);
        var bob = newUser("bob", "Bob");
        var old = directory.activeSession(ana.id(), sessionId(), T0);
        directory.touch(old.id(), T0.plusNanos(123));
        directory.endSession(old.id(), T0.plusSeconds(1).plusNanos(1), "earlier");
        var open = directory.activeSession(ana.id(), sessionId(), T0.plusSeconds(2));
        directory.touch(open.id(), T0.plusSeconds(3).plusNanos(999_999_999));
        var ended = directory.session(old.id()).orElseThrow();
        var touched = directory.session(open.id()).orElseThrow();
        directory.close();

        var reopened = reopen();
        assumeTrue(reopened.isPresent(), "this directory has no durable storage to reopen");
        directory = reopened.get();

        assertThat(directory.user(ana.id())).contains(ana.withPreference(ReplyPreference.VOICE));
        assertThat(directory.userFor(TRANSPORT, "bob", "Bob", mustNotBeCalled(), T0))
                .isEqualTo(bob);
        assertThat(directory.session(old.id())).contains(ended);
        assertThat(directory.activeSession(ana.id(), mustNotBeCalled(), T0)).isEqualTo(touched);
        assertThat(directory.endedSessions(ana.id(), 10)).containsExactly(ended);
        assertThat(directory.activeSessions(10)).containsExactly(touched);
        assertThat(directory.endSession(old.id(), T0.plusSeconds(5), "again")).isFalse();
        var cid = newUser("cid", "Cid");
        assertThat(List.of(ana.id(), bob.id(), cid.id())).doesNotHaveDuplicates();
    }

    private User newUser(String address, String name) {
        return directory.userFor(TRANSPORT, address, name, userId(), T0);
    }

    private Supplier<UserId> userId() {
        return () -> new UserId(userIds.get());
    }

    private Supplier<SessionId> sessionId() {
        return () -> new SessionId(sessionIds.get());
    }

    private static <T> Supplier<T> mustNotBeCalled() {
        return () -> {
            throw new AssertionError("the id supplier was called although nothing had to be created");
        };
    }

    private static List<SessionId> ids(List<Session> sessions) {
        return sessions.stream().map(Session::id).toList();
    }

    /** Runs the tasks on virtual threads that all wait at one gate, so that they start as close together as can be. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        var ready = new CountDownLatch(tasks.size());
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var task : tasks) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.call();
                }));
            }
            ready.await();
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(getOrRethrow(future));
            }
            return results;
        }
    }

    private static <T> T getOrRethrow(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
