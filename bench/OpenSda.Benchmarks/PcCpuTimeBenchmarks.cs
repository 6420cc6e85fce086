using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OpenSda.Benchmarks;

/// <summary>
/// The <see cref="PcBenchmarks"/> workload timed with the benchmark thread's CPU time (Linux
/// <c>CLOCK_THREAD_CPUTIME_ID</c>), in process: the one-core Pc throughput on a shared, loaded machine, where
/// wall-clock time also counts the time the thread waits for a core.
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter '*PcCpuTime*'</c>;
/// evaluations/s = 1e9 / (mean ns per operation).
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class PcCpuTimeBenchmarks : PcBenchmarks
{
    private sealed class CpuTimeConfig : ManualConfig
    {
        public CpuTimeConfig() =>
            AddJob(Job.ShortRun
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithClock(CpuClock.Thread)
                .WithId("ThreadCpuTime"));
    }
}
