package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import ledger.app.Main;
import ledger.app.it.TestLedger;
import ledger.codec.Topics;
import ledger.job.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client subcommands against the real ledger: broker, topics and job, as `ledger up` runs. */
class ClientCommandsIT {

    @TempDir static Path dir;
    private static TestLedger ledger;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        ledger = TestLedger.start(TestLedger.settings(dir, "hashmap"));
    }

    @AfterAll
    static void stop() throws Exception {
        ledger.close();
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = ledger.bootstrapServers();
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void an_accepted_command_prints_one_line_and_exits_0() {
        int code =
                run(
                        "open",
                        "--account",
                        "zoe",
                        "--owner",
                        "Zoë",
                        "--currency",
                        "EUR",
                        "--command-id",
                        "c-open");

        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(Main.ACCEPTED);
        assertThat(out.toString()).isEqualTo("ACCEPTED c-open account=zoe sequence=1\n");
    }

    @Test
    void an_amount_the_ledger_rejects_prints_the_reason_and_exits_1() {
        run("open", "--account", "neg", "--owner", "N", "--currency", "EUR");
        out.getBuffer().setLength(0);

        int code = run("deposit", "--account", "neg", "--amount", "-5", "--command-id", "c-bad");

        assertThat(code).isEqualTo(Main.REJECTED);
        assertThat(out.toString())
                .startsWith("REJECTED INVALID_AMOUNT ")
                .endsWith("(command c-bad)\n");
    }

    @Test
    void json_prints_the_outcome_as_published() {
        run("open", "--account", "bob", "--owner", "Bob", "--currency", "EUR");
        out.getBuffer().setLength(0);

        int code =
                run(
                        "deposit",
                        "--account",
                        "bob",
                        "--amount",
                        "1.5",
                        "--json",
                        "--command-id",
                        "c-json",
                        "--expected-sequence",
                        "1");

        assertThat(code).isEqualTo(Main.ACCEPTED);
        assertThat(out.toString())
                .isEqualTo(
                        "{\"commandId\":\"c-json\",\"accountId\":\"bob\",\"status\":\"ACCEPTED\",\"sequence\":2}\n");
    }

    @Test
    void a_stale_expected_sequence_is_a_concurrency_conflict() {
        run("open", "--account", "eve", "--owner", "Eve", "--currency", "EUR");
        out.getBuffer().setLength(0);

        int code = run("deposit", "--account", "eve", "--amount", "1", "--expected-sequence", "0");

        assertThat(code).isEqualTo(Main.REJECTED);
        assertThat(out.toString()).startsWith("REJECTED CONCURRENCY_CONFLICT ");
    }

    @Test
    void tail_prints_the_event_log_with_keys_and_stops_when_idle() {
        run(
                "open",
                "--account",
                "carol",
                "--owner",
                "Carol",
                "--currency",
                "JPY",
                "--command-id",
                "c-tail");
        out.getBuffer().setLength(0);

        int code = run("tail", "--topic", "events", "--keys", "--idle-timeout", "2s");

        assertThat(code).isZero();
        assertThat(out.toString())
                .containsPattern(
                        "carol\t\\{\"eventId\":\"[0-9a-f-]{36}\",\"accountId\":\"carol\",\"sequence\":1,\"type\":\"AccountOpened\"");
    }

    @Test
    void tail_of_dead_letters_shows_the_error_header() throws Exception {
        ledger.sendRaw(
                "k",
                "not\njson".getBytes(UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders());

        int code = run("tail", "--topic", "dlq", "--max-records", "1");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("not json  [error: not a JSON object]\n");
    }

    @Test
    void no_outcome_in_time_exits_3() throws Exception {
        Topics idle = new Topics("idle.");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", ledger.bootstrapServers()))) {
            TopicSetup.ensure(admin, idle, 1, (short) 1);
        }

        int code =
                run(
                        "close",
                        "--account",
                        "dave",
                        "--command-id",
                        "c-lost",
                        "--timeout",
                        "2s",
                        "--topic-prefix",
                        "idle.");

        assertThat(code).isEqualTo(Main.UNREACHABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "ledger: no outcome for command c-lost within 2s (is the ledger job running?)\n");
    }
}
