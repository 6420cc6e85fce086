using System.Collections.Concurrent;
using System.Diagnostics;
using OpenSda.Mathematics;

namespace OpenSda.Screening;

/// <summary>
/// Everything the engine needs besides the options: the objects, their mean-element radial bounds,
/// the propagator, and which objects share identical element sets.
/// </summary>
public sealed record ScreeningInput
{
    /// <summary>Objects, in the propagator's order.</summary>
    public required IReadOnlyList<ScreenedObject> Objects { get; init; }

    /// <summary>Radial bounds per object (stage 1), same order.</summary>
    public required IReadOnlyList<OrbitBounds> Bounds { get; init; }

    /// <summary>Positions of the objects.</summary>
    public required IScreeningPropagator Propagator { get; init; }

    /// <summary>Optional: objects with the same non-negative group number have identical element sets (co-located).</summary>
    public IReadOnlyList<int>? CoLocatedGroup { get; init; }

    /// <summary>Optional: non-zero = the propagator could not initialise this object (error code).</summary>
    public IReadOnlyList<int>? InitialErrors { get; init; }

    /// <summary>
    /// Optional: per object, extra allowances (km) added to its deviation from the sample chords (the jump term
    /// J of <see cref="SweptChordBound"/>) on the sample intervals that overlap each allowance's time span: for
    /// trajectories that switch source (ephemeris to element set) or whose interpolant departs from the chords
    /// by more than the acceleration bound allows. Null: none.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<DeviationAllowance>?>? DeviationAllowances { get; init; }

    /// <summary>
    /// Optional: per object, the open spans (seconds from the window start) where its positions are its
    /// own; null (for the list or an object) means the whole window. The propagator may continue an
    /// object outside its spans (so the broad phase stays continuous), but an event whose TCA is not
    /// inside a span of both objects, at least <see cref="ScreeningEngine.EdgeToleranceSeconds"/> from
    /// its ends, is not reported: a minimum at the end of a span is an edge minimum, as at the window edges.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<CoverageSpan>?>? Coverage { get; init; }
}

/// <summary>An extra chord-deviation allowance, km, for the sample intervals overlapping [<paramref name="FromSeconds"/>, <paramref name="ToSeconds"/>].</summary>
/// <param name="FromSeconds">Start, s from the window start.</param>
/// <param name="ToSeconds">End, s.</param>
/// <param name="Km">Allowance, km (≥ 0).</param>
public readonly record struct DeviationAllowance(double FromSeconds, double ToSeconds, double Km);

/// <summary>An open span of time, seconds from the window start, where an object's positions are its own.</summary>
/// <param name="FromSeconds">Start, s.</param>
/// <param name="ToSeconds">End, s.</param>
public readonly record struct CoverageSpan(double FromSeconds, double ToSeconds)
{
    /// <summary>True when <paramref name="t"/> lies inside the span, farther than <paramref name="tolerance"/> from both ends.</summary>
    public bool Contains(double t, double tolerance) => t > FromSeconds + tolerance && t < ToSeconds - tolerance;
}

/// <summary>
/// The three-stage conjunction screening engine on an abstract propagator:
/// (1) apogee/perigee filter (<see cref="OrbitBounds"/>); (2) time-sampled broad phase, streamed in time
/// chunks: propagate every object at the samples, inflate each object's chord box by the leak-proof
/// bound of <see cref="SweptChordBound"/>, find overlapping boxes with a spatial hash grid
/// (<c>GridBroadPhase</c>), keep pairs that pass the exact swept-chord test; (3) refine each survivor on
/// the exact range of propagated positions with Brent's method. See <c>ConjunctionScreener</c>
/// for the SGP4 front end.
/// </summary>
public static class ScreeningEngine
{
    /// <summary>Minima closer than this to a window edge are treated as edge minima (not events), s.</summary>
    public const double EdgeToleranceSeconds = 1e-3;

    /// <summary>TCA convergence tolerance of the refinement, s.</summary>
    public const double TcaToleranceSeconds = 1e-6;

    /// <summary>Runs a screening.</summary>
    public static ScreeningResult Run(ScreeningInput input, ScreeningOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        var prop = input.Propagator;
        var n = prop.Count;
        if (input.Objects.Count != n || input.Bounds.Count != n)
            throw new ArgumentException("Objects, Bounds and Propagator must have the same count.", nameof(input));
        var d = options.ThresholdKm;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        // ---- errors known at initialisation
        var errorCode = new int[n];
        var errorTime = new double[n];
        if (input.InitialErrors is { } ie)
            for (var i = 0; i < n; i++) errorCode[i] = ie[i];

        int[]? group = null;
        if (input.CoLocatedGroup is { } g)
        {
            group = new int[n];
            for (var i = 0; i < n; i++) group[i] = g[i];
        }

        // ---- primaries
        bool[]? isPrimary = null;
        var unknownPrimaries = new List<int>();
        if (options.Primaries is { Count: > 0 } prim)
        {
            isPrimary = new bool[n];
            var byNumber = new Dictionary<int, List<int>>();
            for (var i = 0; i < n; i++)
            {
                var c = input.Objects[i].CatalogNumber;
                if (!byNumber.TryGetValue(c, out var l)) byNumber[c] = l = [];
                l.Add(i);
            }
            foreach (var c in prim.Distinct())
            {
                if (byNumber.TryGetValue(c, out var l)) foreach (var i in l) isPrimary[i] = true;
                else unknownPrimaries.Add(c);
            }
            unknownPrimaries.Sort();
        }

        // ---- stage 1: apogee/perigee filter
        var bounds = new OrbitBounds[n];
        for (var i = 0; i < n; i++) bounds[i] = input.Bounds[i];
        var relevant = new bool[n];
        long pairsConsidered, pairsAfterFilter;
        if (isPrimary is null)
        {
            for (var i = 0; i < n; i++) relevant[i] = errorCode[i] == 0;
            var live = Enumerable.Range(0, n).Where(i => relevant[i]).ToArray();
            pairsConsidered = (long)live.Length * (live.Length - 1) / 2;
            pairsAfterFilter = CountRadialOverlaps(live.Select(i => bounds[i]).ToArray(), d);
            // An object whose band meets no other band cannot be in any conjunction.
            // (Kept in the grid anyway: the grid prunes it at no cost.)
        }
        else
        {
            var primaries = Enumerable.Range(0, n).Where(i => isPrimary[i] && errorCode[i] == 0).ToArray();
            pairsConsidered = 0; pairsAfterFilter = 0;
            for (var i = 0; i < n; i++)
            {
                if (errorCode[i] != 0) continue;
                if (isPrimary[i]) relevant[i] = true;
                foreach (var p in primaries)
                {
                    if (p == i || (isPrimary[i] && p > i)) continue; // count primary–primary pairs once
                    pairsConsidered++;
                    if (OrbitBounds.MayMeet(bounds[i], bounds[p], d)) { pairsAfterFilter++; relevant[i] = true; }
                }
            }
        }
        var activeAll = Enumerable.Range(0, n).Where(i => relevant[i]).ToArray();
        var deep = new double[n];
        for (var i = 0; i < n; i++)
            deep[i] = bounds[i].IsDeepSpace ? options.DiscontinuityMarginKm : 0.0;
        var allowances = input.DeviationAllowances;
        var withAllowance = allowances is null ? [] : Enumerable.Range(0, n).Where(i => allowances[i] is { Count: > 0 }).ToArray();
        double Extra(int i, double from, double to)
        {
            if (allowances?[i] is not { } list) return 0.0;
            var x = 0.0;
            foreach (var a in list)
                if (a.ToSeconds >= from && a.FromSeconds <= to && a.Km > x) x = a.Km;
            return x;
        }
        progress?.Report(("orbit filter", 1.0));
        var orbitFilterTime = sw.Elapsed;

        // ---- time grid
        var duration = options.DurationSeconds;
        var (intervals, dt) = SampleGrid(options);
        double SampleTime(int k) => k == intervals ? duration : k * dt;
        var chunkIntervals = Math.Max(1, options.ChunkSamples - 1);
        var chunkCount = (intervals + chunkIntervals - 1) / chunkIntervals;

        var na = activeAll.Length;
        var stride = n; // positions stored at [sample * n + obj]
        var cap = (chunkIntervals + 1) * stride;
        var xs = new double[cap]; var ys = new double[cap]; var zs = new double[cap];
        var errs = new int[cap];
        var sampleTimes = new double[chunkIntervals + 1];
        var deviation = new double[n];
        var accel = new double[n];
        var bandViolations = 0;

        var workspaces = new ConcurrentBag<GridBroadPhase>();
        var events = new ConcurrentBag<RawEvent>();
        long boxOverlaps = 0, chordCandidates = 0, refineProps = 0, broadProps = 0;
        TimeSpan tProp = TimeSpan.Zero, tBroad = TimeSpan.Zero, tRefine = TimeSpan.Zero;
        var refineErrors = new ConcurrentBag<(int Obj, int Code, double T)>();

        var active = activeAll;
        for (var chunk = 0; chunk < chunkCount; chunk++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var k0 = chunk * chunkIntervals;
            var k1 = Math.Min(intervals, k0 + chunkIntervals); // last sample index of the chunk
            var samples = k1 - k0 + 1;

            // -- propagate the chunk's samples (structure of arrays, every core)
            sw.Restart();
            var act = active;
            for (var j = 0; j < samples; j++) sampleTimes[j] = SampleTime(k0 + j);
            prop.PropagateSamples(sampleTimes.AsSpan(0, samples), activeAll, xs.AsSpan(0, samples * stride),
                ys.AsSpan(0, samples * stride), zs.AsSpan(0, samples * stride), errs.AsSpan(0, samples * stride), options.MaxDegreeOfParallelism);
            broadProps += (long)samples * activeAll.Length;
            // Sticky errors; drop errored objects from the chunk.
            var anyErr = false;
            for (var j = 0; j < samples; j++)
                foreach (var i in act)
                {
                    var code = errs[j * stride + i];
                    if (code != 0 && errorCode[i] == 0)
                    {
                        errorCode[i] = code; errorTime[i] = SampleTime(k0 + j); anyErr = true;
                    }
                }
            if (anyErr) active = act = act.Where(i => errorCode[i] == 0).ToArray();

            // -- per-object deviation bound for this chunk (objects in parallel blocks)
            var actChunk = act;
            Parallel.For(0, (actChunk.Length + 1023) / 1024, parallel, blk =>
            {
                for (var slot = blk * 1024; slot < Math.Min(actChunk.Length, (blk + 1) * 1024); slot++)
                {
                    var i = actChunk[slot];
                    var minChord = double.PositiveInfinity;
                    var maxR = 0.0;
                    for (var j = 0; j < samples; j++)
                    {
                        var o = j * stride + i;
                        var r = Math.Sqrt(xs[o] * xs[o] + ys[o] * ys[o] + zs[o] * zs[o]);
                        if (r > maxR) maxR = r;
                        if (j + 1 < samples)
                        {
                            var o1 = o + stride;
                            var c = SweptChordBound.ChordDistance(xs[o], ys[o], zs[o], xs[o1], ys[o1], zs[o1], out _);
                            if (c < minChord) minChord = c;
                        }
                    }
                    deviation[i] = SweptChordBound.Deviation(minChord, dt, deep[i], out var rLow);
                    accel[i] = double.IsFinite(deviation[i]) ? SweptChordBound.AccelerationBound(rLow) : double.PositiveInfinity;
                    if (rLow < bounds[i].LowKm || maxR + deviation[i] > bounds[i].HighKm)
                    {
                        // The mean-element band was too narrow: widen it (only matters for one-vs-all pruning).
                        Interlocked.Increment(ref bandViolations);
                        bounds[i] = bounds[i] with { MarginKm = bounds[i].MarginKm + Math.Max(bounds[i].LowKm - rLow, maxR + deviation[i] - bounds[i].HighKm) };
                    }
                }
            });
            tProp += sw.Elapsed;
            progress?.Report(("propagation", (double)k1 / intervals));

            // -- broad phase: grid + swept-chord test, intervals in parallel
            sw.Restart();
            var (cell, slices) = ChooseGrid(act, xs, ys, zs, stride, deviation, d, options);
            // Intervals where some object has an extra allowance get their own deviation array.
            var intervalDeviation = new double[]?[k1 - k0];
            foreach (var i in withAllowance)
            {
                if (errorCode[i] != 0) continue;
                for (var k = k0; k < k1; k++)
                {
                    var x = Extra(i, SampleTime(k), SampleTime(k + 1));
                    if (x <= 0) continue;
                    var arr = intervalDeviation[k - k0] ??= (double[])deviation.Clone();
                    // The allowance is a measured deviation excess (see DeviationAllowance): added on top of the bound.
                    arr[i] = Math.Max(arr[i], deviation[i] + x);
                }
            }
            var cands = new ConcurrentBag<List<Candidate>>();
            long overlapsChunk = 0;
            Parallel.For(k0, k1, parallel,
                () => workspaces.TryTake(out var ws) ? ws : new GridBroadPhase(),
                (k, _, ws) =>
                {
                    var off0 = (k - k0) * stride; var off1 = off0 + stride;
                    ws.Run(k, act, xs, ys, zs, off0, off1, intervalDeviation[k - k0] ?? deviation, d, cell, slices, isPrimary, group);
                    return ws;
                },
                ws =>
                {
                    Interlocked.Add(ref overlapsChunk, ws.BoxOverlaps);
                    ws.BoxOverlaps = 0;
                    if (ws.Candidates.Count > 0) { cands.Add([.. ws.Candidates]); ws.Candidates.Clear(); }
                    workspaces.Add(ws);
                });
            var candidates = cands.SelectMany(c => c).ToArray();
            boxOverlaps += overlapsChunk;
            chordCandidates += candidates.Length;
            tBroad += sw.Elapsed;
            progress?.Report(("broad phase", (double)k1 / intervals));

            // -- refinement on the exact range
            sw.Restart();
            long propsChunk = 0;
            if (candidates.Length > 0)
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, candidates.Length, 64), parallel,
                () => 0L,
                (range, _, local) =>
                {
                    for (var c = range.Item1; c < range.Item2; c++)
                        local += RefineCandidate(prop, candidates[c], dt, intervals, duration, d, accel, deep, Extra, events, refineErrors);
                    return local;
                },
                local => Interlocked.Add(ref propsChunk, local));
            refineProps += propsChunk;
            tRefine += sw.Elapsed;
            progress?.Report(("refinement", (double)k1 / intervals));
        }

        foreach (var (obj, code, t) in refineErrors)
            if (errorCode[obj] == 0 || errorTime[obj] > t) { errorCode[obj] = code; errorTime[obj] = t; }

        // ---- assemble: drop errored objects, merge duplicates (same minimum seen from two intervals)
        var list = events.Where(e => errorCode[e.A] == 0 && errorCode[e.B] == 0 && Covered(input, e.A, e.T) && Covered(input, e.B, e.T))
            .OrderBy(e => e.A).ThenBy(e => e.B).ThenBy(e => e.T).ToList();
        var merged = new List<RawEvent>();
        foreach (var e in list)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.A == e.A && last.B == e.B && e.T - last.T < 0.5 * dt)
                {
                    if (e.F < last.F) merged[^1] = e;
                    continue;
                }
            }
            merged.Add(e);
        }
        var result = merged.Select(e => ToEvent(input, prop, options, isPrimary, e)).OrderBy(e => e.TcaSecondsFromStart)
            .ThenBy(e => e.Primary.CatalogNumber).ThenBy(e => e.Secondary.CatalogNumber).ToList();

        var errored = new List<ErroredObject>();
        for (var i = 0; i < n; i++)
            if (errorCode[i] != 0) errored.Add(new ErroredObject(input.Objects[i], errorCode[i], errorTime[i]));
        var coLocated = new List<CoLocatedPair>();
        if (group is not null)
        {
            foreach (var grp in Enumerable.Range(0, n).Where(i => group[i] >= 0).GroupBy(i => group[i]))
            {
                var members = grp.OrderBy(i => input.Objects[i].CatalogNumber).ToArray();
                for (var p = 0; p < members.Length; p++)
                    for (var q = p + 1; q < members.Length; q++)
                        if (isPrimary is null || isPrimary[members[p]] || isPrimary[members[q]])
                            coLocated.Add(new CoLocatedPair(input.Objects[members[p]], input.Objects[members[q]]));
            }
        }

        total.Stop();
        var stats = new ScreeningStatistics
        {
            Objects = n,
            PairsConsidered = pairsConsidered,
            PairsAfterOrbitFilter = pairsAfterFilter,
            ObjectsPropagated = na,
            SampleStepSeconds = dt,
            Samples = intervals + 1,
            BroadPhasePropagations = broadProps,
            BoxOverlaps = boxOverlaps,
            ChordCandidates = chordCandidates,
            RefinementPropagations = refineProps,
            Events = result.Count,
            OrbitFilterBandViolations = bandViolations,
            OrbitFilterTime = orbitFilterTime,
            PropagationTime = tProp,
            BroadPhaseTime = tBroad,
            RefinementTime = tRefine,
            TotalTime = total.Elapsed,
        };
        return new ScreeningResult(result, new ScreeningDiagnostics(errored, coLocated, unknownPrimaries), stats);
    }

    /// <summary>
    /// Grid parameters for a chunk: the number of slices m per interval (<see cref="ScreeningOptions.BoxSlices"/>,
    /// or automatic: the mean chord extent over about <see cref="AutoSliceRatio"/> times the mean inflation,
    /// at most 16) and the cell edge, <see cref="ScreeningOptions.CellSizeFactor"/> times the mean
    /// inflated sub-box extent. Tuning only: any m and any cell size find the same candidates.
    /// </summary>
    private static (double Cell, int Slices) ChooseGrid(int[] act, double[] xs, double[] ys, double[] zs, int stride, double[] dev, double d,
        ScreeningOptions options)
    {
        if (act.Length == 0) return (100, 1);
        double sumExt = 0, sumInfl = 0; var cnt = 0;
        foreach (var i in act)
        {
            var o = i; var o1 = stride + i;
            var ext = Math.Max(Math.Abs(xs[o1] - xs[o]), Math.Max(Math.Abs(ys[o1] - ys[o]), Math.Abs(zs[o1] - zs[o])));
            var infl = d + 2 * dev[i];
            if (double.IsFinite(ext + infl)) { sumExt += ext; sumInfl += infl; cnt++; }
        }
        if (cnt == 0) return (100, 1);
        var meanExt = sumExt / cnt; var meanInfl = sumInfl / cnt;
        var m = options.BoxSlices > 0 ? options.BoxSlices : (int)Math.Clamp(Math.Round(meanExt / (AutoSliceRatio * meanInfl)), 1, 16);
        return (Math.Max(1.0, options.CellSizeFactor * (meanExt / m + meanInfl)), m);
    }

    /// <summary>The broad phase's sample grid: the number of intervals and their length Δt, s (at most the step asked for).</summary>
    public static (int Intervals, double StepSeconds) SampleGrid(ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var duration = options.DurationSeconds;
        var intervals = Math.Max(1, (int)Math.Ceiling(duration / options.SampleStepSeconds - 1e-9));
        return (intervals, duration / intervals);
    }

    private static bool Covered(ScreeningInput input, int obj, double t)
    {
        if (input.Coverage is not { } cov || cov[obj] is not { } spans) return true;
        foreach (var s in spans)
            if (s.Contains(t, EdgeToleranceSeconds)) return true;
        return false;
    }

    /// <summary>Automatic slicing aims at sub-box chord extents of this many inflations.</summary>
    internal const double AutoSliceRatio = 20.0;

    internal readonly record struct RawEvent(int A, int B, double T, double F);

    private struct PairRange : IScalarFunction
    {
        public IScreeningPropagator Prop;
        public int A, B;
        public double T0;
        public long Calls;
        public int Error;
        public int ErrorObj;
        public double ErrorT;
        public double Dx, Dy, Dz;

        public double Evaluate(double tau)
        {
            var t = T0 + tau;
            Calls += 2;
            var ea = Prop.Propagate(A, t, out var ra, out _);
            var eb = Prop.Propagate(B, t, out var rb, out _);
            if ((ea != 0 || eb != 0) && Error == 0) { Error = ea != 0 ? ea : eb; ErrorObj = ea != 0 ? A : B; ErrorT = t; }
            if (ea != 0 || eb != 0) return double.MaxValue;
            var dx = rb.X - ra.X; var dy = rb.Y - ra.Y; var dz = rb.Z - ra.Z;
            Dx = dx; Dy = dy; Dz = dz;
            return dx * dx + dy * dy + dz * dz;
        }
    }

    /// <summary>
    /// Finds every local minimum of the range inside interval k (and a little around it) with
    /// range ≤ d. The range is sampled at quarter steps over [t_k − Δt/2, t_k+1 + Δt/2]; each discrete
    /// local minimum brackets a true one, which Brent's method then pins down on positions alone.
    /// Quarter-step sampling cannot hide a minimum–maximum pair: for two objects within 50 km the
    /// relative acceleration is the tidal term ≲ 3n²ρ plus small perturbation differences, so the range
    /// has no structure on time scales below ~1/(√3 n) ≈ 8 min in LEO, and fast pairs have a convex
    /// squared range near the minimum (f'' = 2(|Δv|² + Δr·Δa) &gt; 0).
    /// </summary>
    private static long RefineCandidate(IScreeningPropagator prop, Candidate c, double dt, int intervals, double duration,
        double d, double[] accel, double[] jump, Func<int, double, double, double> extra, ConcurrentBag<RawEvent> events, ConcurrentBag<(int, int, double)> errors)
    {
        var tk = c.K * dt;
        var tk1 = c.K + 1 == intervals ? duration : (c.K + 1) * dt;
        var lo = Math.Max(0.0, tk - 0.5 * dt);
        var hi = Math.Min(duration, tk1 + 0.5 * dt);
        Span<double> ts = stackalloc double[16];
        Span<double> fs = stackalloc double[16];
        var np = 0;
        ts[np++] = lo;
        for (var j = -1; j <= 5; j++)
        {
            var t = tk + j * 0.25 * dt;
            if (t > lo + 1e-9 && t < hi - 1e-9) ts[np++] = t;
        }
        ts[np++] = hi;
        var fn = new PairRange { Prop = prop, A = c.A, B = c.B, T0 = 0 };
        Span<double> rx = stackalloc double[16], ry = stackalloc double[16], rz = stackalloc double[16];
        for (var j = 0; j < np; j++)
        {
            fs[j] = fn.Evaluate(ts[j]);
            rx[j] = fn.Dx; ry[j] = fn.Dy; rz[j] = fn.Dz;
        }
        if (fn.Error != 0) { errors.Add((fn.ErrorObj, fn.Error, fn.ErrorT)); return fn.Calls; }
        var d2 = d * d;
        // Lower bound of the range on each segment between points (the swept-chord bound again, now
        // with the short segment's deviation): segments that provably stay above d need no search.
        Span<bool> near = stackalloc bool[16];
        var accelSum = accel[c.A] + accel[c.B];
        var jumpSum = jump[c.A] + jump[c.B] + extra(c.A, lo, hi) + extra(c.B, lo, hi);
        var anyNear = false;
        for (var j = 0; j + 1 < np; j++)
        {
            var h = ts[j + 1] - ts[j];
            var lb = SweptChordBound.ChordDistance(rx[j], ry[j], rz[j], rx[j + 1], ry[j + 1], rz[j + 1], out _) - accelSum * h * h / 8 - jumpSum;
            near[j] = !(lb > d);
            anyNear |= near[j];
        }
        if (!anyNear) return fn.Calls;
        for (var j = 0; j < np; j++)
        {
            double a, b, x0;
            var left = j == 0; var right = j == np - 1;
            if (!left && !right)
            {
                if (!(fs[j - 1] >= fs[j] && fs[j] <= fs[j + 1])) continue;
                a = ts[j - 1]; b = ts[j + 1]; x0 = ts[j];
            }
            else if (left && ts[j] == 0.0 && fs[0] <= fs[1])
            {
                a = 0; b = ts[1]; x0 = 0.5 * b; // a minimum may hide between the window start and the next point
            }
            else if (right && ts[j] == duration && fs[j] <= fs[j - 1])
            {
                a = ts[j - 1]; b = duration; x0 = 0.5 * (a + b);
            }
            else continue;
            if (!near[Math.Max(0, j - 1)] && !near[Math.Min(np - 2, j)]) continue; // bracket provably above d
            fn.T0 = x0;
            var tau = Brent.Minimize(ref fn, a - x0, b - x0, 0.0, TcaToleranceSeconds, out var fMin);
            if (fn.Error != 0) { errors.Add((fn.ErrorObj, fn.Error, fn.ErrorT)); return fn.Calls; }
            var tStar = x0 + tau;
            if (fMin > d2) continue;
            if (tStar <= EdgeToleranceSeconds || tStar >= duration - EdgeToleranceSeconds) continue; // edge minimum
            var slack = 1e-3 * dt;
            if (tStar < tk - slack || tStar > tk1 + slack) continue; // belongs to a neighbouring interval
            events.Add(new RawEvent(c.A, c.B, tStar, fMin));
        }
        return fn.Calls;
    }

    private static ConjunctionEvent ToEvent(ScreeningInput input, IScreeningPropagator prop, ScreeningOptions options, bool[]? isPrimary, RawEvent e)
    {
        int p = e.A, s = e.B;
        var oa = input.Objects[e.A]; var ob = input.Objects[e.B];
        var swap = isPrimary is not null
            ? (isPrimary[e.B] && !isPrimary[e.A]) || (isPrimary[e.A] == isPrimary[e.B] && ob.CatalogNumber < oa.CatalogNumber)
            : ob.CatalogNumber < oa.CatalogNumber;
        if (swap) (p, s) = (s, p);
        prop.Propagate(p, e.T, out var rp, out var vp);
        prop.Propagate(s, e.T, out var rs, out var vs);
        var miss = rs - rp;
        var rHat = rp.Unit;
        var nHat = Vec3.Cross(rp, vp).Unit;
        var tHat = Vec3.Cross(nHat, rHat);
        var tca = options.StartUtc.AddDays(e.T / 86400.0);
        var po = input.Objects[p]; var so = input.Objects[s];
        return new ConjunctionEvent
        {
            Primary = po,
            Secondary = so,
            TcaUtc = tca,
            TcaSecondsFromStart = e.T,
            MissKm = miss.Norm,
            RelativeSpeedKmS = (vs - vp).Norm,
            MissRtnKm = new Vec3(Vec3.Dot(miss, rHat), Vec3.Dot(miss, tHat), Vec3.Dot(miss, nHat)),
            PrimaryElementAgeDays = options.StartUtc.DaysSince(po.EpochUtc) + e.T / 86400.0,
            SecondaryElementAgeDays = options.StartUtc.DaysSince(so.EpochUtc) + e.T / 86400.0,
            PrimaryTeme = new StateVector(rp, vp),
            SecondaryTeme = new StateVector(rs, vs),
        };
    }

    /// <summary>Pairs whose radial bands [low, high] come within d: sort by low, binary-search each high.</summary>
    internal static long CountRadialOverlaps(OrbitBounds[] b, double d)
    {
        var lows = b.Select(x => x.LowKm).ToArray();
        var highs = b.Select(x => x.HighKm).ToArray();
        Array.Sort(lows, highs);
        long count = 0;
        for (var i = 0; i < lows.Length; i++)
        {
            var limit = highs[i] + d;
            // number of j > i with lows[j] <= limit
            int loIdx = i + 1, hiIdx = lows.Length;
            while (loIdx < hiIdx)
            {
                var mid = (loIdx + hiIdx) >>> 1;
                if (lows[mid] <= limit) loIdx = mid + 1; else hiIdx = mid;
            }
            count += loIdx - (i + 1);
        }
        return count;
    }
}
