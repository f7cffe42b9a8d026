package app.ret.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * A fixed stream of key indices whose popularity follows Zipf's law (exponent 0.99, as YCSB and
 * Caffeine's benchmarks use), scrambled so that popular keys are not neighbours. Drawn once from a
 * seed, so every cache in a run sees exactly the same accesses.
 */
final class ZipfKeys {
    static final double EXPONENT = 0.99;

    private ZipfKeys() {}

    static int[] sample(int keyCount, int samples, long seed) {
        double[] cumulative = new double[keyCount];
        double sum = 0;
        for (int rank = 0; rank < keyCount; rank++) {
            sum += 1.0 / Math.pow(rank + 1, EXPONENT);
            cumulative[rank] = sum;
        }
        int[] keyOfRank = new int[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keyOfRank[i] = i;
        }
        Random random = new Random(seed);
        for (int i = keyCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = keyOfRank[i];
            keyOfRank[i] = keyOfRank[j];
            keyOfRank[j] = swap;
        }
        int[] indices = new int[samples];
        for (int i = 0; i < samples; i++) {
            int rank = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            indices[i] = keyOfRank[rank >= 0 ? rank : -rank - 1];
        }
        return indices;
    }
}
