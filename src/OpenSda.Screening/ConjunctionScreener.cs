using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Screening;

/// <summary>
/// Conjunction screening of GP element sets with SGP4 (the front end most callers want).
/// </summary>
/// <example>
/// <code>
/// var catalog = CatalogLoader.LoadFile(path).Entries.Select(e => e.Elements).ToList();
/// var result = ConjunctionScreener.Screen(catalog, new ScreeningOptions
/// {
///     StartUtc = JulianDate.FromCalendar(2024, 11, 1),
///     Duration = TimeSpan.FromDays(1),
///     ThresholdKm = 5,
/// }, progress);
/// foreach (var e in result.Events) Console.WriteLine($"{e.Primary.CatalogNumber} {e.Secondary.CatalogNumber} {e.MissKm}");
/// </code>
/// </example>
public static class ConjunctionScreener
{
    /// <summary>
    /// Screens <paramref name="catalog"/> over the window of <paramref name="options"/>: all-vs-all, or
    /// the primaries against everything. Progress is reported per stage ("orbit filter", "propagation",
    /// "broad phase", "refinement") as a fraction in [0, 1]. Element sets that SGP4 cannot initialise or
    /// that fail inside the window are left out and listed in the diagnostics; identical element sets
    /// are listed as co-located pairs, not events.
    /// </summary>
    public static ScreeningResult Screen(IReadOnlyList<MeanElements> catalog, ScreeningOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var input = CreateInput(catalog, options);
        return ScreeningEngine.Run(input, options, progress, cancellationToken);
    }

    /// <summary>The engine input for a catalog: identities, radial bounds, SGP4 and co-location groups.</summary>
    public static ScreeningInput CreateInput(IReadOnlyList<MeanElements> catalog, ScreeningOptions options,
        Sgp4OperationMode mode = Sgp4OperationMode.Improved)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var n = catalog.Count;
        var objects = new ScreenedObject[n];
        var bounds = new OrbitBounds[n];
        var group = new int[n];
        var keys = new Dictionary<ElementKey, int>();
        var windowDays = options.DurationSeconds / 86400.0;
        for (var i = 0; i < n; i++)
        {
            var el = catalog[i];
            objects[i] = new ScreenedObject(el.CatalogNumber, el.Name, el.InternationalDesignator, el.EpochUtc);
            bounds[i] = OrbitBounds.FromElements(el, options.StartUtc.DaysSince(el.EpochUtc), windowDays);
            var key = new ElementKey(el.EpochUtc.Day + el.EpochUtc.Fraction, el.EpochUtc.Fraction, el.MeanMotionRevPerDay, el.Eccentricity,
                el.InclinationDeg, el.RaanDeg, el.ArgPerigeeDeg, el.MeanAnomalyDeg, el.BStar, el.MeanMotionDot, el.MeanMotionDDot);
            if (keys.TryGetValue(key, out var first)) group[i] = group[first] = first;
            else { keys[key] = i; group[i] = -1; }
        }
        var prop = new Sgp4ScreeningPropagator(new Sgp4Batch(catalog, Sgp4GravityModel.Wgs72, mode), new Sgp4VectorBatch(catalog, Sgp4GravityModel.Wgs72, mode), options.StartUtc);
        var init = new int[n];
        var ie = prop.Batch.InitErrors;
        for (var i = 0; i < n; i++) init[i] = (int)ie[i];
        return new ScreeningInput
        {
            Objects = objects,
            Bounds = bounds,
            Propagator = prop,
            CoLocatedGroup = group,
            InitialErrors = init,
        };
    }

    /// <summary>
    /// Screens a catalog in which some objects have an ephemeris (an operator OEM, in TEME): an object with an
    /// ephemeris uses it over its span and its element set (if any) elsewhere; an ephemeris-only object is
    /// screened over its span only. See <see cref="CompositeScreeningPropagator"/>.
    /// </summary>
    public static ScreeningResult Screen(IReadOnlyList<MeanElements> catalog, IReadOnlyList<EphemerisObject> ephemerides, TimeScales scales,
        ScreeningOptions options, IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var input = CreateInput(catalog, ephemerides, scales, options);
        return ScreeningEngine.Run(input, options, progress, cancellationToken);
    }

    /// <summary>
    /// The engine input for element sets plus ephemerides: objects 0 … m−1 are <paramref name="catalog"/>'s element
    /// sets (those whose catalog number has an ephemeris use it over its span), then one object per catalog number
    /// that has only an ephemeris. Several ephemerides of one number are combined (a later one wins where they
    /// overlap, as OEM segments do). Ephemerides that do not reach into the window are ignored. Radial bounds of
    /// ephemeris objects come from the sampled radius range of their trajectory over the window; their jump
    /// margins and coverage spans make the broad phase's bound hold for the interpolated trajectory (see
    /// <see cref="CompositeScreeningPropagator"/>).
    /// </summary>
    public static ScreeningInput CreateInput(IReadOnlyList<MeanElements> catalog, IReadOnlyList<EphemerisObject> ephemerides, TimeScales scales,
        ScreeningOptions options, Sgp4OperationMode mode = Sgp4OperationMode.Improved)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ephemerides);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(options);
        var duration = options.DurationSeconds;
        var t0 = Instant.FromJulianDate(options.StartUtc, scales.Utc);
        double Sec(Instant t) => t.SecondsSince(t0);

        // Combine the ephemerides per catalog number; keep those that reach into the window.
        var byNumber = new Dictionary<int, (EphemerisObject First, IEphemerisSource Source, CoverageSpan[] Spans)>();
        foreach (var grp in ephemerides.GroupBy(e => e.CatalogNumber))
        {
            var list = grp.ToList();
            IEphemerisSource src = list.Count == 1 ? list[0].Teme : new SegmentedEphemeris(list.Select(e => e.Teme));
            var parts = src is SegmentedEphemeris seg ? Flatten(seg) : [src];
            // Span ends within 1 ms of the window's edges are snapped to them (rounding of the instants).
            double Snap(double t) => t < 1e-3 ? 0 : t > duration - 1e-3 ? duration : t;
            var raw = parts.Select(p => new CoverageSpan(Snap(Math.Max(0, Sec(p.UsableStart))), Snap(Math.Min(duration, Sec(p.UsableStop)))))
                .Where(s => s.ToSeconds > s.FromSeconds).OrderBy(s => s.FromSeconds).ToList();
            var merged = new List<CoverageSpan>();
            foreach (var s in raw)
            {
                if (merged.Count > 0 && s.FromSeconds <= merged[^1].ToSeconds)
                    merged[^1] = merged[^1] with { ToSeconds = Math.Max(merged[^1].ToSeconds, s.ToSeconds) };
                else merged.Add(s);
            }
            if (merged.Count > 0) byNumber[grp.Key] = (list[0], src, [.. merged]);
        }

        var m = catalog.Count;
        var withElements = new HashSet<int>(catalog.Select(e => e.CatalogNumber));
        var onlyEph = byNumber.Keys.Where(k => !withElements.Contains(k)).Order().ToList();
        var n = m + onlyEph.Count;
        var objects = new ScreenedObject[n];
        var bounds = new OrbitBounds[n];
        var group = new int[n];
        var init = new int[n];
        var eph = new IEphemerisSource?[n];
        var spans = new IReadOnlyList<CoverageSpan>?[n];
        var coverage = new IReadOnlyList<CoverageSpan>?[n];
        var keys = new Dictionary<ElementKey, int>();
        var windowDays = duration / 86400.0;
        Sgp4ScreeningPropagator? sgp = null;
        if (m > 0)
        {
            sgp = new Sgp4ScreeningPropagator(new Sgp4Batch(catalog, Sgp4GravityModel.Wgs72, mode), new Sgp4VectorBatch(catalog, Sgp4GravityModel.Wgs72, mode), options.StartUtc);
            var ie = sgp.Batch.InitErrors;
            for (var i = 0; i < m; i++) init[i] = (int)ie[i];
        }
        JulianDate Jd(Instant t) => t.ToJulianDate(scales.Utc);
        for (var i = 0; i < m; i++)
        {
            var el = catalog[i];
            group[i] = -1;
            if (byNumber.TryGetValue(el.CatalogNumber, out var e))
            {
                eph[i] = e.Source;
                spans[i] = e.Spans;
                objects[i] = new ScreenedObject(el.CatalogNumber, el.Name ?? e.First.Name, el.InternationalDesignator ?? e.First.InternationalDesignator, Jd(e.Source.UsableStart));
                if (init[i] != 0)
                {
                    // The element set is unusable: the ephemeris alone, over its spans.
                    init[i] = 0;
                    coverage[i] = e.Spans;
                }
                else
                {
                    // Both: the ephemeris inside its spans, the element set outside; the switches are edges.
                    var cuts = new List<double> { 0 };
                    foreach (var s in e.Spans) { cuts.Add(s.FromSeconds); cuts.Add(s.ToSeconds); }
                    cuts.Add(duration);
                    var pieces = new List<CoverageSpan>();
                    for (var k = 0; k + 1 < cuts.Count; k++)
                        if (cuts[k + 1] > cuts[k]) pieces.Add(new CoverageSpan(cuts[k], cuts[k + 1]));
                    coverage[i] = pieces;
                }
                continue;
            }
            objects[i] = new ScreenedObject(el.CatalogNumber, el.Name, el.InternationalDesignator, el.EpochUtc);
            bounds[i] = OrbitBounds.FromElements(el, options.StartUtc.DaysSince(el.EpochUtc), windowDays);
            var key = new ElementKey(el.EpochUtc.Day + el.EpochUtc.Fraction, el.EpochUtc.Fraction, el.MeanMotionRevPerDay, el.Eccentricity,
                el.InclinationDeg, el.RaanDeg, el.ArgPerigeeDeg, el.MeanAnomalyDeg, el.BStar, el.MeanMotionDot, el.MeanMotionDDot);
            if (keys.TryGetValue(key, out var first)) group[i] = group[first] = first;
            else keys[key] = i;
        }
        for (var j = 0; j < onlyEph.Count; j++)
        {
            var i = m + j;
            var e = byNumber[onlyEph[j]];
            eph[i] = e.Source;
            spans[i] = e.Spans;
            coverage[i] = e.Spans;
            group[i] = -1;
            objects[i] = new ScreenedObject(e.First.CatalogNumber, e.First.Name, e.First.InternationalDesignator, Jd(e.Source.UsableStart));
        }

        var prop = new CompositeScreeningPropagator(sgp, eph, spans, options.StartUtc, scales);
        var allowances = new IReadOnlyList<DeviationAllowance>?[n];
        var (intervals, dt) = ScreeningEngine.SampleGrid(options);
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
        {
            if (eph[i] is null) return;
            var list = MeasureAllowances(prop, i, spans[i]!, intervals, dt, duration);
            allowances[i] = list;
            var b = SampledBounds(prop, i, intervals, dt, duration, list.Count == 0 ? 0 : list.Max(a => a.Km));
            if (i < m && init[i] == 0 && coverage[i] != spans[i])
            {
                var el = OrbitBounds.FromElements(catalog[i], options.StartUtc.DaysSince(catalog[i].EpochUtc), windowDays);
                var low = Math.Min(b.LowKm, el.LowKm); var high = Math.Max(b.HighKm, el.HighKm);
                b = new OrbitBounds(low + el.MarginKm, high - el.MarginKm, el.MarginKm, el.IsDeepSpace);
            }
            bounds[i] = b;
        });
        return new ScreeningInput
        {
            Objects = objects,
            Bounds = bounds,
            Propagator = prop,
            CoLocatedGroup = group,
            InitialErrors = init,
            DeviationAllowances = allowances,
            Coverage = coverage,
        };
    }

    private static List<IEphemerisSource> Flatten(SegmentedEphemeris seg)
    {
        var list = new List<IEphemerisSource>();
        foreach (var p in seg.Parts)
            if (p is SegmentedEphemeris inner) list.AddRange(Flatten(inner)); else list.Add(p);
        return list;
    }

    /// <summary>Sub-samples per broad-phase interval used to measure an ephemeris trajectory's deviation from its chord.</summary>
    internal const int DeviationSubSamples = 16;

    /// <summary>Safety factor on the measured deviation: a near-parabolic deviation sampled at 16 points is under-read by at most 0.4 %.</summary>
    internal const double DeviationSafetyFactor = 1.02;

    /// <summary>
    /// The extra allowances an ephemeris object needs: on every sample interval within one step of its spans,
    /// max(0, 1.02 × measured max |r(t) − L(t)| + 1 m − the engine's bound e for the interval with J = 0).
    /// </summary>
    internal static List<DeviationAllowance> MeasureAllowances(IScreeningPropagator prop, int obj, IReadOnlyList<CoverageSpan> spans, int intervals, double dt, double duration)
    {
        var result = new List<DeviationAllowance>();
        var edges = new List<double>();
        foreach (var s in spans) { edges.Add(s.FromSeconds); edges.Add(s.ToSeconds); }
        for (var k = 0; k < intervals; k++)
        {
            var ta = k * dt;
            var tb = k + 1 == intervals ? duration : (k + 1) * dt;
            var touches = false;
            foreach (var s in spans)
                if (tb >= s.FromSeconds - dt && ta <= s.ToSeconds + dt) { touches = true; break; }
            if (!touches) continue;
            if (prop.Propagate(obj, ta, out var p0, out _) != 0 || prop.Propagate(obj, tb, out var p1, out _) != 0) continue;
            var dev = 0.0;
            void At(double t)
            {
                if (t < ta || t > tb) return;
                if (prop.Propagate(obj, t, out var r, out _) != 0) return;
                var f = (t - ta) / (tb - ta);
                var chord = p0 + f * (p1 - p0);
                dev = Math.Max(dev, (r - chord).Norm);
            }
            for (var q = 1; q < DeviationSubSamples; q++) At(ta + q * (tb - ta) / DeviationSubSamples);
            foreach (var e in edges)
            {
                At(e - 1e-6); At(e); At(e + 1e-6);
            }
            var minChord = SweptChordBound.ChordDistance(p0.X, p0.Y, p0.Z, p1.X, p1.Y, p1.Z, out _);
            var bound = SweptChordBound.Deviation(minChord, tb - ta, 0, out _);
            if (!double.IsFinite(bound)) continue;
            var x = DeviationSafetyFactor * dev + 0.001 - bound;
            if (x > 0) result.Add(new DeviationAllowance(ta, tb, x));
        }
        return result;
    }

    /// <summary>Radial bounds from the trajectory sampled every quarter step, widened by the chord deviation on both sides.</summary>
    private static OrbitBounds SampledBounds(IScreeningPropagator prop, int obj, int intervals, double dt, double duration, double jumpKm)
    {
        double lo = double.PositiveInfinity, hi = 0;
        for (var q = 0; q <= 4 * intervals; q++)
        {
            var t = Math.Min(duration, q * dt / 4);
            if (prop.Propagate(obj, t, out var r, out _) != 0) continue;
            var rn = r.Norm;
            lo = Math.Min(lo, rn); hi = Math.Max(hi, rn);
        }
        if (!double.IsFinite(lo)) return new OrbitBounds(0, double.PositiveInfinity, 0, false);
        var e = SweptChordBound.AccelerationBound(Math.Max(lo, 6000)) * dt * dt / 8 + jumpKm;
        var margin = 2 * e + 1.0;
        return new OrbitBounds(lo, hi, margin, false);
    }

    private readonly record struct ElementKey(double Epoch, double EpochFraction, double N, double E, double I, double Raan,
        double Argp, double M, double BStar, double NDot, double NDDot);
}
