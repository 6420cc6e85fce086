using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace OpenSda.Threading;

/// <summary>
/// Fork-join loops on a fixed team of worker threads that stay awake for a while after each loop, for callers that
/// run many short parallel loops one after another (a propagator called chunk after chunk): the OpenMP runtimes'
/// model, where <see cref="Parallel.For(int, int, Action{int})"/> is the thread pool's.
/// </summary>
/// <remarks>
/// <para>Why: a parallel loop of a few milliseconds on the thread pool waits for its workers to wake up, and a worker
/// parked on a kernel wait object can take hundreds of microseconds to run again, most of all on virtual machines
/// whose idle virtual CPUs halt. Measured on the 2-vCPU development VM: Parallel.Invoke's second action started on
/// average 0.4–0.9 ms after the first, on loops of 5 ms, and SGP4 in 16-step chunks scaled 1.65–1.75× on two threads
/// where two independent threads scaled 1.95×.</para>
/// <para>How: each worker, having finished its part of a loop, waits for the next one for <see cref="SpinTime"/>
/// checking a counter (spinning a little, then yielding the processor between checks, so that a thread of other
/// work ready to run there, the thread pool's say, runs), then sleeps on a monitor until a loop is posted. Items are handed out one at a time from a shared counter, the caller taking part, so a late
/// worker costs only what it does not take. One loop runs on the team at a time: a caller that finds the team busy
/// (another thread's loop, or a loop started from inside a loop's body) runs its loop with
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> instead.</para>
/// <para>An exception thrown by the body stops the hand-out of further items and is rethrown to the caller once the
/// items already started have finished; the workers survive it.</para>
/// </remarks>
public sealed class WorkerTeam
{
    private static readonly Lazy<WorkerTeam> SharedTeam =
        new(() => new WorkerTeam(Environment.ProcessorCount - 1, TimeSpan.FromMilliseconds(2)));

    private readonly long _spinTicks;
    private readonly object _gate = new();
    private bool _started;
    private Job? _job;
    private int _generation;
    private int _sleepers;
    private int _busy;

    /// <summary>A team of <paramref name="workers"/> threads besides the caller, started on first use.</summary>
    /// <param name="workers">Worker threads (0 runs every loop on the caller).</param>
    /// <param name="spinTime">How long a worker spins after a loop before it sleeps.</param>
    public WorkerTeam(int workers, TimeSpan spinTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentOutOfRangeException.ThrowIfLessThan(spinTime, TimeSpan.Zero);
        Workers = workers;
        SpinTime = spinTime;
        _spinTicks = (long)(spinTime.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The process's team: one worker per processor besides the caller, spinning 2 ms after each loop.</summary>
    public static WorkerTeam Shared => SharedTeam.Value;

    /// <summary>Worker threads besides the calling thread.</summary>
    public int Workers { get; }

    /// <summary>How long a worker spins, waiting for the next loop, before it sleeps.</summary>
    public TimeSpan SpinTime { get; }

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>), on the calling thread and up to
    /// <paramref name="maxDegreeOfParallelism"/> − 1 workers (−1: all of them), and returns when all have run.
    /// </summary>
    public void For(int count, int maxDegreeOfParallelism, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1) throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism));
        if (count <= 0) return;
        var helpers = maxDegreeOfParallelism == -1 ? Workers : Math.Min(Workers, maxDegreeOfParallelism - 1);
        helpers = Math.Min(helpers, count - 1);
        if (helpers <= 0)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, body);
            return;
        }
        Job job;
        try
        {
            EnsureStarted();
            job = new Job(body, count, helpers);
            Volatile.Write(ref _job, job);
            Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (_gate) Monitor.PulseAll(_gate);
            }
            job.Work();
            var wait = new SpinWait();
            while (Volatile.Read(ref job.Done) < count) wait.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref _job, null);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
        if (job.Error is not null) ExceptionDispatchInfo.Throw(job.Error);
    }

    /// <summary>Starts the workers on first use (called only by the caller that holds the team).</summary>
    private void EnsureStarted()
    {
        if (_started) return;
        for (var w = 0; w < Workers; w++)
        {
            var index = w;
            new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"OpenSda worker {w + 1}" }.Start();
        }
        _started = true;
    }

    private void WorkerLoop(int index)
    {
        var seen = 0;
        var spinUntil = 0L;
        while (true)
        {
            int generation;
            var spin = new SpinWait();
            while ((generation = Volatile.Read(ref _generation)) == seen)
            {
                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    // Spins, then yields the processor between checks (SpinWait's back-off): a thread of other work
                    // ready to run on this core (the thread pool's, say) gets it.
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                lock (_gate)
                {
                    // Dekker with For: this increment, then the read of the generation; there the increment of the
                    // generation, then the read of the sleepers (both full fences): one of the two sees the other.
                    Interlocked.Increment(ref _sleepers);
                    while (Volatile.Read(ref _generation) == seen) Monitor.Wait(_gate);
                    Interlocked.Decrement(ref _sleepers);
                }
            }
            seen = generation;
            var job = Volatile.Read(ref _job);
            if (job is null || index >= job.Helpers) continue;
            job.Work();
            spinUntil = Stopwatch.GetTimestamp() + _spinTicks;
        }
    }

    private sealed class Job(Action<int> body, int count, int helpers)
    {
        public readonly int Helpers = helpers;
        public int Done;
        public Exception? Error;
        private int _next;

        public void Work()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref _next) - 1;
                if (i >= count) return;
                try
                {
                    body(i);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, e, null);
                    // No further items are handed out; those already taken finish.
                    var left = Interlocked.Exchange(ref _next, count);
                    if (left < count) Interlocked.Add(ref Done, count - left);
                }
                Interlocked.Increment(ref Done);
            }
        }
    }
}
