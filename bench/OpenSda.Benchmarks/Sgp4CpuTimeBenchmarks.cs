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
                .WithClock(ThreadCpuClock.Instance)
                .WithId("ThreadCpuTime"));
    }
}

/// <summary>A BenchmarkDotNet clock reading the calling thread's CPU time, in nanoseconds.</summary>
internal sealed partial class ThreadCpuClock : IClock
{
    public static readonly ThreadCpuClock Instance = new();

    private const int ClockThreadCpuTimeId = 3; // Linux CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec ts);

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.FromHz(1_000_000_000);

    public long GetTimestamp()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }
}
