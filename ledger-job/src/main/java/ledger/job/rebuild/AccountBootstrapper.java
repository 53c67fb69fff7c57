package ledger.job.rebuild;

import java.time.Duration;
import java.util.Objects;
import ledger.codec.EventCodec;
import ledger.domain.Account;
import ledger.domain.AccountDecider;
import ledger.job.state.AccountStates;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;

/**
 * Folds one account's log back into the keyed state the live job keeps: events through the
 * Decider's {@code evolve}, outcomes into the command-id dedup. Input arrives sorted by sequence.
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
        if (entry.event()) {
            Account state =
                    Objects.requireNonNullElse(account.value(), AccountDecider.initialState());
            account.update(AccountDecider.evolve(state, EventCodec.decode(entry.value())));
        } else if (!commands.contains(entry.commandId())) {
            // A repeated command republishes the first outcome; the first one is the answer.
            commands.put(entry.commandId(), entry.value());
        }
    }
}
