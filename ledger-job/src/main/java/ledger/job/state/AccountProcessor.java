package ledger.job.state;

import java.time.Duration;
import java.util.Objects;
import ledger.codec.CommandCodec;
import ledger.codec.OutcomeCodec;
import ledger.domain.Account;
import ledger.domain.AccountDecider;
import ledger.domain.AccountHandler;
import ledger.domain.AccountHandler.Handled;
import ledger.domain.RecordedEvent;
import ledger.job.Inbound;
import ledger.job.Outbound;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The Decider over Flink keyed state, one key per account: read the state, handle the command, emit
 * its events and outcome, keep the new state. A command id already seen gets its first outcome
 * again and nothing else.
 */
public final class AccountProcessor extends KeyedProcessFunction<String, Inbound, Outbound> {

    public static final OutputTag<Outbound> OUTCOMES =
            new OutputTag<>("outcomes", TypeInformation.of(Outbound.class));

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
    public void processElement(Inbound command, Context context, Collector<Outbound> out)
            throws Exception {
        byte[] first = commands.get(command.commandId());
        if (first != null) {
            context.output(OUTCOMES, Outbound.outcome(command.commandId(), first));
            return;
        }
        Account state = Objects.requireNonNullElse(account.value(), AccountDecider.initialState());
        Handled handled =
                AccountHandler.handle(
                        command.commandId(),
                        command.accountId(),
                        CommandCodec.decode(command.value(), command.timestamp()),
                        state);
        for (RecordedEvent event : handled.events()) {
            out.collect(Outbound.event(event));
        }
        byte[] outcome = OutcomeCodec.encode(handled.outcome());
        commands.put(command.commandId(), outcome);
        context.output(OUTCOMES, Outbound.outcome(command.commandId(), outcome));
        if (!handled.events().isEmpty()) {
            account.update(handled.state());
        }
    }
}
