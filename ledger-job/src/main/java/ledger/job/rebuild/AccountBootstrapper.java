package ledger.job.rebuild;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import ledger.codec.EventCodec;
import ledger.domain.Account;
import ledger.domain.AccountDecider;
import ledger.domain.Money;
import ledger.job.state.AccountProcessor;
import ledger.job.state.AccountStates;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;

/**
 * Folds one account's log back into the keyed state the live job keeps: events through the
 * Decider's {@code evolve} (input arrives sorted by sequence), settled transfers through its {@code
 * settle}, outcomes and handled saga steps into the dedup memory.
 */
final class AccountBootstrapper extends KeyedStateBootstrapFunction<String, LogEntry> {

    private final Duration dedupWindow;
    private transient ValueState<Account> account;
    private transient MapState<String, byte[]> commands;

    AccountBootstrapper(Duration dedupWindow) {
        this.dedupWindow = dedupWindow;
    }

    @Override
    public void open(OpenContext context) {
        account = getRuntimeContext().getState(AccountStates.account());
        commands = getRuntimeContext().getMapState(AccountStates.commands(dedupWindow));
    }

    @Override
    public void processElement(LogEntry entry, Context context) throws Exception {
        switch (entry.kind()) {
            case EVENT ->
                    account.update(
                            AccountDecider.evolve(state(), EventCodec.decode(entry.value())));
            case SETTLED ->
                    account.update(
                            AccountDecider.settle(
                                    state(),
                                    Money.parseCanonical(
                                            new String(entry.value(), StandardCharsets.UTF_8))));
            // An outcome is the answer: it replaces a transfer's in-flight marker.
            case OUTCOME -> commands.put(entry.key(), entry.value());
            case HANDLED -> {
                if (!commands.contains(entry.key())) {
                    commands.put(entry.key(), AccountProcessor.NOTHING);
                }
            }
        }
    }

    private Account state() throws Exception {
        return Objects.requireNonNullElse(account.value(), AccountDecider.initialState());
    }
}
