package ledger.codec;

import java.io.Serializable;

/** The names of the contract's topics under one prefix ({@code ledger.} by default). */
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

    /** A topic named by its short name ({@code events}) or in full ({@code ledger.events}). */
    public String resolve(String name) {
        return name.startsWith(prefix) ? name : prefix + name;
    }
}
