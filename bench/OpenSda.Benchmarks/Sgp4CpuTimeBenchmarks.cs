using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace OpenSda.Benchmarks;

/// <summary>
/// The <see cref="Sgp4Benchmarks"/> workload timed with the benchmark thread's CPU time
/// (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>) instead of wall-clock time, in process. On a shared machine whose
/// load exceeds its cores, wall-clock time counts the time the thread waits for a core; CPU time does not,
/// so this gives the per-core throughput that the wall-clock job cannot. Linux only.
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter '*Sgp4CpuTime*OneCore*'</c>
/// (BatchAllCores is meaningless here: the other threads' CPU time is not counted).
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class Sgp4CpuTimeBenchmarks : Sgp4Benchmarks
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
