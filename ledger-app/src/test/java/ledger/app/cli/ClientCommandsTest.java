package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalLong;
import ledger.app.Main;
import ledger.domain.Outcome;
import ledger.domain.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client subcommands' contract without Kafka: exit codes, usage and one-line messages. */
class ClientCommandsTest {

    /** Nothing listens on port 1, so connections are refused at once. */
    private static final String NOWHERE = "127.0.0.1:1";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "deposit", "withdraw", "close", "tail"})
    void helpPrintsUsageAndExitsZero(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: ledger " + command, "--bootstrap-servers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "deposit", "withdraw", "close"})
    void missingAccountIsAUsageError(String command) {
        assertThat(run(command)).isEqualTo(Main.USAGE);
        assertThat(err.toString())
                .startsWith("ledger " + command + ": Missing required option")
                .contains("'--account=ID'")
                .endsWith(" (see 'ledger " + command + " --help')\n")
                .hasLineCount(1);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("close", "--account", "alice", "--colour", "red")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--colour").hasLineCount(1);
    }

    @Test
    void unknownCommandIsOneLineUsageError() {
        assertThat(run("deposits", "--account", "alice")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).startsWith("ledger: ").contains("'deposits'").hasLineCount(1);
    }

    @Test
    void badTimeoutIsAUsageError() {
        assertThat(run("close", "--account", "alice", "--timeout", "soon")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration").hasLineCount(1);
    }

    @Test
    void unknownTopicIsOneLineUsageErrorWithoutConnecting() {
        assertThat(run("tail", "--topic", "balances", "--bootstrap-servers", NOWHERE))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString())
                .isEqualTo(
                        "ledger: unknown topic 'balances': use events, outcomes, commands, dlq"
                                + " or saga"
                                + System.lineSeparator());
    }

    @Test
    void unreachableKafkaExitsThreeWithOneLine() {
        int code =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(15),
                        () ->
                                run(
                                        "deposit",
                                        "--account",
                                        "alice",
                                        "--amount",
                                        "10",
                                        "--bootstrap-servers",
                                        NOWHERE));
        assertThat(code).isEqualTo(Main.UNREACHABLE);
        assertThat(err.toString())
                .isEqualTo("ledger: cannot reach Kafka at " + NOWHERE + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void tailOfUnreachableKafkaExitsThree() {
        int code =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(15),
                        () -> run("tail", "--topic", "events", "--bootstrap-servers", NOWHERE));
        assertThat(code).isEqualTo(Main.UNREACHABLE);
        assertThat(err.toString()).startsWith("ledger: cannot reach Kafka at " + NOWHERE);
    }

    @Test
    void acceptedOutcomeLineNamesCommandAccountAndSequence() {
        assertThat(CommandClient.describe(Outcome.accepted("c-1", "alice", 2)))
                .isEqualTo("ACCEPTED c-1 account=alice sequence=2");
    }

    @Test
    void rejectedOutcomeLineNamesReasonMessageAndCommand() {
        Outcome outcome =
                Outcome.rejected(
                        "c-2",
                        "alice",
                        Reason.INSUFFICIENT_FUNDS,
                        "balance 1.00 is less than 5.00");
        assertThat(CommandClient.describe(outcome))
                .isEqualTo(
                        "REJECTED INSUFFICIENT_FUNDS balance 1.00 is less than 5.00 (command c-2)");
    }

    @Test
    void rejectedOutcomeWithoutMessageStillFitsOneLine() {
        Outcome outcome =
                new Outcome(
                        "c-3",
                        "alice",
                        Outcome.Status.REJECTED,
                        Reason.ACCOUNT_NOT_FOUND,
                        null,
                        OptionalLong.empty());
        assertThat(CommandClient.describe(outcome))
                .isEqualTo("REJECTED ACCOUNT_NOT_FOUND (command c-3)");
    }

    @Test
    void anAmountThatDoesNotParseIsSentAsTyped() {
        String fields = "{\"commandId\":\"c-4\",\"type\":\"Deposit\",\"accountId\":\"alice\",";
        byte[] command = (fields + "\"amount\":\"1\"}").getBytes(UTF_8);
        assertThat(new String(CommandClient.withAmount(command, "-5"), UTF_8))
                .isEqualTo(fields + "\"amount\":\"-5\"}");
    }

    @Test
    void durationsReadAsTyped() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
