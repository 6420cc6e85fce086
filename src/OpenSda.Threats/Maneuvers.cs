using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Threats;

/// <summary>Options of the manoeuvre detector.</summary>
public sealed record ManeuverDetectorOptions
{
    /// <summary>A feature is anomalous above this many robust standard deviations of the object's own past residuals.</summary>
    public double ThresholdSigma { get; init; } = 6;

    /// <summary>
    /// While the object has fewer than <see cref="MinimumHistory"/> residuals (at the start, and after each event) a pair is
    /// judged against the prior with a threshold this many times higher, and every residual is learned: only gross
    /// changes (a collision, a large manoeuvre) are flagged before the object's own noise is known.
    /// </summary>
    public double WarmupThresholdFactor { get; init; } = 5;

    /// <summary>Residuals needed before the learned noise model replaces the prior.</summary>
    public int MinimumHistory { get; init; } = 5;

    /// <summary>How many of the latest non-manoeuvre residuals the noise model keeps.</summary>
    public int HistoryLength { get; init; } = 30;

    /// <summary>
    /// Prior noise (one sigma) used until the object has <see cref="MinimumHistory"/> residuals, and the floor of the learned
    /// noise: radial, along-track and cross-track position (km per day of propagation, see <see cref="ResidualFeatures"/>),
    /// semi-major axis (km) and inclination (degrees). Typical of LEO GP element sets (Vallado &amp; Cefola 2012 report
    /// about 1 km at epoch growing a few km per day).
    /// </summary>
    public ResidualFeatures PriorSigma { get; init; } = new(0.3, 1.5, 0.3, 0.1, 0.003);

    /// <summary>Floor of each learned sigma (the fraction of the prior), so a very quiet history does not flag rounding noise.</summary>
    public double FloorFraction { get; init; } = 0.1;

    /// <summary>Ignore pairs of element sets closer than this (days): re-fits of the same tracking data.</summary>
    public double MinimumSpanDays { get; init; } = 0.01;

    /// <summary>
    /// How far before the last unchanged set's epoch (days) the manoeuvre-epoch search starts: a GP set is fitted to
    /// observations spanning hours to days before its epoch, so a change shortly before that epoch may not show in it yet.
    /// </summary>
    public double EpochSearchLookbackDays { get; init; } = 0.25;

    /// <summary>Step (seconds) of the search for the manoeuvre epoch.</summary>
    public double EpochSearchStepS { get; init; } = 30;
}

/// <summary>
/// The comparison features of one element set against the previous one propagated to its epoch: the largest position
/// differences (predicted − observed) in the new set's RTN frame over the revolution after the new epoch, divided by
/// (1 + span in days) since propagation error grows with the span, and the jumps in mean semi-major axis (beyond the drag
/// decay predicted by ṅ) and inclination.
/// </summary>
public readonly record struct ResidualFeatures(double RadialKm, double AlongTrackKm, double CrossTrackKm, double SemiMajorAxisKm, double InclinationDeg)
{
    internal double this[int k] => k switch { 0 => RadialKm, 1 => AlongTrackKm, 2 => CrossTrackKm, 3 => SemiMajorAxisKm, _ => InclinationDeg };

    internal static readonly string[] Names = ["radial", "along-track", "cross-track", "semi-major-axis", "inclination"];
}

/// <summary>One consecutive pair of element sets of an object and what the detector made of it.</summary>
public sealed record ElementSetComparison(
    int CatalogNumber, Instant PreviousEpoch, Instant Epoch, double SpanDays,
    Vec3 RtnDifferenceKm, ResidualFeatures Features, ResidualFeatures Sigma, double Score, bool Flagged, bool LearnedModel);

/// <summary>
/// A detected manoeuvre (or any impulsive change: a collision, a fragmentation). The epoch is where the trajectory of the
/// last set before and the first set after come closest (an impulse leaves the position continuous), searched from
/// <see cref="ManeuverDetectorOptions.EpochSearchLookbackDays"/> before the previous epoch to the new one;
/// <see cref="EpochMissKm"/> is that closest distance (small when the impulse model fits). The Δv is split as:
/// along-track from the jump in mean semi-major axis (Gauss: Δa = 2a²vΔv_T/μ, Vallado 2013 Eq. 9-24 specialised),
/// cross-track from the rotation of the orbit plane at that epoch (Δv_N = −(Δĥ·T̂)·v_T), and radial from the velocity
/// difference of the two trajectories at that epoch (the least certain part). A burn that leaves the period unchanged
/// (cross-track or radial) makes the two trajectories meet again every revolution, so its epoch is known only modulo
/// the period (<see cref="PeriodMinutes"/>); along-track burns change the period and have a unique epoch.
/// </summary>
public sealed record ManeuverEvent(
    int CatalogNumber, string? Name, Instant PreviousEpoch, Instant Epoch, Instant EstimatedTime, double EpochMissKm,
    double DeltaVRadialMs, double DeltaVAlongTrackMs, double DeltaVCrossTrackMs, double Score, string Trigger,
    double DeltaSemiMajorAxisKm, double DeltaInclinationDeg, double PeriodMinutes)
{
    /// <summary>Magnitude of the estimated Δv, m/s.</summary>
    public double DeltaVMs => Math.Sqrt(DeltaVRadialMs * DeltaVRadialMs + DeltaVAlongTrackMs * DeltaVAlongTrackMs + DeltaVCrossTrackMs * DeltaVCrossTrackMs);
}

/// <summary>The detector's output for one or more objects.</summary>
public sealed record ManeuverReport(IReadOnlyList<ManeuverEvent> Events, IReadOnlyList<ElementSetComparison> Comparisons, IReadOnlyList<string> Warnings);

/// <summary>
/// Manoeuvre detection from an element-set history.
/// </summary>
/// <remarks>
/// <para>For each new element set the previous one is propagated (SGP4) to the new epoch and compared
/// (<see cref="ResidualFeatures"/>). Each object learns its own noise: for each feature, a robust sigma
/// 1.4826·median|x| (the MAD about zero, Rousseeuw &amp; Croux 1993) over its latest non-flagged residuals,
/// floored at a fraction of the prior. A pair is flagged when any feature exceeds <see cref="ManeuverDetectorOptions.ThresholdSigma"/>
/// sigmas; the score is the largest ratio. Flagged residuals do not enter the noise model, so a manoeuvre does not
/// teach the detector to ignore the next one. The semi-major axis is predicted with the published ṅ/2
/// (n(t) = n₀ + 2(ṅ/2)Δt + 3(n̈/6)Δt²), so steady drag is not a manoeuvre.</para>
/// <para>This is the classical element-set differencing approach (e.g. Kelecy et al. 2007, "Satellite maneuver detection
/// using two-line element data", AMOS; Lemmens &amp; Krag 2014, "Two-line-elements-based maneuver detection methods
/// for satellites in low Earth orbit", JGCD 37(3)).</para>
/// </remarks>
public static class ManeuverDetector
{
    /// <summary>Analyses the history of every object in <paramref name="history"/> (any order; grouped by catalog number).</summary>
    public static ManeuverReport Analyze(IEnumerable<MeanElements> history, TimeScales scales, ManeuverDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(scales);
        options ??= new ManeuverDetectorOptions();
        var events = new List<ManeuverEvent>();
        var comparisons = new List<ElementSetComparison>();
        var warnings = new List<string>();
        foreach (var group in history.GroupBy(e => e.CatalogNumber).OrderBy(g => g.Key))
        {
            var sets = group.OrderBy(e => e.EpochUtc.Value).ToList();
            AnalyzeObject(sets, scales, options, events, comparisons, warnings);
        }
        return new ManeuverReport(events, comparisons, warnings);
    }

    private static void AnalyzeObject(List<MeanElements> sets, TimeScales scales, ManeuverDetectorOptions o,
                                      List<ManeuverEvent> events, List<ElementSetComparison> comparisons, List<string> warnings)
    {
        var past = new List<ResidualFeatures>();
        MeanElements? prev = null;
        Sgp4Propagator? prevProp = null;
        foreach (var cur in sets)
        {
            var curProp = new Sgp4Propagator(cur);
            if (curProp.InitError != Sgp4Error.None)
            {
                warnings.Add($"{cur.CatalogNumber}: element set at {Fmt(cur.EpochUtc, scales)} rejected by SGP4 ({curProp.InitError})");
                continue;
            }
            if (prev is null || prevProp is null)
            {
                prev = cur;
                prevProp = curProp;
                continue;
            }
            var span = cur.EpochUtc.DaysSince(prev.EpochUtc);
            if (span < o.MinimumSpanDays)
            {
                // A re-fit of the same data: keep the newer one as the reference.
                prev = cur;
                prevProp = curProp;
                continue;
            }
            if (!TryOrbitDifference(prevProp, curProp, cur, out var rtn, out var maxRtn))
            {
                warnings.Add($"{cur.CatalogNumber}: cannot propagate to {Fmt(cur.EpochUtc, scales)}");
                prev = cur;
                prevProp = curProp;
                continue;
            }
            var scale = 1 + span;
            var nPred = prev.MeanMotionRevPerDay + 2 * prev.MeanMotionDot * span + 3 * prev.MeanMotionDDot * span * span;
            var aPred = OrbitGeometry.SemiMajorAxisKm(nPred);
            var aCur = OrbitGeometry.SemiMajorAxisKm(cur.MeanMotionRevPerDay);
            var features = new ResidualFeatures(maxRtn.X / scale, maxRtn.Y / scale, maxRtn.Z / scale,
                                                Math.Abs(aCur - aPred), Math.Abs(cur.InclinationDeg - prev.InclinationDeg));
            var learned = past.Count >= o.MinimumHistory;
            var sigma = learned ? Learn(past, o) : o.PriorSigma;
            var score = 0.0;
            var trigger = 0;
            for (var k = 0; k < 5; k++)
            {
                var ratio = features[k] / sigma[k];
                if (ratio > score) { score = ratio; trigger = k; }
            }
            var threshold = learned ? o.ThresholdSigma : o.ThresholdSigma * o.WarmupThresholdFactor;
            var flagged = score > threshold;
            comparisons.Add(new ElementSetComparison(cur.CatalogNumber, OrbitMath.ToInstant(prev.EpochUtc, scales),
                OrbitMath.ToInstant(cur.EpochUtc, scales), span, rtn, features, sigma, score / o.ThresholdSigma, flagged, learned));
            if (flagged)
            {
                events.Add(Characterise(prev, prevProp, cur, curProp, scales, o, score / o.ThresholdSigma,
                                        ResidualFeatures.Names[trigger], aCur - aPred));
                // The orbit (and perhaps the object: a collision changes its area-to-mass ratio) has changed:
                // learn its noise afresh.
                past.Clear();
            }
            else
            {
                past.Add(features);
                if (past.Count > o.HistoryLength) past.RemoveAt(0);
            }
            prev = cur;
            prevProp = curProp;
        }
    }

    /// <summary>
    /// Differences (previous − new set, new set's RTN) at the new epoch and their largest magnitudes over the following
    /// revolution (12 samples): a change of eccentricity or plane shows as a once-per-revolution oscillation whose phase
    /// at the epoch is arbitrary, so the amplitude is the feature.
    /// </summary>
    private static bool TryOrbitDifference(Sgp4Propagator prevProp, Sgp4Propagator curProp, MeanElements cur, out Vec3 atEpoch, out Vec3 amplitude)
    {
        atEpoch = default;
        amplitude = default;
        var period = 1.0 / cur.MeanMotionRevPerDay;
        double mr = 0, mt = 0, mn = 0;
        for (var k = 0; k < 12; k++)
        {
            var t = cur.EpochUtc.AddDays(period * k / 12);
            if (!OrbitMath.TryState(prevProp, t, out var rp, out _) || !OrbitMath.TryState(curProp, t, out var rc, out var vc))
                return false;
            var d = RtnFrame.Of(rc, vc).ToRtn(rp - rc);
            if (k == 0) atEpoch = d;
            mr = Math.Max(mr, Math.Abs(d.X));
            mt = Math.Max(mt, Math.Abs(d.Y));
            mn = Math.Max(mn, Math.Abs(d.Z));
        }
        amplitude = new Vec3(mr, mt, mn);
        return true;
    }

    private static ResidualFeatures Learn(List<ResidualFeatures> past, ManeuverDetectorOptions o)
    {
        double Sigma(int k)
        {
            var values = past.Select(p => p[k]).OrderBy(x => x).ToList();
            var median = values.Count % 2 == 1 ? values[values.Count / 2] : 0.5 * (values[values.Count / 2 - 1] + values[values.Count / 2]);
            return Math.Max(1.4826 * median, o.FloorFraction * o.PriorSigma[k]);
        }
        return new ResidualFeatures(Sigma(0), Sigma(1), Sigma(2), Sigma(3), Sigma(4));
    }

    private static ManeuverEvent Characterise(MeanElements prev, Sgp4Propagator prevProp, MeanElements cur, Sgp4Propagator curProp,
                                              TimeScales scales, ManeuverDetectorOptions o, double score, string trigger, double deltaA)
    {
        // Epoch: the time in [previous epoch − lookback, new epoch] where the two trajectories are closest.
        var origin = prev.EpochUtc.AddDays(-o.EpochSearchLookbackDays);
        var span = cur.EpochUtc.DaysSince(origin) * 86_400;
        double Miss(double s)
        {
            var t = origin.AddDays(s / 86_400);
            return OrbitMath.TryState(prevProp, t, out var a, out _) && OrbitMath.TryState(curProp, t, out var b, out _)
                ? (a - b).Norm : double.MaxValue;
        }
        var steps = Math.Max(2, (int)Math.Ceiling(span / o.EpochSearchStepS));
        var bestK = 0;
        var best = double.MaxValue;
        for (var k = 0; k <= steps; k++)
        {
            var m = Miss(span * k / steps);
            if (m < best) { best = m; bestK = k; }
        }
        var lo = span * Math.Max(0, bestK - 1) / steps;
        var hi = span * Math.Min(steps, bestK + 1) / steps;
        const double g = 0.6180339887498949;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo), fc = Miss(c), fd = Miss(d);
        while (hi - lo > 0.01)
        {
            if (fc <= fd) { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = Miss(c); }
            else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = Miss(d); }
        }
        var sBest = fc <= fd ? c : d;
        var miss = Math.Min(fc, fd);
        var tBest = origin.AddDays(sBest / 86_400);

        double dvR = 0, dvT = 0, dvN = 0;
        if (OrbitMath.TryState(prevProp, tBest, out var r1, out var v1) && OrbitMath.TryState(curProp, tBest, out _, out var v2))
        {
            var frame = RtnFrame.Of(r1, v1);
            var a = OrbitGeometry.SemiMajorAxisKm(prev.MeanMotionRevPerDay);
            var v = v1.Norm;
            dvT = OrbitMath.Mu * deltaA / (2 * a * a * v) * 1000;
            var h1 = Vec3.Cross(r1, v1).Unit;
            var h2 = Vec3.Cross(r1, v2).Unit;
            var vT = Vec3.Dot(v1, frame.T);
            dvN = -Vec3.Dot(h2 - h1, frame.T) * vT * 1000;
            dvR = Vec3.Dot(v2 - v1, frame.R) * 1000;
        }
        return new ManeuverEvent(cur.CatalogNumber, cur.Name ?? prev.Name, OrbitMath.ToInstant(prev.EpochUtc, scales),
            OrbitMath.ToInstant(cur.EpochUtc, scales), OrbitMath.ToInstant(tBest, scales), miss, dvR, dvT, dvN, score, trigger,
            deltaA, cur.InclinationDeg - prev.InclinationDeg, 1440.0 / prev.MeanMotionRevPerDay);
    }

    private static string Fmt(JulianDate jd, TimeScales scales) => OrbitMath.ToInstant(jd, scales).ToIsoString(scales.Utc, 0);
}
