package ledger.app.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1/(rank+1)^s}: a few hot
 * accounts and a long tail, as real account popularity is. An exponent of 0 is uniform.
 */
final class Zipf {

    private final double[] cumulative;

    Zipf(int n, double exponent) {
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += Math.pow(rank + 1, -exponent);
            cumulative[rank] = sum;
        }
    }

    int next(Random random) {
        double draw = random.nextDouble() * cumulative[cumulative.length - 1];
        int found = Arrays.binarySearch(cumulative, draw);
        return Math.min(found >= 0 ? found : -found - 1, cumulative.length - 1);
    }

    /** The probability of drawing {@code rank}. */
    double share(int rank) {
        double below = rank == 0 ? 0 : cumulative[rank - 1];
        return (cumulative[rank] - below) / cumulative[cumulative.length - 1];
    }
}
