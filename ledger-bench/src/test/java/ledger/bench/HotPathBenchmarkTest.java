package ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.Decision;
import ledger.domain.Outcome;
import ledger.domain.Parsed;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmarks measure the path they claim to: accepted commands, distinct inputs. Nothing here
 * times anything; the figures come from running the benchmarks jar.
 */
class HotPathBenchmarkTest {

    private final Workload workload = new Workload(42);

    @Test
    void everyDepositIsAcceptedWithOneMoneyDeposited() {
        for (Workload.Command deposit : workload.deposits) {
            assertThat(deposit.event().event()).isInstanceOf(MoneyDeposited.class);
            assertThat(deposit.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
        }
    }

    @Test
    void everyTransferIsDebitedAndSendsOneCreditStep() {
        for (Workload.Command transfer : workload.transfers) {
            assertThat(transfer.event().event()).isInstanceOf(TransferDebited.class);
            assertThat(transfer.handled().steps()).hasSize(1);
            assertThat(transfer.outcome()).isNull();
        }
    }

    @Test
    void theInputsAreDistinctSoNothingFoldsToAConstant() {
        assertThat(workload.deposits)
                .extracting(deposit -> new String(deposit.json(), StandardCharsets.UTF_8))
                .doesNotHaveDuplicates()
                .hasSize(Workload.SIZE);
        assertThat(workload.transfers)
                .extracting(transfer -> new String(transfer.json(), StandardCharsets.UTF_8))
                .doesNotHaveDuplicates()
                .hasSize(Workload.SIZE);
    }

    @Test
    void everyBenchmarkRunsOverTheWholeRotation() throws IOException {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.setUp();
        Blackhole out =
                new Blackhole(
                        "Today's password is swordfish. I understand instantiating Blackholes"
                                + " directly is dangerous.");
        // One method at a time, so each meets every input of the rotation.
        overTheRotation(() -> assertThat(benchmark.baselineParse().isObject()).isTrue());
        overTheRotation(() -> assertThat(benchmark.baselineParseTransfer().isObject()).isTrue());
        overTheRotation(() -> assertThat(benchmark.address().isAddressable()).isTrue());
        overTheRotation(() -> assertThat(benchmark.decode()).isInstanceOf(Parsed.Valid.class));
        overTheRotation(() -> assertThat(benchmark.decide()).isInstanceOf(Decision.Accepted.class));
        overTheRotation(() -> assertThat(benchmark.handle().events()).hasSize(1));
        overTheRotation(() -> assertThat(benchmark.encodeEvent()).isNotEmpty());
        overTheRotation(() -> assertThat(benchmark.encodeOutcome()).isNotEmpty());
        overTheRotation(() -> benchmark.fullPath(out));
        overTheRotation(() -> benchmark.fullPathTransfer(out));
        out.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    private static void overTheRotation(Call call) throws IOException {
        for (int i = 0; i < Workload.SIZE; i++) {
            call.run();
        }
    }

    private interface Call {
        void run() throws IOException;
    }
}
