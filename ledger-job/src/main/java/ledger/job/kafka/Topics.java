package ledger.job.kafka;

import java.io.Serializable;
import ledger.job.Outbound.Channel;

/** The names of the ledger's topics under one prefix ({@code ledger.} by default). */
public record Topics(String prefix) implements Serializable {

    public static final String DEFAULT_PREFIX = "ledger.";

    public String commands() {
        return prefix + "commands";
    }

    public String events() {
        return prefix + "events";
    }

    public String outcomes() {
        return prefix + "outcomes";
    }

    public String saga() {
        return prefix + "saga";
    }

    public String dlq() {
        return prefix + "dlq";
    }

    public String of(Channel channel) {
        return switch (channel) {
            case EVENTS -> events();
            case OUTCOMES -> outcomes();
            case DLQ -> dlq();
        };
    }

    /** A topic named by its short name ({@code events}) or in full ({@code ledger.events}). */
    public String resolve(String name) {
        return name.startsWith(prefix) ? name : prefix + name;
    }
}
