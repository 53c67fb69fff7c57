package ledger.job.state;

import java.time.Duration;
import java.util.Objects;
import ledger.codec.CommandCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.SagaCodec;
import ledger.domain.Account;
import ledger.domain.AccountDecider;
import ledger.domain.AccountHandler;
import ledger.domain.AccountHandler.Handled;
import ledger.domain.AccountHandler.Memo;
import ledger.domain.CommandEnvelope;
import ledger.domain.Parsed;
import ledger.domain.RecordedEvent;
import ledger.domain.SagaStep;
import ledger.job.Inbound;
import ledger.job.Outbound;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The Decider over Flink keyed state, one key per account: read the state, handle the command, emit
 * its events and outcome, keep the new state. A command id already seen gets its first outcome
 * again and nothing else. A record that cannot be addressed leaves as a dead letter.
 */
public final class AccountProcessor extends KeyedProcessFunction<String, Inbound, Outbound> {

    /** Remembered for a key that must not be answered again: a transfer in flight, a step. */
    public static final byte[] NOTHING = new byte[0];

    private final Duration dedupWindow;
    private transient ValueState<Account> account;
    private transient MapState<String, byte[]> commands;

    public AccountProcessor(Duration dedupWindow) {
        this.dedupWindow = dedupWindow;
    }

    @Override
    public void open(OpenContext context) {
        account = getRuntimeContext().getState(AccountStates.account());
        commands = getRuntimeContext().getMapState(AccountStates.commands(dedupWindow));
    }

    @Override
    public void processElement(Inbound message, Context context, Collector<Outbound> out)
            throws Exception {
        if (!message.isAddressable()) {
            out.collect(Outbound.deadLetter(message));
            return;
        }
        byte[] first = commands.get(message.commandId());
        if (first != null) {
            // Seen before: the first outcome again, or nothing while a transfer is in flight.
            if (first.length > 0) {
                out.collect(Outbound.outcome(message.commandId(), first));
            }
            return;
        }
        Account state = Objects.requireNonNullElse(account.value(), AccountDecider.initialState());
        Parsed<CommandEnvelope> decoded =
                message.saga()
                        ? Parsed.valid(SagaCodec.decode(message.value(), message.timestamp()))
                        : CommandCodec.decode(message.value(), message.timestamp());
        Handled handled =
                AccountHandler.handle(message.commandId(), message.accountId(), decoded, state);
        for (RecordedEvent event : handled.events()) {
            out.collect(Outbound.event(event));
        }
        for (SagaStep step : handled.steps()) {
            out.collect(Outbound.step(step));
        }
        byte[] published = handled.outcome().map(OutcomeCodec::encode).orElse(null);
        for (Memo memo : handled.memos()) {
            // Usually the memo is the published outcome: encode it once.
            byte[] remembered =
                    memo.outcome().isEmpty()
                            ? NOTHING
                            : memo.outcome().equals(handled.outcome())
                                    ? published
                                    : OutcomeCodec.encode(memo.outcome().get());
            commands.put(memo.key(), remembered);
        }
        if (published != null) {
            out.collect(Outbound.outcome(handled.outcome().get().commandId(), published));
        }
        if (!handled.state().equals(state)) {
            account.update(handled.state());
        }
    }
}
