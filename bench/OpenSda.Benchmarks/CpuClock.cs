using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace OpenSda.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock reading a Linux CPU-time clock, in nanoseconds: the calling thread's
/// (<see cref="Thread"/>, for one-core figures) or the whole process's (<see cref="Process"/>, all
/// threads). CPU time stays meaningful on a machine loaded by other work, where wall time does not.
/// </summary>
internal sealed partial class CpuClock : IClock
{
    /// <summary>CLOCK_THREAD_CPUTIME_ID: the calling thread only.</summary>
    public static readonly CpuClock Thread = new(3, "Thread CPU time");

    /// <summary>CLOCK_PROCESS_CPUTIME_ID: every thread of the process.</summary>
    public static readonly CpuClock Process = new(2, "Process CPU time");

    private readonly int _clockId;

    private CpuClock(int clockId, string title)
    {
        _clockId = clockId;
        Title = title;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec ts);

    public string Title { get; }

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.FromHz(1_000_000_000);

    public long GetTimestamp()
    {
        ClockGetTime(_clockId, out var ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }
}
