using System.Collections.Concurrent;
using OpenSda.Threading;

namespace OpenSda.Core.Tests.Threading;

public class WorkerTeamTests
{
    [Fact]
    public void Every_index_runs_exactly_once_in_loop_after_loop()
    {
        var team = new WorkerTeam(3, TimeSpan.FromMilliseconds(2));
        for (var loop = 0; loop < 300; loop++)
        {
            var count = 1 + loop % 97;
            var runs = new int[count];
            team.For(count, -1, i => Interlocked.Increment(ref runs[i]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void Loops_share_the_work_among_the_workers()
    {
        var team = new WorkerTeam(1, TimeSpan.FromMilliseconds(50));
        var threads = new ConcurrentDictionary<int, int>();
        for (var loop = 0; loop < 20; loop++)
        {
            team.For(8, -1, _ =>
            {
                threads.TryAdd(Environment.CurrentManagedThreadId, 0);
                Thread.Sleep(2);
            });
        }
        Assert.Equal(2, threads.Count);
    }

    [Fact]
    public void One_degree_of_parallelism_runs_on_the_calling_thread_only()
    {
        var team = new WorkerTeam(3, TimeSpan.FromMilliseconds(2));
        var caller = Environment.CurrentManagedThreadId;
        var others = 0;
        team.For(50, 1, _ =>
        {
            if (Environment.CurrentManagedThreadId != caller) Interlocked.Increment(ref others);
        });
        Assert.Equal(0, others);
    }

    [Fact]
    public void The_degree_of_parallelism_bounds_the_threads_of_a_loop()
    {
        var team = new WorkerTeam(3, TimeSpan.FromMilliseconds(2));
        for (var loop = 0; loop < 20; loop++)
        {
            var threads = new ConcurrentDictionary<int, int>();
            team.For(16, 2, _ =>
            {
                threads.TryAdd(Environment.CurrentManagedThreadId, 0);
                Thread.SpinWait(10_000);
            });
            Assert.InRange(threads.Count, 1, 2);
        }
    }

    [Fact]
    public void An_exception_in_the_body_reaches_the_caller_and_the_team_still_works()
    {
        var team = new WorkerTeam(2, TimeSpan.FromMilliseconds(2));
        var ex = Assert.Throws<InvalidOperationException>(() => team.For(64, -1, i =>
        {
            if (i == 17) throw new InvalidOperationException("item 17");
        }));
        Assert.Equal("item 17", ex.Message);
        var runs = new int[64];
        team.For(64, -1, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void A_loop_started_inside_a_loop_completes()
    {
        var team = new WorkerTeam(2, TimeSpan.FromMilliseconds(2));
        var runs = new int[8 * 8];
        team.For(8, -1, i => team.For(8, -1, j => Interlocked.Increment(ref runs[i * 8 + j])));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Loops_from_several_threads_at_once_all_complete()
    {
        var team = new WorkerTeam(2, TimeSpan.FromMilliseconds(2));
        var totals = new long[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
        {
            for (var loop = 0; loop < 50; loop++)
                team.For(100, -1, i => Interlocked.Add(ref totals[c], i));
        });
        Assert.All(totals, t => Assert.Equal(50L * (99 * 100 / 2), t));
    }

    [Fact]
    public void Workers_that_went_to_sleep_wake_for_the_next_loop()
    {
        var team = new WorkerTeam(2, TimeSpan.Zero);
        for (var loop = 0; loop < 20; loop++)
        {
            var runs = new int[32];
            team.For(32, -1, i => Interlocked.Increment(ref runs[i]));
            Assert.All(runs, r => Assert.Equal(1, r));
            Thread.Sleep(1);
        }
    }
}
