package dev.fer.bench.engine;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import java.util.Collection;
import java.util.List;

/**
 * JMH profiler ({@code -prof dev.fer.bench.engine.ForeignLoadProfiler}) that reports, as the
 * secondary metric {@code foreign.load}, the CPU other processes used (in cores) during each
 * measurement iteration: the same noise figure that torch_bench.py records, so a JMH figure taken
 * on a busy machine shows it; as {@code own.cores} the CPU the benchmark JVM itself got; and as
 * {@code host.steal} the cores the hypervisor took from our vCPUs.
 */
public final class ForeignLoadProfiler implements InternalProfiler {
    public static final String METRIC = "foreign.load";
    /** Cores the benchmark's own JVM used: below its thread count, it did not get the CPU it asked for. */
    public static final String OWN_METRIC = "own.cores";

    /** Cores the hypervisor ran other guests on (steal time): invisible to the foreign load. */
    public static final String STEAL_METRIC = "host.steal";

    private ForeignLoad load;

    @Override
    public String getDescription() {
        return "CPU used by other processes during measurement iterations (cores, from /proc/stat)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        load = ForeignLoad.start();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || load == null) {
            return List.of();
        }
        double cores = load.cores();
        if (Double.isNaN(cores)) {
            return List.of();
        }
        return List.of(new ScalarResult(METRIC, cores, "cores", AggregationPolicy.MAX),
                new ScalarResult(OWN_METRIC, load.ownCores(), "cores", AggregationPolicy.AVG),
                new ScalarResult(STEAL_METRIC, load.stolenCores(), "cores", AggregationPolicy.MAX));
    }
}
