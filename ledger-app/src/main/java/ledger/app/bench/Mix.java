package ledger.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The shares of deposits, withdrawals and transfers among a workload's regular commands, as
 * weights: {@code deposit=40,withdraw=20,transfer=40}.
 */
public record Mix(int deposit, int withdraw, int transfer) {

    /** One kind of regular command. */
    enum Kind {
        DEPOSIT,
        WITHDRAW,
        TRANSFER
    }

    public Mix {
        if (deposit < 0 || withdraw < 0 || transfer < 0 || deposit + withdraw + transfer == 0) {
            throw new IllegalArgumentException(
                    "the mix needs non-negative weights and at least one above zero");
        }
    }

    /** Parses {@code kind=weight} pairs; kinds left out weigh zero. */
    public static Mix parse(String text) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=");
            String kind = pair[0].trim();
            if (pair.length != 2
                    || !Map.of("deposit", 0, "withdraw", 0, "transfer", 0).containsKey(kind)) {
                throw new IllegalArgumentException(
                        "--mix takes deposit=N,withdraw=N,transfer=N, not " + text);
            }
            try {
                weights.put(kind, Integer.parseInt(pair[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix weights are whole numbers, not " + text);
            }
        }
        return new Mix(
                weights.getOrDefault("deposit", 0),
                weights.getOrDefault("withdraw", 0),
                weights.getOrDefault("transfer", 0));
    }

    Kind pick(Random random) {
        int draw = random.nextInt(deposit + withdraw + transfer);
        if (draw < deposit) {
            return Kind.DEPOSIT;
        }
        return draw < deposit + withdraw ? Kind.WITHDRAW : Kind.TRANSFER;
    }

    @Override
    public String toString() {
        return "deposit=" + deposit + ",withdraw=" + withdraw + ",transfer=" + transfer;
    }
}
