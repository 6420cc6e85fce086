using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Screening;
using OpenSda.Screening.Validation;
using OpenSda.Time;
using Perfolizer.Horology;

namespace OpenSda.Benchmarks;

/// <summary>
/// Issue 4 workload: the full 2024-11-01 CelesTrak catalog (26,834 objects), all-vs-all, 5 km, from
/// 2024-11-01T00:00Z, 24 h (and 7 days); with, for scale, plain SGP4 propagation of the catalog at
/// 1-minute steps over 24 h and the slow reference screener on a 2,000-object LEO subset.
/// Each operation takes seconds, so the job is a monitoring run (no pilot, 1 warm-up, 3 iterations).
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter *Screening*</c>
/// (the shared data folder must sit beside the repository, or set OPENSDA_SHARED).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class ScreeningBenchmarks : ScreeningWorkload
{
}

/// <summary>The screening workload (see <see cref="ScreeningBenchmarks"/>), without a job: the derived classes choose the clock.</summary>
public abstract class ScreeningWorkload
{
    private static readonly JulianDate Start = JulianDate.FromCalendar(2024, 11, 1);
    private List<MeanElements> _catalog = [];
    private List<MeanElements> _leo2000 = [];

    /// <summary>Loads the catalog (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("OPENSDA_SHARED");
        string? path = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && path is null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "celestrak_on_orbit_20241101.csv");
            if (File.Exists(candidate)) path = candidate;
        }
        if (root is not null) path = Path.Combine(root, "data", "celestrak_on_orbit_20241101.csv");
        var r = CatalogLoader.LoadFile(path ?? throw new FileNotFoundException("shared/data/celestrak_on_orbit_20241101.csv not found"));
        _catalog = r.Entries.Select(e => e.Elements).ToList();
        _leo2000 = _catalog.Where(e => e.MeanMotionRevPerDay is > 14.9 and < 15.3 && e.Eccentricity < 0.005)
            .OrderBy(e => e.CatalogNumber).Take(2000).ToList();
    }

    private ScreeningResult Screen(IReadOnlyList<MeanElements> cat, double hours) =>
        ConjunctionScreener.Screen(cat, new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromHours(hours), ThresholdKm = 5 });

    /// <summary>The headline: full catalog, 24 h, 5 km, all-vs-all.</summary>
    [Benchmark]
    public int FullCatalog_24h_5km() => Screen(_catalog, 24).Events.Count;

    /// <summary>Full catalog, 7 days, 5 km.</summary>
    [Benchmark]
    public int FullCatalog_7d_5km() => Screen(_catalog, 168).Events.Count;

    /// <summary>For scale: SGP4 of every object at 1-minute steps over 24 h (1,441 × 26,834), streamed in 64-step chunks.</summary>
    [Benchmark(Baseline = true)]
    public double PropagateCatalog_1min_24h()
    {
        var batch = new Sgp4Batch(_catalog);
        const int chunk = 64;
        var n = batch.Count;
        double[] x = new double[chunk * n], y = new double[chunk * n], z = new double[chunk * n];
        double[] vx = new double[chunk * n], vy = new double[chunk * n], vz = new double[chunk * n];
        var err = new Sgp4Error[chunk * n];
        var times = new JulianDate[chunk];
        var sum = 0.0;
        for (var k0 = 0; k0 <= 1440; k0 += chunk)
        {
            var m = Math.Min(chunk, 1441 - k0);
            for (var j = 0; j < m; j++) times[j] = Start.AddDays((k0 + j) / 1440.0);
            batch.Propagate(times.AsSpan(0, m), x, y, z, vx, vy, vz, err);
            sum += x[0];
        }
        return sum;
    }

    /// <summary>For scale: the reference screener (10 s sampling, sweep per sample, golden-section refinement) on 2,000 LEO objects, 24 h, 5 km.</summary>
    [Benchmark]
    public int ReferenceScreener_2000Leo_24h_5km()
    {
        var options = new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromHours(24), ThresholdKm = 5 };
        var input = ConjunctionScreener.CreateInput(_leo2000, options);
        return ReferenceScreener.Screen(input, options.DurationSeconds, 5).Count;
    }

    /// <summary>The engine on the same 2,000 LEO objects.</summary>
    [Benchmark]
    public int Engine_2000Leo_24h_5km() => Screen(_leo2000, 24).Events.Count;
}

/// <summary>
/// The <see cref="ScreeningBenchmarks"/> workload timed by the CPU time of the whole process (every thread,
/// Linux <c>CLOCK_PROCESS_CPUTIME_ID</c>), in process: on a shared machine whose load exceeds its cores the
/// wall clock counts waiting for a core, CPU time does not. Wall time on an idle machine with c cores is about
/// CPU time / c (the engine parallelises every stage).
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter '*ScreeningCpuTime*FullCatalog_24h*'</c>
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class ScreeningCpuTimeBenchmarks : ScreeningWorkload
{
    private sealed class CpuTimeConfig : ManualConfig
    {
        public CpuTimeConfig() =>
            AddJob(Job.Dry.WithIterationCount(3).WithWarmupCount(1)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithClock(CpuClock.Process)
                .WithId("ProcessCpuTime"));
    }
}
