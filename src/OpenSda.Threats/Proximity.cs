using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Threats;

/// <summary>A keep-out volume around a protected asset, in the asset's RTN frame (km).</summary>
public abstract record KeepOutVolume
{
    /// <summary>
    /// The volume's scale at a relative position: the factor by which the volume must grow to reach the point
    /// (≤ 1 inside). A box uses the largest ratio |x_i|/half-extent_i (the ∞-norm), an ellipsoid √Σ(x_i/a_i)².
    /// </summary>
    public abstract double Scale(Vec3 rtnKm);

    /// <summary>Largest half-extent, km.</summary>
    public abstract double MaxExtentKm { get; }

    /// <summary>True when the point is inside.</summary>
    public bool Contains(Vec3 rtnKm) => Scale(rtnKm) <= 1;
}

/// <summary>A box of half-extents (radial, along-track, cross-track), km, centred on the asset.</summary>
public sealed record RtnBox(double RadialKm, double AlongTrackKm, double CrossTrackKm) : KeepOutVolume
{
    public override double Scale(Vec3 rtnKm) =>
        Math.Max(Math.Abs(rtnKm.X) / RadialKm, Math.Max(Math.Abs(rtnKm.Y) / AlongTrackKm, Math.Abs(rtnKm.Z) / CrossTrackKm));

    public override double MaxExtentKm => Math.Max(RadialKm, Math.Max(AlongTrackKm, CrossTrackKm));
}

/// <summary>An ellipsoid of semi-axes (radial, along-track, cross-track), km, centred on the asset.</summary>
public sealed record RtnEllipsoid(double RadialKm, double AlongTrackKm, double CrossTrackKm) : KeepOutVolume
{
    public override double Scale(Vec3 rtnKm)
    {
        var x = rtnKm.X / RadialKm;
        var y = rtnKm.Y / AlongTrackKm;
        var z = rtnKm.Z / CrossTrackKm;
        return Math.Sqrt(x * x + y * y + z * z);
    }

    public override double MaxExtentKm => Math.Max(RadialKm, Math.Max(AlongTrackKm, CrossTrackKm));
}

/// <summary>A protected asset: its catalog number and keep-out volume.</summary>
public sealed record ProtectedAsset(int CatalogNumber, KeepOutVolume KeepOut);

/// <summary>A watch list: the protected assets.</summary>
public sealed record WatchList(IReadOnlyList<ProtectedAsset> Assets);

/// <summary>Options of the proximity analysis.</summary>
public sealed record ProximityOptions
{
    /// <summary>An approach is a local minimum of range at or under this distance, km (and any keep-out entry).</summary>
    public double ApproachRangeKm { get; init; } = 50;

    /// <summary>Relative speed (km/s) under which an approach counts as slow (deliberate rendezvous are metres per second).</summary>
    public double LowSpeedKmS { get; init; } = 0.1;

    /// <summary>Co-orbital: mean semi-major axes within this, km …</summary>
    public double CoOrbitalDeltaSmaKm { get; init; } = 25;

    /// <summary>… and orbit planes within this angle, degrees.</summary>
    public double CoOrbitalPlaneAngleDeg { get; init; } = 0.5;

    /// <summary>Timeline step, seconds (plus a dense ±5 min at 10 s around each approach).</summary>
    public double TimelineStepS { get; init; } = 600;

    /// <summary>Objects known to have manoeuvred recently (e.g. from <see cref="ManeuverDetector"/>).</summary>
    public IReadOnlySet<int> RecentlyManeuvered { get; init; } = new HashSet<int>();

    /// <summary>Threads; −1 lets the thread pool decide.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>Relative geometry at one time: range, the object's position in the asset's RTN frame, relative speed.</summary>
public sealed record ProximitySample(Instant Time, double RangeKm, Vec3 RtnKm, double RelativeSpeedKmS, double KeepOutScale);

/// <summary>The terms of the threat score, each in [0, 1] (see <see cref="ProximityAnalyzer"/>).</summary>
public sealed record ThreatScoreTerms(double Closeness, double Slowness, double Recurrence, double Manoeuvre);

/// <summary>What an object does near a protected asset during the window.</summary>
public sealed record ProximityReport(
    int AssetCatalogNumber, int CatalogNumber, string? Name,
    double ThreatScore, ThreatScoreTerms Terms,
    ProximitySample Closest, IReadOnlyList<ProximitySample> Approaches, IReadOnlyList<(Instant Entry, Instant Exit)> KeepOutEntries,
    bool CoOrbital, bool DriftingTowards, double DeltaSmaKm, double PlaneAngleDeg, double PhaseAngleDeg,
    int SlowApproaches, bool Manoeuvrable, bool RecentlyManeuvered, IReadOnlyList<ProximitySample> Timeline);

/// <summary>
/// Proximity-operations (RPO) watch: objects that enter an asset's keep-out volume, that are co-orbital with it and
/// drifting towards it, or that approach it repeatedly at low relative speed, ranked by a documented threat score.
/// </summary>
/// <remarks>
/// <para>Search: both objects by SGP4 (TEME). Objects whose perigee–apogee shell does not come within the approach range
/// of the asset's are dropped. For the rest, range can shrink no faster than the sum of the two perigee speeds, so
/// the search jumps (d − D)/v_max ahead while the range d exceeds the approach range D; near the asset it samples at
/// D/(4 v_max) and refines range minima by golden-section search and keep-out crossings by bisection (to 1 ms).</para>
/// <para>Co-orbital: |Δa| ≤ <see cref="ProximityOptions.CoOrbitalDeltaSmaKm"/> and orbit normals within
/// <see cref="ProximityOptions.CoOrbitalPlaneAngleDeg"/> at the window start. Drifting towards: the in-plane phase angle θ
/// of the object ahead of the asset (positive ahead) and the mean-motion difference Δn have opposite signs, so |θ| shrinks.</para>
/// <para>Threat score (0–100) = 100·(0.35·C + 0.25·V + 0.20·F + 0.20·M), with closeness C = 1/max(1, s_min)
/// (s_min: the smallest keep-out scale reached, 1 at the boundary), slowness V = exp(−v_rel/0.1 km/s) at the closest
/// approach, recurrence F = 1 − exp(−k/3) with k the number of approaches (plus one when co-orbital and drifting
/// towards), manoeuvre M = 1 if the object recently manoeuvred, 0.5 if it may manoeuvre (its name is not that of
/// debris or a rocket body), else 0. The weights are a documented policy choice, not physics.</para>
/// </remarks>
public static class ProximityAnalyzer
{
    /// <summary>Analyses every asset of the watch list against the catalog over [from, to].</summary>
    public static IReadOnlyList<ProximityReport> Analyze(WatchList watchList, IReadOnlyList<MeanElements> catalog, Instant from, Instant to,
                                                         TimeScales scales, ProximityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(watchList);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(scales);
        options ??= new ProximityOptions();
        var reports = new List<ProximityReport>();
        foreach (var asset in watchList.Assets)
        {
            var assetEl = catalog.FirstOrDefault(e => e.CatalogNumber == asset.CatalogNumber)
                          ?? throw new ArgumentException($"asset {asset.CatalogNumber} is not in the catalog");
            var assetProp = new Sgp4Propagator(assetEl);
            if (assetProp.InitError != Sgp4Error.None) throw new ArgumentException($"asset {asset.CatalogNumber}: SGP4 error {assetProp.InitError}");
            var (arp, ara, _) = Shell(assetEl);
            var margin = options.ApproachRangeKm + asset.KeepOut.MaxExtentKm + 30;
            var candidates = catalog.Where(e => e.CatalogNumber != asset.CatalogNumber)
                                    .Where(e => { var (rp, ra, _) = Shell(e); return rp - margin <= ara && ra + margin >= arp; })
                                    .ToList();
            var found = new ProximityReport?[candidates.Count];
            Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
            {
                found[i] = AnalyzePair(asset, assetEl, assetProp.Clone(), candidates[i], from, to, scales, options);
            });
            reports.AddRange(found.Where(r => r is not null)!);
        }
        return reports.OrderByDescending(r => r.ThreatScore).ThenBy(r => r.Closest.RangeKm).ToList();
    }

    private static (double Rp, double Ra, double Vmax) Shell(MeanElements e)
    {
        var a = OrbitGeometry.SemiMajorAxisKm(e.MeanMotionRevPerDay);
        var ecc = Math.Clamp(e.Eccentricity, 0, 0.99);
        return (a * (1 - ecc) - 15, a * (1 + ecc) + 15, Math.Sqrt(OrbitMath.Mu * (1 + ecc) / (a * (1 - ecc))) * 1.02 + 0.05);
    }

    private readonly record struct Rel(double Range, Vec3 Rtn, double Speed, double Scale);

    private static ProximityReport? AnalyzePair(ProtectedAsset asset, MeanElements assetEl, Sgp4Propagator assetProp, MeanElements el,
                                                Instant from, Instant to, TimeScales scales, ProximityOptions o)
    {
        var prop = new Sgp4Propagator(el);
        if (prop.InitError != Sgp4Error.None) return null;
        var t0 = from.ToJulianDate(scales.Utc);
        var window = to.SecondsSince(from);
        bool Eval(double s, out Rel rel)
        {
            var t = t0.AddDays(s / 86_400);
            rel = default;
            if (!OrbitMath.TryState(assetProp, t, out var ra, out var va) || !OrbitMath.TryState(prop, t, out var rb, out var vb)) return false;
            var frame = RtnFrame.Of(ra, va);
            var d = rb - ra;
            var rtn = frame.ToRtn(d);
            rel = new Rel(d.Norm, rtn, (vb - va).Norm, asset.KeepOut.Scale(rtn));
            return true;
        }

        var vmax = Shell(assetEl).Vmax + Shell(el).Vmax;
        var interest = Math.Max(o.ApproachRangeKm, asset.KeepOut.MaxExtentKm * 1.01);
        var h = Math.Max(0.5, interest / vmax / 4);
        var approaches = new List<double>();
        var entries = new List<(double, double)>();
        var minScale = double.MaxValue;
        var ss = new List<double>();
        var rs = new List<Rel>();

        void Close()
        {
            for (var k = 0; k < ss.Count; k++)
            {
                // Range minima (the segment's ends are outside the interest radius, so interior minima only).
                if (k > 0 && k + 1 < ss.Count && rs[k].Range <= rs[k - 1].Range && rs[k].Range <= rs[k + 1].Range)
                {
                    var (tm, _) = Golden(s => Eval(s, out var r) ? r.Range : double.MaxValue, ss[k - 1], ss[k + 1]);
                    if (Eval(tm, out var rm) && rm.Range <= o.ApproachRangeKm) approaches.Add(tm);
                    if (Eval(tm, out rm) && rm.Scale <= 1 && rs[k - 1].Scale > 1 && rs[k + 1].Scale > 1 && rs[k].Scale > 1)
                    {
                        // A short incursion between samples.
                        entries.Add((Bisect(s => Eval(s, out var r) ? r.Scale - 1 : 1, ss[k - 1], tm),
                                     Bisect(s => Eval(s, out var r) ? r.Scale - 1 : 1, tm, ss[k + 1])));
                    }
                }
                minScale = Math.Min(minScale, rs[k].Scale);
            }
            // Keep-out crossings between samples.
            double? open = ss.Count > 0 && rs[0].Scale <= 1 ? ss[0] : null;
            for (var k = 0; k + 1 < ss.Count; k++)
            {
                if (rs[k].Scale > 1 && rs[k + 1].Scale <= 1)
                    open = Bisect(s => Eval(s, out var r) ? r.Scale - 1 : 1, ss[k], ss[k + 1]);
                else if (rs[k].Scale <= 1 && rs[k + 1].Scale > 1)
                {
                    entries.Add((open ?? ss[k], Bisect(s => Eval(s, out var r) ? r.Scale - 1 : 1, ss[k], ss[k + 1])));
                    open = null;
                }
            }
            if (open is { } st) entries.Add((st, ss[^1]));
            ss.Clear();
            rs.Clear();
        }

        var sNow = 0.0;
        var done = false;
        while (!done)
        {
            if (sNow >= window) { sNow = window; done = true; }
            if (!Eval(sNow, out var rel)) break;
            var gap = rel.Range - interest;
            if (gap > vmax * h)
            {
                Close();
                sNow += gap / vmax;
                continue;
            }
            ss.Add(sNow);
            rs.Add(rel);
            sNow += h;
        }
        Close();

        // Co-orbital test at the window start.
        OrbitMath.TryState(assetProp, t0, out var ra0, out var va0);
        OrbitMath.TryState(prop, t0, out var rb0, out var vb0);
        var planeAngle = Math.Acos(Math.Clamp(Vec3.Dot(Vec3.Cross(ra0, va0).Unit, Vec3.Cross(rb0, vb0).Unit), -1, 1)) / OrbitMath.Deg;
        var dSma = OrbitGeometry.SemiMajorAxisKm(el.MeanMotionRevPerDay) - OrbitGeometry.SemiMajorAxisKm(assetEl.MeanMotionRevPerDay);
        var frame0 = RtnFrame.Of(ra0, va0);
        var phase = Math.Atan2(Vec3.Dot(rb0, frame0.T), Vec3.Dot(rb0, frame0.R)) / OrbitMath.Deg;
        var coOrbital = Math.Abs(dSma) <= o.CoOrbitalDeltaSmaKm && planeAngle <= o.CoOrbitalPlaneAngleDeg;
        var dn = el.MeanMotionRevPerDay - assetEl.MeanMotionRevPerDay;
        var drifting = coOrbital && phase * dn < 0;
        if (approaches.Count == 0 && entries.Count == 0 && !coOrbital) return null;

        // One approach per half revolution of the asset: co-located objects (docked vehicles, close formations) have a
        // range minimum at every wiggle of the relative motion.
        var halfRev = 43_200.0 / assetEl.MeanMotionRevPerDay;
        var merged = new List<double>();
        foreach (var a in approaches.Order())
        {
            if (merged.Count > 0 && a - merged[^1] < halfRev)
            {
                if (Eval(a, out var ra) && Eval(merged[^1], out var rb) && ra.Range < rb.Range) merged[^1] = a;
            }
            else merged.Add(a);
        }
        approaches = merged;

        Instant At(double s) => from.AddSeconds(s);
        ProximitySample Sample(double s) => Eval(s, out var r) ? new ProximitySample(At(s), r.Range, r.Rtn, r.Speed, r.Scale) : new ProximitySample(At(s), double.NaN, default, double.NaN, double.NaN);
        var approachSamples = approaches.Select(Sample).OrderBy(a => a.Time).ToList();
        ProximitySample closest;
        if (approachSamples.Count > 0) closest = approachSamples.MinBy(a => a.RangeKm)!;
        else
        {
            // Co-orbital but never within the approach range: the closest of a coarse scan.
            closest = Enumerable.Range(0, (int)(window / o.TimelineStepS) + 1).Select(k => Sample(Math.Min(window, k * o.TimelineStepS)))
                                .Where(x => double.IsFinite(x.RangeKm)).MinBy(x => x.RangeKm) ?? Sample(0);
        }
        minScale = Math.Min(minScale, closest.KeepOutScale);
        var slow = approachSamples.Count(a => a.RelativeSpeedKmS <= o.LowSpeedKmS);

        var timelineTimes = new SortedSet<double>();
        for (var s = 0.0; s <= window; s += o.TimelineStepS) timelineTimes.Add(s);
        foreach (var a in approaches)
            for (var s = Math.Max(0, a - 300); s <= Math.Min(window, a + 300); s += 10) timelineTimes.Add(Math.Round(s, 3));
        foreach (var a in approaches) timelineTimes.Add(a);
        var timeline = timelineTimes.Select(Sample).Where(x => double.IsFinite(x.RangeKm)).ToList();

        var name = el.Name ?? "";
        var manoeuvrable = !(name.Contains(" DEB", StringComparison.OrdinalIgnoreCase) || name.Contains("R/B", StringComparison.OrdinalIgnoreCase)
                             || name.Contains("DEBRIS", StringComparison.OrdinalIgnoreCase));
        var recent = o.RecentlyManeuvered.Contains(el.CatalogNumber);
        var terms = new ThreatScoreTerms(
            Closeness: 1 / Math.Max(1, minScale),
            Slowness: Math.Exp(-closest.RelativeSpeedKmS / 0.1),
            Recurrence: 1 - Math.Exp(-(approachSamples.Count + (drifting ? 1 : 0)) / 3.0),
            Manoeuvre: recent ? 1 : manoeuvrable ? 0.5 : 0);
        var score = 100 * (0.35 * terms.Closeness + 0.25 * terms.Slowness + 0.20 * terms.Recurrence + 0.20 * terms.Manoeuvre);
        return new ProximityReport(asset.CatalogNumber, el.CatalogNumber, el.Name, score, terms, closest, approachSamples,
            entries.OrderBy(e => e.Item1).Select(e => (At(e.Item1), At(e.Item2))).ToList(),
            coOrbital, drifting, dSma, planeAngle, phase, slow, manoeuvrable, recent, timeline);
    }

    private static (double T, double F) Golden(Func<double, double> f, double a, double b)
    {
        const double r = 0.6180339887498949;
        double c = b - r * (b - a), d = a + r * (b - a), fc = f(c), fd = f(d);
        while (b - a > 1e-3)
        {
            if (fc <= fd) { b = d; d = c; fd = fc; c = b - r * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = f(d); }
        }
        return fc <= fd ? (c, fc) : (d, fd);
    }

    /// <summary>Root of f (f(a) and f(b) of opposite signs) by bisection to 1 ms.</summary>
    private static double Bisect(Func<double, double> f, double a, double b)
    {
        var fa = f(a);
        while (b - a > 1e-3)
        {
            var m = 0.5 * (a + b);
            var fm = f(m);
            if ((fm > 0) == (fa > 0)) { a = m; fa = fm; } else b = m;
        }
        return 0.5 * (a + b);
    }
}
