using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;

namespace OpenSda.MultiDomain;

/// <summary>A span of time.</summary>
public readonly record struct TimeWindow(OpenSda.Time.Instant Start, OpenSda.Time.Instant End)
{
    /// <summary>Length of the window.</summary>
    public TimeSpan Duration => End - Start;
}

/// <summary>One object's position source inside a window: SGP4 in TEME, rotated to ITRF.</summary>
internal readonly struct Track(Sgp4Batch batch, int index, EarthRotation rotation)
{
    public int Index => index;
    public EarthRotation Rotation => rotation;

    /// <summary>TEME position at seconds from the window start; false on an SGP4 error.</summary>
    public bool TryTeme(double s, out Vec3 teme)
    {
        double x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0;
        var e = Sgp4Error.None;
        batch.PropagateAt(rotation.StartUtc.AddDays(s / 86_400.0), index, 1,
            new Span<double>(ref x), new Span<double>(ref y), new Span<double>(ref z),
            new Span<double>(ref vx), new Span<double>(ref vy), new Span<double>(ref vz), new Span<Sgp4Error>(ref e));
        teme = new Vec3(x, y, z);
        return e == Sgp4Error.None && double.IsFinite(x);
    }

    /// <summary>TEME position and velocity at seconds from the window start; false on an SGP4 error.</summary>
    public bool TryTemeState(double s, out Vec3 teme, out Vec3 velocity)
    {
        double x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0;
        var e = Sgp4Error.None;
        batch.PropagateAt(rotation.StartUtc.AddDays(s / 86_400.0), index, 1,
            new Span<double>(ref x), new Span<double>(ref y), new Span<double>(ref z),
            new Span<double>(ref vx), new Span<double>(ref vy), new Span<double>(ref vz), new Span<Sgp4Error>(ref e));
        teme = new Vec3(x, y, z);
        velocity = new Vec3(vx, vy, vz);
        return e == Sgp4Error.None && double.IsFinite(x);
    }

    /// <summary>ITRF position at seconds from the window start; false on an SGP4 error.</summary>
    public bool TryItrf(double s, out Vec3 itrf)
    {
        if (!TryTeme(s, out var teme)) { itrf = default; return false; }
        itrf = rotation.TemeToItrf(teme, s);
        return true;
    }
}

/// <summary>
/// The geometry a search needs about one target (a site or an area) and one orbit.
/// </summary>
internal interface IVisibilityModel
{
    /// <summary>Unit vector (ITRF) of the target's centre.</summary>
    Vec3 CentreUnit { get; }

    /// <summary>
    /// An upper bound of the central angle (rad) between the sub-satellite direction and the target's centre at which
    /// the satellite can be visible, for any radius up to <paramref name="maxRadiusKm"/>.
    /// </summary>
    double MaxCentralAngleRad(double maxRadiusKm);

    /// <summary>The central angle (rad) visible from radius <paramref name="radiusKm"/> (the smallest, at perigee, sets the step).</summary>
    double VisibleCentralAngleRad(double radiusKm);

    /// <summary>Visibility margin at an ITRF position: positive when visible, a continuous function of time.</summary>
    double Margin(Vec3 itrf);

    /// <summary>Upper bound of |d margin / dt| (per second) for this orbit.</summary>
    double MarginRateBound(OrbitBounds orbit);
}

/// <summary>Radius and speed bounds of one element set (with margins for SGP4's short-period terms).</summary>
internal readonly record struct OrbitBounds(double PerigeeRadiusKm, double ApogeeRadiusKm, double MaxSpeedKmS, double MaxAngularRateRadS,
                                            double AngularMomentumKm2S, bool Eccentric, double InclinationRad = Math.PI / 2, bool DeepSpace = true)
{
    public static OrbitBounds Of(MeanElements e)
    {
        var a = OrbitGeometry.SemiMajorAxisKm(e.MeanMotionRevPerDay);
        var ecc = Math.Clamp(e.Eccentricity, 0, 0.999);
        var rp = a * (1 - ecc) - 25;
        var ra = a * (1 + ecc) + 25;
        var vmax = Math.Sqrt(OrbitGeometry.MuKm3S2 * (1 + ecc) / (a * (1 - ecc))) * 1.02 + 0.05;
        var n = Math.Sqrt(OrbitGeometry.MuKm3S2 / (a * a * a));
        // Angular rate at perigee, h / r_p² = n √(1+e) / (1−e)^{3/2}, plus Earth's rotation; 5 % margin.
        var w = n * Math.Sqrt((1 + ecc) / Math.Pow(1 - ecc, 3)) * 1.05 + EarthRotation.GmstRateRadS;
        var h = Math.Sqrt(OrbitGeometry.MuKm3S2 * a * (1 - ecc * ecc));
        // SGP4 switches to deep space (SDP4) at periods of 225 min or more.
        return new OrbitBounds(rp, ra, vmax, w, h, ecc > 0.05, e.InclinationDeg * Math.PI / 180, 1440.0 / e.MeanMotionRevPerDay >= 225);
    }
}

/// <summary>A visibility interval found by the search, in seconds from the window start.</summary>
internal readonly record struct RawPass(int Index, double Start, double Best, double End, bool StartClipped, bool EndClipped);

/// <summary>
/// Finds the intervals where a visibility margin is positive, for one object over one window.
/// </summary>
/// <remarks>
/// <para>Coarse filter: the sub-satellite direction moves at most ω_max (the orbit's angular rate at perigee plus
/// Earth's rotation) and visibility needs it within Λ (target radius + largest visible central angle, from the apogee
/// radius) of the target's centre. With ψ the current central angle, nothing can be visible for (ψ − Λ)/ω_max seconds.
/// Second, the satellite stays in its orbit plane, so the target must come within Λ of that plane's great circle; the
/// target's angular distance δ from the plane changes at most at Earth's rate (plus the plane's slow precession), so
/// nothing can be visible for (δ − Λ)/ω⊕ seconds either. The search jumps the larger of the two. Both are strict
/// bounds, so no pass is skipped. Before any propagation, an object whose ground track cannot reach the target's
/// latitude (|φ| − min(i, 180° − i) &gt; Λ plus slack) is dropped.</para>
/// <para>Near the target the margin is sampled every h = (2λ_p/ω_max)/6, a sixth of the shortest possible central
/// pass (λ_p: visible central angle at perigee). Sign changes bracket rises and sets; a sample that is a local maximum
/// while still negative is refined by golden-section search when the rate bound says the true maximum could be
/// positive, so grazing passes shorter than h are found too. Crossings are solved by the Illinois variant of regula
/// falsi to 1 ms. The best moment of each pass (culmination, or closest approach to an area's centre) is bracketed
/// by the search's own samples and refined by Brent's method to 50 ms.</para>
/// </remarks>
internal static class VisibilitySearch
{
    public const double RootToleranceS = 1e-3;

    public static void Run(Track track, OrbitBounds orbit, IVisibilityModel model, double windowS,
                           Func<Vec3, double>? bestObjective, List<RawPass> output, ref long evaluations)
    {
        var lambdaMax = model.MaxCentralAngleRad(orbit.ApogeeRadiusKm) + 0.002;
        if (lambdaMax <= 0) return;
        var w = orbit.MaxAngularRateRadS;
        var lambdaP = Math.Max(model.VisibleCentralAngleRad(orbit.PerigeeRadiusKm), 0.002);
        var h = Math.Clamp(2 * lambdaP / w / 6, 1.0, 300.0);
        // Cross-plane bound: the target direction (fixed on the Earth, so turning at ω⊕ in TEME) must come within Λ of
        // the orbit plane; the osculating plane itself turns far slower (J2 regression ≤ 2e-6 rad/s, short-period
        // wobble ≤ 0.005 rad, which the slack covers).
        const double planeRate = EarthRotation.GmstRateRadS + 2e-5;
        const double planeSlack = 0.005;
        var rateBound = model.MarginRateBound(orbit);
        var centre = model.CentreUnit;
        // Per-object screen, before any propagation: the sub-satellite latitude never exceeds the inclination i (180° − i
        // when retrograde), so a target at geocentric latitude φ stays at least |φ| − i away from the ground track. The
        // slack covers the short-period and (deep-space) lunisolar wobble of i over the window.
        var maxLatitude = Math.Min(orbit.InclinationRad, Math.PI - orbit.InclinationRad);
        var latitudeSlack = orbit.DeepSpace ? 0.03 : planeSlack;
        if (Math.Abs(Math.Asin(Math.Clamp(centre.Z, -1, 1))) - maxLatitude > lambdaMax + latitudeSlack) return;

        var ts = new List<double>(64);
        var fs = new List<double>(64);
        var gs = new List<double>(64);
        var s = 0.0;
        var done = false;
        var evals = 0L;
        while (!done)
        {
            if (s >= windowS) { s = windowS; done = true; }
            evals++;
            if (!track.TryTemeState(s, out var teme, out var vel))
            {
                // Decayed or failed: close what we have and stop.
                break;
            }
            var r = track.Rotation.TemeToItrf(teme, s);
            var psi = AreaOfOperations.Angle(r, centre);
            var gap = psi - lambdaMax;
            var normal = Vec3.Cross(teme, vel).Unit;
            var target = track.Rotation.ItrfToTeme(centre, s);
            var planeGap = Math.Asin(Math.Clamp(Math.Abs(Vec3.Dot(normal, target)), 0, 1)) - lambdaMax - planeSlack;
            var skip = Math.Max(gap / w, planeGap / planeRate);
            if (skip > h)
            {
                Close(track, model, ts, fs, gs, h, rateBound, windowS, bestObjective, output, ref evals);
                s += skip;
                continue;
            }
            ts.Add(s);
            fs.Add(model.Margin(r));
            gs.Add(bestObjective is null ? 0 : bestObjective(r));
            s += orbit.Eccentric ? LocalStep(model, orbit, teme.Norm, h) : h;
        }
        Close(track, model, ts, fs, gs, h, rateBound, windowS, bestObjective, output, ref evals);
        evaluations += evals;
    }

    /// <summary>
    /// Step for eccentric orbits: a sixth of the local shortest central pass, 2λ(r)/ω(r)/6 with ω(r) = h/r² + ω⊕ at the
    /// current radius (not less than the perigee step). Near apogee this is far longer than at perigee, where the step
    /// shrinks back to the perigee value as the satellite approaches.
    /// </summary>
    private static double LocalStep(IVisibilityModel model, OrbitBounds orbit, double radiusKm, double perigeeStep)
    {
        var w = orbit.AngularMomentumKm2S / (radiusKm * radiusKm) * 1.05 + EarthRotation.GmstRateRadS;
        var lambda = Math.Max(model.VisibleCentralAngleRad(Math.Max(orbit.PerigeeRadiusKm, radiusKm - 200)), 0.002);
        return Math.Clamp(2 * lambda / w / 6, perigeeStep, Math.Max(perigeeStep, 120.0));
    }

    /// <summary>Analyses one contiguous run of samples (spacing h, except a last sample at the window end).</summary>
    private static void Close(Track track, IVisibilityModel model, List<double> ts, List<double> fs, List<double> gs, double h, double rateBound,
                              double windowS, Func<Vec3, double>? bestObjective, List<RawPass> output, ref long evals)
    {
        var n = ts.Count;
        if (n == 0) return;
        long localEvals = 0;
        double F(double t)
        {
            localEvals++;
            return track.TryItrf(t, out var r) ? model.Margin(r) : double.NegativeInfinity;
        }

        double? openStart = null;
        var openClipped = false;
        if (fs[0] > 0)
        {
            // Either the window start (a pass in progress) or, impossible by the coarse bound, a mid-window segment start.
            openStart = ts[0];
            openClipped = ts[0] <= 0;
        }
        for (var i = 0; i + 1 < n; i++)
        {
            double t0 = ts[i], t1 = ts[i + 1], f0 = fs[i], f1 = fs[i + 1];
            if (f0 <= 0 && f1 > 0)
            {
                openStart = Root(F, t0, t1, f0, f1);
                openClipped = false;
            }
            else if (f0 > 0 && f1 <= 0)
            {
                var end = Root(F, t0, t1, f0, f1);
                Emit(track, openStart ?? t0, end, openClipped, false);
                openStart = null;
            }
            else if (f0 <= 0 && f1 <= 0 && i > 0 && fs[i - 1] < f0 && f0 >= f1 && f0 + rateBound * Math.Max(t1 - t0, t0 - ts[i - 1]) > 0)
            {
                // A negative local maximum: refine; a positive true maximum is a grazing pass.
                var (tm, fm) = GoldenMax(F, ts[i - 1], t1);
                if (fm > 0)
                {
                    var rise = Root(F, ts[i - 1], tm, fs[i - 1], fm);
                    var set = Root(F, tm, t1, fm, f1);
                    Emit(track, rise, set, false, false);
                }
            }
        }
        if (openStart is { } st)
            Emit(track, st, ts[n - 1], openClipped, ts[n - 1] >= windowS);
        ts.Clear();
        fs.Clear();
        gs.Clear();
        evals += localEvals;

        void Emit(Track tr, double a, double b, bool aClipped, bool bClipped)
        {
            if (b < a) return;
            var objective = bestObjective ?? model.Margin;
            var best = BestFromSamples(tr, objective, ts, bestObjective is null ? fs : gs, a, b, ref localEvals) is { } fromSamples
                ? fromSamples
                : BestTime(tr, a, b, h, objective, ref localEvals);
            output.Add(new RawPass(tr.Index, a, best, b, aClipped, bClipped));
        }
    }

    /// <summary>
    /// The maximum of the objective in [a, b] from the search's own samples (spacing at most h, a sixth of the
    /// shortest pass; the objective is evaluated at each sample, no extra propagation): the best sample in [a, b] and its neighbours (or a, b) bracket the maximum, refined by
    /// Brent's method to 50 ms. Null when fewer than two samples fall inside (short grazing passes), where
    /// <see cref="BestTime"/> samples afresh.
    /// </summary>
    private static double? BestFromSamples(Track track, Func<Vec3, double> objective, List<double> ts, List<double> fs, double a, double b, ref long evals)
    {
        // Samples in [a, b]: a clipped pass starts or ends on a sample (the window's edge), where its best moment may lie;
        // an unclipped end is a root of the margin, between samples.
        var lo = ts.BinarySearch(a);
        if (lo < 0) lo = ~lo;
        var hi = lo;
        while (hi < ts.Count && ts[hi] <= b) hi++;
        if (hi - lo < 2) return null;
        var k = lo;
        for (var i = lo + 1; i < hi; i++)
        {
            if (fs[i] > fs[k]) k = i;
        }
        var left = k > lo ? ts[k - 1] : a;
        var right = k + 1 < hi ? ts[k + 1] : b;
        long e = 0;
        double G(double t)
        {
            e++;
            return track.TryItrf(t, out var r) ? objective(r) : double.NegativeInfinity;
        }
        var (tm, _) = Brent.Maximize(G, left, right, 0.05);
        evals += e;
        return tm;
    }

    /// <summary>
    /// The time in [a, b] that maximises an objective: sampled at h/2 (at most 41 samples), then Brent's method
    /// around the best sample to 50 ms.
    /// </summary>
    private static double BestTime(Track track, double a, double b, double h, Func<Vec3, double> objective, ref long evals)
    {
        long e = 0;
        double G(double t)
        {
            e++;
            return track.TryItrf(t, out var r) ? objective(r) : double.NegativeInfinity;
        }
        var step = Math.Max(Math.Max(h / 2, 0.5), (b - a) / 40);
        var count = Math.Max(2, (int)Math.Ceiling((b - a) / step));
        var bestK = 0;
        var bestV = double.NegativeInfinity;
        for (var k = 0; k <= count; k++)
        {
            var v = G(a + (b - a) * k / count);
            if (v > bestV) { bestV = v; bestK = k; }
        }
        var lo = a + (b - a) * Math.Max(0, bestK - 1) / count;
        var hi = a + (b - a) * Math.Min(count, bestK + 1) / count;
        var (tm, _) = Brent.Maximize(G, lo, hi, 0.05);
        evals += e;
        return tm;
    }

    /// <summary>Golden-section search for a maximum in [a, b], to <paramref name="tolerance"/> seconds (1 ms by default).</summary>
    internal static (double T, double F) GoldenMax(Func<double, double> f, double a, double b, double tolerance = RootToleranceS)
    {
        const double r = 0.6180339887498949;
        var c = b - r * (b - a);
        var d = a + r * (b - a);
        var fc = f(c);
        var fd = f(d);
        while (b - a > tolerance)
        {
            if (fc >= fd) { b = d; d = c; fd = fc; c = b - r * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = f(d); }
        }
        return fc >= fd ? (c, fc) : (d, fd);
    }

    /// <summary>Root of f in [a, b] with f(a)·f(b) ≤ 0, Illinois regula falsi, to <see cref="RootToleranceS"/>.</summary>
    internal static double Root(Func<double, double> f, double a, double b, double fa, double fb)
    {
        if (fa == 0) return a;
        if (fb == 0) return b;
        if (double.IsInfinity(fa) || double.IsInfinity(fb)) return Bisect(f, a, b, fa);
        var side = 0;
        for (var i = 0; i < 100 && b - a > RootToleranceS; i++)
        {
            var c = (a * fb - b * fa) / (fb - fa);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            var fc = f(c);
            if (fc == 0) return c;
            if ((fc > 0) == (fb > 0))
            {
                b = c; fb = fc;
                if (side == -1) fa *= 0.5;
                side = -1;
            }
            else
            {
                a = c; fa = fc;
                if (side == 1) fb *= 0.5;
                side = 1;
            }
            // Guard: regula falsi converging from one side only; the interval may stay wide while c pins.
            if (Math.Abs(fc) < 1e-12) return c;
        }
        return 0.5 * (a + b);
    }

    private static double Bisect(Func<double, double> f, double a, double b, double fa)
    {
        while (b - a > RootToleranceS)
        {
            var m = 0.5 * (a + b);
            var fm = f(m);
            if ((fm > 0) == (fa > 0)) { a = m; fa = fm; } else b = m;
        }
        return 0.5 * (a + b);
    }
}
