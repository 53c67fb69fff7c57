package ledger.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import ledger.bench.Workload.Command;
import ledger.codec.CommandCodec;
import ledger.codec.CommandCodec.Address;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.SagaCodec;
import ledger.domain.AccountDecider;
import ledger.domain.AccountHandler;
import ledger.domain.AccountHandler.Handled;
import ledger.domain.CommandEnvelope;
import ledger.domain.Decision;
import ledger.domain.Parsed;
import ledger.domain.RecordedEvent;
import ledger.domain.SagaStep;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the ledger job does per command, stage by stage and whole, for a Deposit (and a Transfer) on
 * an open EUR account. {@link #baselineParse} is Jackson reading the same bytes into a tree, the
 * floor any JSON decode pays: quote every other figure as a ratio to it, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

    private static final long SEED = 42;

    // Not final: the JIT must read the inputs, not fold them.
    private Command[] deposits;
    private Command[] transfers;
    private ObjectMapper mapper;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = new Workload(SEED);
        deposits = workload.deposits;
        transfers = workload.transfers;
        // Configured as the codec's own mapper is, so the floor is the same parse.
        mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The index of the next input: every benchmark cycles through the whole workload. */
    private int next() {
        return cursor++ & (Workload.SIZE - 1);
    }

    @Benchmark
    public JsonNode baselineParse() throws IOException {
        return mapper.readTree(deposits[next()].json());
    }

    @Benchmark
    public JsonNode baselineParseTransfer() throws IOException {
        return mapper.readTree(transfers[next()].json());
    }

    @Benchmark
    public Address address() {
        return CommandCodec.address(deposits[next()].json());
    }

    @Benchmark
    public Parsed<CommandEnvelope> decode() {
        Command command = deposits[next()];
        return CommandCodec.decode(command.json(), command.timestamp());
    }

    @Benchmark
    public Decision decide() {
        Command command = deposits[next()];
        return AccountDecider.decide(command.envelope(), command.state());
    }

    @Benchmark
    public Handled handle() {
        Command command = deposits[next()];
        return AccountHandler.handle(
                command.commandId(), command.accountId(), command.parsed(), command.state());
    }

    @Benchmark
    public byte[] encodeEvent() {
        return EventCodec.encode(deposits[next()].event());
    }

    @Benchmark
    public byte[] encodeOutcome() {
        return OutcomeCodec.encode(deposits[next()].outcome());
    }

    @Benchmark
    public void fullPath(Blackhole out) {
        process(deposits[next()], out);
    }

    @Benchmark
    public void fullPathTransfer(Blackhole out) {
        process(transfers[next()], out);
    }

    /**
     * One command record through the job: address it (the Kafka deserializer), then decode, handle,
     * and encode what it publishes (the keyed process function).
     */
    private static void process(Command command, Blackhole out) {
        Address address = CommandCodec.address(command.json());
        if (!address.isAddressable()) {
            throw new IllegalStateException("workload command is unaddressable: " + address);
        }
        Parsed<CommandEnvelope> parsed = CommandCodec.decode(command.json(), command.timestamp());
        Handled handled =
                AccountHandler.handle(
                        address.commandId(), address.accountId(), parsed, command.state());
        for (RecordedEvent event : handled.events()) {
            out.consume(EventCodec.encode(event));
        }
        for (SagaStep step : handled.steps()) {
            out.consume(SagaCodec.encode(step));
        }
        if (handled.outcome().isPresent()) {
            out.consume(OutcomeCodec.encode(handled.outcome().get()));
        }
        out.consume(handled.state());
    }
}
