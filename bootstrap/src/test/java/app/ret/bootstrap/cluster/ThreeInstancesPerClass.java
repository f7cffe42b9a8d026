package app.ret.bootstrap.cluster;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A fixture, not a test: three {@code serve} processes on one PostgreSQL database, started once
 * for the class extending it (from its {@code @BeforeAll}, with its settings) and stopped after it.
 */
abstract class ThreeInstancesPerClass {
    static RetCluster cluster;
    static RetInstance a;
    static RetInstance b;
    static RetInstance c;

    static void startThreeInstances(Map<String, String> settings) {
        cluster = RetCluster.start(3, settings);
        a = cluster.instance(0);
        b = cluster.instance(1);
        c = cluster.instance(2);
    }

    @AfterAll
    static void stopThem() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
