package ledger.job.state;

import java.time.Duration;
import ledger.domain.Account;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The keyed state of one account, declared in one place: the live job and the state rebuild must
 * agree on names, types and TTL, or a rebuilt savepoint would not restore.
 */
public final class AccountStates {

    private AccountStates() {}

    /** The account as its events left it. */
    public static ValueStateDescriptor<Account> account() {
        return new ValueStateDescriptor<>("account", TypeInformation.of(Account.class));
    }

    /**
     * Command ids seen on this account, each with the encoded outcome it got, kept for the dedup
     * window after the last write.
     *
     * <p>Expired ids go in RocksDB compactions and are left out of full snapshots, but never on
     * access: the heap backend's incremental cleanup copies a key's whole map on every access, and
     * a busy account remembers hundreds of thousands of ids, which made a state rebuild quadratic.
     */
    public static MapStateDescriptor<String, byte[]> commands(Duration dedupWindow) {
        MapStateDescriptor<String, byte[]> descriptor =
                new MapStateDescriptor<>(
                        "commands",
                        Types.STRING,
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(dedupWindow)
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .disableCleanupInBackground()
                        .cleanupInRocksdbCompactFilter(1000)
                        .cleanupFullSnapshot()
                        .build());
        return descriptor;
    }
}
