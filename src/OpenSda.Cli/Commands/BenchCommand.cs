using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OpenSda.Cli.Infrastructure;
using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Screening;
using OpenSda.Screening.Validation;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary>
/// <c>opensda bench</c>: quick, repeatable throughput figures on the machine at hand. The
/// BenchmarkDotNet project (<c>bench/OpenSda.Benchmarks</c>) gives the statistically careful ones;
/// these are for comparing against peers in one script run (<c>scripts/bench-sgp4.sh</c>).
/// Results go to stdout as <c>key=value</c> lines, the headline figure last.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput: SGP4 propagation, catalog loading.");
        command.Subcommands.Add(CreateSgp4());
        command.Subcommands.Add(CreateCatalog());
        command.Subcommands.Add(CreateScreen());
        return command;
    }

    private static Command CreateSgp4()
    {
        var tle = new Option<string>("--tle") { Description = "Catalog to propagate (any supported format).", Required = true };
        var minutes = new Option<int>("--minutes") { Description = "Number of one-minute steps.", DefaultValueFactory = _ => 1440 };
        var start = new Option<string>("--start") { Description = "First time (ISO-8601 UTC).", DefaultValueFactory = _ => "2022-08-09T00:00:00Z" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (1 = one core).", DefaultValueFactory = _ => 1 };
        var engine = new Option<string>("--engine") { Description = "simd: the vectorised batch propagator (Sgp4VectorBatch); scalar: one propagator per object; batch: the scalar structure-of-arrays batch API.", DefaultValueFactory = _ => "simd" }
            .AcceptOnlyFromAmong("simd", "scalar", "batch");
        var command = new Command("sgp4",
            "SGP4/SDP4 propagations per second: every object of --tle at --minutes one-minute steps from --start.\n" +
            "The last stdout line is props_per_s=<number>.")
        { tle, minutes, start, threads, engine };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            if (!Instant.TryParseIso(parse.GetValue(start)!, scales.Utc, out var t0, out var err)) { io.Error("--start: " + err); return ExitCodes.Usage; }
            var steps = parse.GetValue(minutes);
            var nThreads = parse.GetValue(threads);
            if (steps <= 0 || nThreads <= 0) { io.Error("--minutes and --threads must be positive"); return ExitCodes.Usage; }
            var catalog = CatalogInput.Load(io, parse.GetValue(tle));
            if (catalog is null) return ExitCodes.BadInput;
            var elements = catalog.Entries.Select(e => e.Elements).ToArray();
            var t0Jd = t0.ToJulianDate(scales.Utc);
            var times = Enumerable.Range(0, steps).Select(k => t0Jd.AddDays(k / 1440.0)).ToArray();

            var mode = parse.GetValue(engine);
            var batch = mode == "batch" ? new Sgp4Batch(elements) : null;
            var vector = mode == "simd" ? new Sgp4VectorBatch(elements) : null;
            var propagators = mode == "scalar" ? elements.Select(e => new Sgp4Propagator(e)).ToArray() : null;
            // Warm-up: JIT and caches, on a tenth of the steps.
            Run(batch, vector, propagators, times.AsSpan(0, Math.Max(1, steps / 10)), nThreads, new Stopwatch());
            // Only propagation is timed: the batch engines' checksum pass over each chunk's output runs outside the
            // stopwatch (it is single-threaded and would cap the measured scaling); the scalar engine sums as it goes.
            var sw = new Stopwatch();
            var checksum = Run(batch, vector, propagators, times, nThreads, sw);
            var props = (double)elements.Length * steps;
            var inv = CultureInfo.InvariantCulture;
            io.Out.WriteLine(vector is null ? $"engine={mode}" : $"engine={mode} ({vector.Width})");
            io.Out.WriteLine($"objects={elements.Length}");
            io.Out.WriteLine($"steps={steps}");
            io.Out.WriteLine($"threads={nThreads}");
            io.Out.WriteLine($"propagations={props.ToString("F0", inv)}");
            io.Out.WriteLine($"seconds={sw.Elapsed.TotalSeconds.ToString("F3", inv)}");
            io.Out.WriteLine($"checksum_km={checksum.ToString("F3", inv)}");
            io.Out.WriteLine($"props_per_s={(props / sw.Elapsed.TotalSeconds).ToString("F0", inv)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Propagates everything; returns the sum of x over successful samples, so nothing is optimised away.</summary>
    private static double Run(Sgp4Batch? batch, Sgp4VectorBatch? vector, Sgp4Propagator[]? scalar, ReadOnlySpan<JulianDate> times, int threads, Stopwatch sw)
    {
        if (scalar is not null)
        {
            var all = times.ToArray();
            sw.Start();
            var s = RunScalar(scalar, all, threads);
            sw.Stop();
            return s;
        }
        const int chunk = 16;
        var n = batch?.Count ?? vector!.Count;
        var x = new double[chunk * n];
        var y = new double[chunk * n];
        var z = new double[chunk * n];
        var vx = new double[chunk * n];
        var vy = new double[chunk * n];
        var vz = new double[chunk * n];
        var e = new Sgp4Error[chunk * n];
        var sum = 0.0;
        for (var k0 = 0; k0 < times.Length; k0 += chunk)
        {
            var m = Math.Min(chunk, times.Length - k0);
            sw.Start();
            if (vector is not null) vector.Propagate(times.Slice(k0, m), x, y, z, vx, vy, vz, e, threads);
            else batch!.Propagate(times.Slice(k0, m), x, y, z, vx, vy, vz, e, threads);
            sw.Stop();
            for (var i = 0; i < m * n; i++)
                if (e[i] == Sgp4Error.None) sum += x[i];
        }
        return sum;
    }

    private static double RunScalar(Sgp4Propagator[] props, JulianDate[] times, int threads)
    {
        var partial = new double[props.Length];
        Parallel.For(0, props.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var p = props[i];
            var s = 0.0;
            foreach (var t in times)
                if (p.Propagate(t, out var r, out _) == Sgp4Error.None) s += r.X;
            partial[i] = s;
        });
        return partial.Sum();
    }

    private static Command CreateCatalog()
    {
        var file = new Argument<string>("CATALOG_FILE") { Description = "Catalog file to load." };
        var repeat = new Option<int>("--repeat") { Description = "Timed loads (after one warm-up).", DefaultValueFactory = _ => 5 };
        var command = new Command("catalog", "Catalog load time. The last stdout line is load_ms=<median>.") { file, repeat };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var path = parse.GetValue(file)!;
            var first = CatalogLoader.LoadFile(path);
            if (!first.Succeeded) { io.Error(first.FatalError!); return ExitCodes.BadInput; }
            var ms = new List<double>();
            for (var i = 0; i < Math.Max(1, parse.GetValue(repeat)); i++)
            {
                var sw = Stopwatch.StartNew();
                CatalogLoader.LoadFile(path);
                ms.Add(sw.Elapsed.TotalMilliseconds);
            }
            ms.Sort();
            var inv = CultureInfo.InvariantCulture;
            io.Out.WriteLine($"records={first.LoadedCount}");
            io.Out.WriteLine($"format={first.Format}");
            io.Out.WriteLine($"load_ms_min={ms[0].ToString("F1", inv)}");
            io.Out.WriteLine($"load_ms={ms[ms.Count / 2].ToString("F1", inv)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateScreen()
    {
        var file = new Argument<string?>("CATALOG_FILE") { Description = "Catalog (default: the bundled 2024-11-01 catalog).", Arity = ArgumentArity.ZeroOrOne };
        var start = new Option<string?>("--start") { Description = "Window start (default: the catalog's snapshot time)." };
        var duration = new Option<string>("--duration") { Description = "Window length, e.g. 24h or 7d.", DefaultValueFactory = _ => "24h" };
        var threshold = new Option<double>("--threshold-km") { Description = "Threshold, km.", DefaultValueFactory = _ => 5.0 };
        var reference = new Option<int>("--reference-objects") { Description = "Size of the LEO subset timed with the slow reference screener and the engine (0: skip).", DefaultValueFactory = _ => 2000 };
        var baseline = new Option<bool>("--no-propagation-baseline") { Description = "Skip timing plain 1-minute propagation of the catalog." };
        var command = new Command("screen",
            "Screening throughput on the whole catalog, with per-stage times, candidate counts and peak memory; for scale, " +
            "the cost of plainly propagating the catalog at 1-minute steps over the window, and the slow reference screener " +
            "against the engine on a LEO subset. The last stdout line is screen_s=<seconds>.")
        { file, start, duration, threshold, reference, baseline };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var inv = CultureInfo.InvariantCulture;
            var scales = TimeScales.LoadBundled();
            if (!ScreenCommand.TryParseDuration(parse.GetValue(duration)!, out var window)) { io.Error("--duration: not a duration"); return ExitCodes.Usage; }
            var path = parse.GetValue(file);
            var catalog = CatalogInput.Load(io, path);
            if (catalog is null) return ExitCodes.BadInput;
            if (!CatalogInput.TryResolveStart(io, parse.GetValue(start), catalog, path, scales, out var t0))
                return ExitCodes.Usage;
            var elements = catalog.Entries.Select(e => e.Elements).ToList();
            var options = new ScreeningOptions { StartUtc = t0.ToJulianDate(scales.Utc), Duration = window, ThresholdKm = parse.GetValue(threshold) };
            void Line(string key, object value) => io.Out.WriteLine(string.Create(inv, $"{key}={value}"));

            Line("objects", elements.Count);
            Line("window_h", window.TotalHours);
            Line("threshold_km", options.ThresholdKm);
            Line("threads", Environment.ProcessorCount);
            if (!parse.GetValue(baseline))
            {
                var sw = Stopwatch.StartNew();
                PropagateGrid(elements, options.StartUtc, window);
                Line("propagate_1min_s", sw.Elapsed.TotalSeconds.ToString("F2", inv));
            }
            var n = parse.GetValue(reference);
            if (n > 0)
            {
                var leo = elements.Where(e => e.MeanMotionRevPerDay is > 14.9 and < 15.3 && e.Eccentricity < 0.005)
                                  .OrderBy(e => e.CatalogNumber).Take(n).ToList();
                var sw = Stopwatch.StartNew();
                var input = ConjunctionScreener.CreateInput(leo, options);
                var refEvents = ReferenceScreener.Screen(input, options.DurationSeconds, options.ThresholdKm).Count;
                Line("reference_subset_objects", leo.Count);
                Line("reference_subset_s", sw.Elapsed.TotalSeconds.ToString("F2", inv));
                sw.Restart();
                var engineEvents = ConjunctionScreener.Screen(leo, options).Events.Count;
                Line("engine_subset_s", sw.Elapsed.TotalSeconds.ToString("F2", inv));
                Line("subset_events_reference", refEvents);
                Line("subset_events_engine", engineEvents);
            }
            var cpu0 = Environment.CpuUsage.TotalTime;
            var total = Stopwatch.StartNew();
            var result = io.WithStages(ScreenCommand.Stages, report =>
                ConjunctionScreener.Screen(elements, options, new ScreenCommand.SyncProgress(report)));
            total.Stop();
            var s = result.Statistics;
            Line("pairs_considered", s.PairsConsidered);
            Line("pairs_after_orbit_filter", s.PairsAfterOrbitFilter);
            Line("box_overlaps", s.BoxOverlaps);
            Line("chord_candidates", s.ChordCandidates);
            Line("events", s.Events);
            Line("errored_objects", result.Diagnostics.ErroredObjects.Count);
            Line("orbit_filter_s", s.OrbitFilterTime.TotalSeconds.ToString("F2", inv));
            Line("propagation_s", s.PropagationTime.TotalSeconds.ToString("F2", inv));
            Line("broad_phase_s", s.BroadPhaseTime.TotalSeconds.ToString("F2", inv));
            Line("refinement_s", s.RefinementTime.TotalSeconds.ToString("F2", inv));
            Line("cpu_s", (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds.ToString("F2", inv));
            Line("peak_working_set_mb", (Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("F0", inv));
            Line("screen_s", total.Elapsed.TotalSeconds.ToString("F2", inv));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Plain SGP4 of every object at one-minute steps over the window, in 64-step chunks (the baseline).</summary>
    private static void PropagateGrid(IReadOnlyList<MeanElements> elements, JulianDate start, TimeSpan window)
    {
        var batch = new Sgp4Batch(elements);
        const int chunk = 64;
        var n = batch.Count;
        double[] x = new double[chunk * n], y = new double[chunk * n], z = new double[chunk * n];
        double[] vx = new double[chunk * n], vy = new double[chunk * n], vz = new double[chunk * n];
        var err = new Sgp4Error[chunk * n];
        var times = new JulianDate[chunk];
        var steps = (int)window.TotalMinutes + 1;
        for (var k0 = 0; k0 < steps; k0 += chunk)
        {
            var m = Math.Min(chunk, steps - k0);
            for (var j = 0; j < m; j++) times[j] = start.AddDays((k0 + j) / 1440.0);
            batch.Propagate(times.AsSpan(0, m), x, y, z, vx, vy, vz, err);
        }
    }
}
