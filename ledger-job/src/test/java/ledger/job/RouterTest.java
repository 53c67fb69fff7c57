package ledger.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import ledger.job.Outbound.Channel;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void an_addressable_command_passes_on_and_a_poison_record_becomes_a_dead_letter()
            throws Exception {
        Inbound good = Inbound.addressed("alice", "c-1", 1L, bytes("{}"));
        Inbound poison =
                new Inbound(
                        null,
                        null,
                        2L,
                        bytes("not json"),
                        false,
                        "not a JSON object",
                        bytes("k"),
                        new String[] {"trace"},
                        new byte[][] {bytes("t-1")});
        try (OneInputStreamOperatorTestHarness<Inbound, Inbound> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new Router())) {
            harness.processElement(new StreamRecord<>(good));
            harness.processElement(new StreamRecord<>(poison));

            assertThat(harness.extractOutputValues())
                    .extracting(Inbound::commandId)
                    .containsExactly("c-1");
            Outbound dead = harness.getSideOutput(Router.DEAD_LETTERS).poll().getValue();
            assertThat(dead.channel()).isEqualTo(Channel.DLQ);
            assertThat(dead.key()).isEqualTo(bytes("k"));
            assertThat(dead.value()).isEqualTo(bytes("not json"));
            assertThat(dead.headerKeys()).containsExactly("trace", "error");
            assertThat(dead.headerValues()[1]).isEqualTo(bytes("not a JSON object"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
