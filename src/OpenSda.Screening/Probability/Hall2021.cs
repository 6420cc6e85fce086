using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>Options of <see cref="Hall2021"/>.</summary>
public sealed record Hall2021Options
{
    /// <summary>
    /// Start of the encounter segment relative to TCA (s, negative), CARA's <c>Tmin_limit</c>; null: found from the
    /// maxima of the two-body mean separation bracketing TCA (or ±half the shorter period).
    /// </summary>
    public double? TminLimitS { get; init; }

    /// <summary>End of the encounter segment relative to TCA (s), CARA's <c>Tmax_limit</c>; null: as for <see cref="TminLimitS"/>.</summary>
    public double? TmaxLimitS { get; init; }

    /// <summary>
    /// Scan the whole segment [<see cref="TminLimitS"/>, <see cref="TmaxLimitS"/>] from the start rather than starting
    /// from Coppola's (2012b) linear conjunction bounds (CARA's <c>Tmin_initial = Tmin_limit</c> setting).
    /// </summary>
    public bool ScanWholeSegment { get; init; }

    /// <summary>Eigenvalue clipping factor for position covariances, (F·HBR)² (CARA <c>Fclip</c>).</summary>
    public double ClipFactor { get; init; } = 1e-4;

    /// <summary>Default options.</summary>
    public static Hall2021Options Default { get; } = new();
}

/// <summary>
/// Hall (2021), "Expected Collision Rates for Tracked Satellites", J. Spacecraft Rockets 58(3) 715–728 — the
/// expected number of collisions Nc, which equals Pc for a single, temporally isolated conjunction — in the two forms
/// CARA computes: 3D-Nc (<see cref="Compute"/>, CARA Pc3D_Hall) and 2D-Nc (<see cref="ComputeNc2D"/>, CARA Pc2D_Hall;
/// Hall, Baars &amp; Casali 2023, AAS 23-398).
/// </summary>
/// <remarks>
/// <para>Model (Hall 2021 §III): each object's TCA state and 6×6 covariance are mapped to epoch equinoctial elements
/// (<see cref="Equinoctial"/>) with a Gaussian PDF, and moved with two-body motion. At each time t the relative
/// position-velocity PDF is the first-order expansion about the peak overlap position (<see cref="PeakOverlap"/>),
/// N((r_u, v_u), P_s). The collision rate is the inward probability flux through the hard-body sphere (Hall 2021 eq. 23
/// with Coppola 2012a eqs. 31, 36–37 for the velocity factor):
/// Ṅc(t) = R² ∮ N₃(Rn̂ − r_u; A_s) · E[(−n̂·v)⁺ | r = Rn̂] dΩ,
/// where v | r is Gaussian with mean v_u + B_s A_s⁻¹(Rn̂ − r_u) and covariance C_s − B_s A_s⁻¹ B_sᵀ, so
/// E[(−w)⁺] = σ φ(m/σ) − m Φ(−m/σ) for w ~ N(m, σ²).</para>
/// <para>3D-Nc integrates Ṅc(t) over time. The time support is bracketed from Coppola's (2012b) linear bounds
/// (γ = 1e-16), extended outwards while the rate is not negligible at an end, within the encounter segment bounded by
/// the maxima of the mean separation on either side of TCA (CARA's conventions). The bracketing uses the exact
/// peak of the Gaussian factor over the sphere, so support is never missed when HBR ≫ σ; the integral itself uses
/// adaptive Gauss–Legendre in time (CARA: trapezoid on a refined ephemeris) and an adaptive unit-sphere rule
/// (<see cref="SphereQuadrature"/>; CARA: 5810-point Lebedev).</para>
/// <para>2D-Nc expands the effective Mahalanobis function Q(t) = MD² + ln|A_s| to second order in time about its
/// minimum (derivatives by central differences with a step of one time-sigma, as CARA MD2MinRefine does), and
/// integrates each sphere point's Gaussian in time analytically: Nc = R²/(2π)^{3/2} ∮ e^{−Q*/2} √(2π)E[(−n̂·v)⁺] √(2/Q̈) dΩ
/// with Q* = Q − Q̇²/(2Q̈). The minimum is searched as Hall, Baars &amp; Casali (2023) do: seeded by the curvilinear
/// Q(t) samples of the 2D-Pc usage-violation analysis (Q at the rectilinear minimum ± one rectilinear time-sigma,
/// parabola-vertex refinements), then a shifting/bisection search; Newton steps from TCA and a search about TCA are
/// the fall-backs. For long, slow encounters Q(t) has several local minima and the seeding decides which is used.</para>
/// <para>Retrograde orbits (equinoctial elements singular at i = 180°) are handled as CARA does: the frame is
/// re-oriented (x, y, z) → (y, z, x) when either orbit is within 1e-6 of retrograde.</para>
/// </remarks>
public static class Hall2021
{
    private const double Md2Cut = 1491; // exp(−MD²/2) underflows beyond this (CARA MD2cut)

    /// <summary>3D-Nc (CARA Pc3D_Hall) for a conjunction with 6×6 covariances.</summary>
    public static PcResult Compute(Conjunction conjunction, Hall2021Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        options ??= Hall2021Options.Default;
        if (!TryPrepare(conjunction, options, PcMethodNames.Nc3D, out var setup, out var early)) return early!;
        var s = setup!;
        var (nc, notes, converged) = Nc3D(s, options);
        var flags = s.Flags;
        if (!converged) flags |= PcUsageFlags.NotConverged;
        return new PcResult(converged ? Math.Min(1, nc) : double.NaN, PcMethodNames.Nc3D, flags, notes);
    }

    /// <summary>2D-Nc (CARA Pc2D_Hall) for a conjunction with 6×6 covariances.</summary>
    public static PcResult ComputeNc2D(Conjunction conjunction, Hall2021Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        options ??= Hall2021Options.Default;
        if (!TryPrepare(conjunction, options, PcMethodNames.Nc2D, out var setup, out var early)) return early!;
        var s = setup!;
        var (nc, notes) = Nc2D(s);
        var flags = s.Flags;
        if (double.IsNaN(nc)) flags |= PcUsageFlags.NotConverged;
        return new PcResult(double.IsNaN(nc) ? nc : Math.Min(1, nc), PcMethodNames.Nc2D, flags, notes);
    }

    internal sealed record Setup(
        PeakOverlap Pop, PeakOverlap.Body B1, PeakOverlap.Body B2, double Hbr, double Clip,
        Vec3 R, Vec3 V, Mat3 A, double Period1, double Period2, PcUsageFlags Flags, List<string> Notes);

    private static bool TryPrepare(Conjunction c, Hall2021Options o, string method, out Setup? setup, out PcResult? early)
    {
        setup = null;
        early = null;
        var flags = UsageViolations.Assess(c);
        if (c.UsesDefaultCovariance) flags |= PcUsageFlags.DefaultCovariance;
        if (c.Primary.Covariance is null || c.Secondary.Covariance is null || c.Primary.Covariance.IsPositionOnly || c.Secondary.Covariance.IsPositionOnly)
        {
            early = new PcResult(double.NaN, method, flags | PcUsageFlags.PositionOnlyCovariance,
                [$"{method} needs 6x6 position-velocity covariances for both objects"]);
            return false;
        }
        var hbr = c.HardBodyRadiusM;
        if (double.IsNaN(hbr)) { early = new PcResult(double.NaN, method, flags, ["HBR is NaN"]); return false; }
        if (hbr <= 0) { early = new PcResult(0, method, flags, []); return false; }
        if (double.IsPositiveInfinity(hbr)) { early = new PcResult(1, method, flags, []); return false; }

        var r1 = c.Primary.PositionM;
        var v1 = c.Primary.VelocityMS;
        var r2 = c.Secondary.PositionM;
        var v2 = c.Secondary.VelocityMS;
        var p1 = c.Primary.CovarianceEciM;
        var p2 = c.Secondary.CovarianceEciM;
        var notes = new List<string>();
        if (IsRetrograde(r1, v1) || IsRetrograde(r2, v2))
        {
            // CARA RetrogradeReorientation: new axes x' = y, y' = z, z' = x.
            static Vec3 Rot(Vec3 x) => new(x.Y, x.Z, x.X);
            var m = Mat6.FromFunc((i, j) => (i < 3) == (j < 3) && (j % 3) == ((i % 3) + 1) % 3 ? 1 : 0);
            (r1, v1, r2, v2) = (Rot(r1), Rot(v1), Rot(r2), Rot(v2));
            p1 = p1.Congruence(m);
            p2 = p2.Congruence(m);
            if (IsRetrograde(r1, v1) || IsRetrograde(r2, v2))
            {
                early = new PcResult(double.NaN, method, flags | PcUsageFlags.NotConverged, ["retrograde orbit: no frame re-orientation found"]);
                return false;
            }
            notes.Add("retrograde orbit: frame re-oriented (x,y,z)->(y,z,x) for equinoctial elements");
        }
        var b1 = PeakOverlap.FromCartesian(r1, v1, p1);
        var b2 = PeakOverlap.FromCartesian(r2, v2, p2);
        if (b1 is null || b2 is null)
        {
            early = new PcResult(double.NaN, method, flags | PcUsageFlags.NotConverged, ["unbound orbit: equinoctial elements undefined"]);
            return false;
        }
        var pop = new PeakOverlap(b1, b2, hbr, o.ClipFactor);
        var clip = (o.ClipFactor * hbr) * (o.ClipFactor * hbr);
        setup = new Setup(pop, b1, b2, hbr, clip, r2 - r1, v2 - v1, p1.PositionBlock + p2.PositionBlock,
            UsageViolations.PeriodS(r1, v1), UsageViolations.PeriodS(r2, v2), flags, notes);
        return true;
    }

    private static bool IsRetrograde(Vec3 r, Vec3 v)
    {
        var h = Vec3.Cross(r, v);
        return 1 + h.Z / h.Norm < 1e-6;
    }

    // ---------------------------------------------------------------- local quantities at one time

    /// <summary>The relative PDF at time t, ready for the sphere integrals.</summary>
    internal readonly record struct Local(
        bool Ok, Vec3 Ru, Vec3 Vu, Mat3 Ainv, double LogDet, Mat3 Bs, Mat3 Csp, double[] Ps, Vec3 Peak, double Md2Min);

    internal static Local At(Setup s, double t)
    {
        var st = s.Pop.Solve(t);
        if (!st.Converged) return default;
        return Build(s, st);
    }

    /// <summary>MD² minimum over the sphere of the mean-trajectory expansion (used when the POP iteration fails).</summary>
    private static double MeanExpansionMd2Min(Setup s, double t)
    {
        var st = s.Pop.Solve(t);
        if (st.Ps is null) return double.NaN;
        return Build(s, st).Md2Min;
    }

    private static Local Build(Setup s, PeakOverlap.State st)
    {
        var ps = st.Ps;
        var (ainv, det) = Dense.ClippedInverse(Dense.Block3(ps, 0, 0), s.Clip);
        var bmat = Dense.Block3(ps, 3, 0);
        var cmat = Dense.Block3(ps, 3, 3);
        var bs = bmat * ainv;
        var csp = cmat - bs * bmat.Transpose();
        var peak = SphereQuadrature.PeakDirection(ainv, st.Ru, s.Hbr);
        var d = s.Hbr * peak - st.Ru;
        return new Local(true, st.Ru, st.Vu, ainv, Math.Log(det), bs, csp, ps, peak, ainv.Bilinear(d, d));
    }

    /// <summary>√(2π)·E[(−w)⁺] for w ~ N(m, σ²), σ² = <paramref name="sig2"/> (Coppola 2012a eq. 37), without cancellation.</summary>
    internal static double NuSqrt2Pi(double m, double sig2)
    {
        var sig = Math.Sqrt(sig2);
        var x = m / (sig * Math.Sqrt(2));
        double h;
        if (x >= 0)
        {
            var e = Math.Exp(-x * x);
            h = e == 0 ? 0 : e * (1 - Math.Sqrt(Math.PI) * x * SpecialFunctions.Erfcx(x));
        }
        else
        {
            h = Math.Exp(-x * x) - Math.Sqrt(Math.PI) * x * SpecialFunctions.Erfc(x);
        }
        return sig * Math.Max(h, 0);
    }

    /// <summary>Collision rate Ṅc(t) (1/s) from the local PDF.</summary>
    internal static long RateEvals, SphereEvals;

    internal static double Rate(Setup s, in Local l)
    {
        RateEvals++;
        if (!l.Ok) return double.NaN;
        if (l.Md2Min > Md2Cut) return 0;
        var r = s.Hbr;
        var ru = l.Ru;
        var vu = l.Vu;
        var ainv = l.Ainv;
        var bs = l.Bs;
        var csp = l.Csp;
        var m0 = l.Md2Min;
        double F(Vec3 n)
        {
            SphereEvals++;
            var dr = r * n - ru;
            var md2 = ainv.Bilinear(dr, dr);
            var dens = Math.Exp(-0.5 * (md2 - m0));
            if (dens == 0) return 0;
            var sig2 = csp.Bilinear(n, n);
            double nu;
            if (sig2 <= 0) nu = Math.Max(0, -Vec3.Dot(n, vu)) * Math.Sqrt(2 * Math.PI);
            else nu = NuSqrt2Pi(Vec3.Dot(n, vu + bs * dr), sig2);
            return dens * nu;
        }
        double Crease(Vec3 n) => Vec3.Dot(n, vu + bs * (r * n - ru));
        var integral = SphereQuadrature.IntegrateFlux(F, Crease, vu.Unit, l.Peak, 1e-6);
        // N₃ normalisation (2π)^{-3/2}|A|^{-1/2}, the √(2π) of ν, and the factored-out peak value.
        var log = -0.5 * m0 - 0.5 * l.LogDet - 1.5 * Math.Log(2 * Math.PI) - 0.5 * Math.Log(2 * Math.PI);
        return r * r * integral * Math.Exp(log);
    }

    /// <summary>Log of the small-HBR peak rate, using the exact minimum MD² over the sphere: a bracketing proxy for Ṅc.</summary>
    private static double LogProxy(in Local l, double hbr)
    {
        if (!l.Ok) return double.NegativeInfinity;
        return -0.5 * l.Md2Min - 0.5 * l.LogDet + Math.Log(l.Vu.Norm + 1e-300) + 2 * Math.Log(hbr);
    }

    // ---------------------------------------------------------------- 3D-Nc

    private static (double Nc, List<string> Notes, bool Converged) Nc3D(Setup s, Hall2021Options o)
    {
        var notes = s.Notes;
        var (tau0, tau1) = CoppolaBounds(s, 1e-16);
        var period0 = Math.Min(s.Period1, s.Period2);
        var half = double.IsInfinity(period0) ? 86400 : 0.5 * period0;
        double lo, hi;
        if (o.TminLimitS is { } tl && o.TmaxLimitS is { } th)
        {
            (lo, hi) = (tl, th);
        }
        else
        {
            (lo, hi) = SegmentLimits(s, tau0, tau1, half);
            if (o.TminLimitS is { } tl2) lo = tl2;
            if (o.TmaxLimitS is { } th2) hi = th2;
        }
        if (!(hi > lo)) return (double.NaN, notes, false);

        double ta, tb;
        if (o.ScanWholeSegment || double.IsNaN(tau0) || double.IsNaN(tau1) || tau1 <= lo || tau0 >= hi)
        {
            (ta, tb) = (lo, hi);
        }
        else
        {
            ta = Math.Max(tau0, lo);
            tb = Math.Min(tau1, hi);
        }
        if (!(tb > ta)) (ta, tb) = (lo, hi);

        // Bracket the support with the log-proxy on an ephemeris grid (CARA: Neph = 101, refined).
        var grid = new SortedList<double, double>();
        var cache = new Dictionary<double, Local>();
        Local LocalAt(double t)
        {
            if (!cache.TryGetValue(t, out var l))
            {
                l = At(s, t);
                cache[t] = l;
            }
            return l;
        }
        void Add(double t)
        {
            if (!grid.ContainsKey(t)) grid.Add(t, LogProxy(LocalAt(t), s.Hbr));
        }
        var nGrid = o.ScanWholeSegment ? 1001 : 101;
        for (var i = 0; i < nGrid; i++) Add(ta + (tb - ta) * i / (nGrid - 1));
        var dT = Math.Max(Math.Max((tb - ta) / 2, Math.Abs(lo) / 83), Math.Abs(hi) / 83);
        const double logCut = 30; // e^-30 ≈ 1e-13 of the peak rate
        for (var pass = 0; pass < 400; pass++)
        {
            var ts = grid.Keys;
            var gs = grid.Values;
            var n = ts.Count;
            var k = ArgMax(gs);
            if (double.IsNegativeInfinity(gs[k]))
            {
                // CARA counts a conjunction whose every effective MD² exceeds the underflow cut as converged to 0;
                // here the test uses the mean-trajectory expansion where the POP iteration fails.
                var allFar = ts.All(t => MeanExpansionMd2Min(s, t) > Md2Cut);
                notes.Add("peak overlap position did not converge at any time" + (allFar ? "; mean-trajectory MD² > 1491 throughout: Nc = 0" : ""));
                return (allFar ? 0 : double.NaN, notes, allFar);
            }
            var gmax = gs[k];
            if ((k == 0 || gs[0] > gmax - logCut) && ts[0] > lo)
            {
                Add(Math.Max(ts[0] - dT, lo));
                continue;
            }
            if ((k == n - 1 || gs[n - 1] > gmax - logCut) && ts[n - 1] < hi)
            {
                Add(Math.Min(ts[n - 1] + dT, hi));
                continue;
            }
            // Resolve every significant local maximum: neighbours within a factor e^0.2 of the peak.
            var added = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var gi = gs[i];
                if (gi < gmax - logCut) continue;
                var left = i == 0 ? double.NegativeInfinity : gs[i - 1];
                var right = i == n - 1 ? double.NegativeInfinity : gs[i + 1];
                if (gi < left || gi < right) continue;
                if (i > 0 && gi - left > 0.2) added.Add(0.5 * (ts[i] + ts[i - 1]));
                if (i < n - 1 && gi - right > 0.2) added.Add(0.5 * (ts[i] + ts[i + 1]));
            }
            added.RemoveAll(t => grid.ContainsKey(t));
            if (added.Count == 0) break;
            foreach (var t in added) Add(t);
        }

        {
            var ts = grid.Keys;
            var gs = grid.Values;
            var n = ts.Count;
            var gmax = gs[ArgMax(gs)];
            int first = -1, last = -1;
            for (var i = 0; i < n; i++)
            {
                if (gs[i] > gmax - 50)
                {
                    if (first < 0) first = i;
                    last = i;
                }
            }
            first = Math.Max(0, first - 1);
            last = Math.Min(n - 1, last + 1);
            var breaks = new List<double>();
            for (var i = first; i <= last; i++) breaks.Add(ts[i]);
            if (breaks.Count > 10)
            {
                // Thin the break points (the adaptive rule subdivides where needed) but keep every local maximum.
                var step = (breaks.Count + 8) / 9;
                var thin = new List<double>();
                for (var i = first; i <= last; i++)
                {
                    var isMax = (i == 0 || gs[i] >= gs[i - 1]) && (i == n - 1 || gs[i] >= gs[i + 1]);
                    if ((i - first) % step == 0 || i == last || isMax) thin.Add(ts[i]);
                }
                breaks = thin;
            }
            if (breaks.Count < 2) return (0, notes, true);
            var failed = 0;
            double RateAt(double t)
            {
                var l = LocalAt(t);
                var v = Rate(s, l);
                if (double.IsNaN(v)) { failed++; return 0; }
                return v;
            }
            var nc = Quadrature.AdaptiveBreaks(RateAt, breaks, 1e-6, 1e-300, 2000);
            notes.Add(FormattableString.Invariant($"3D-Nc: two-body equinoctial PDFs re-centred at the peak overlap position; time support [{breaks[0]:G6}, {breaks[^1]:G6}] s about TCA"));
            if (failed > 0) notes.Add(FormattableString.Invariant($"peak overlap position unconverged at {failed} time nodes (rate taken as 0)"));
            return (nc, notes, true);
        }
    }

    private static int ArgMax(IList<double> g)
    {
        var k = 0;
        for (var i = 1; i < g.Count; i++)
            if (g[i] > g[k]) k = i;
        return k;
    }

    /// <summary>
    /// Coppola (2012b, AAS 12-248, eqs. 12–16) linear-motion conjunction bounds (τ₀, τ₁) for a given γ, from the
    /// relative state at TCA (secondary − primary) and the combined position covariance.
    /// </summary>
    internal static (double Tau0, double Tau1) CoppolaBounds(Setup s, double gamma)
    {
        var v0 = s.V.Norm;
        if (v0 == 0) return (double.NegativeInfinity, double.PositiveInfinity);
        var xh = s.V / v0;
        var yv = s.R - Vec3.Dot(xh, s.R) * xh;
        var yh = yv / yv.Norm;
        var zh = Vec3.Cross(xh, yh);
        var rot = Mat3.FromRows(xh, yh, zh);
        var re = rot * s.R;
        var ae = s.A.Congruence(rot);
        var eta2 = ae.M11;
        double w1 = ae.M21, w2 = ae.M31;
        double p11 = ae.M22, p12 = ae.M23, p22 = ae.M33;
        var det = p11 * p22 - p12 * p12;
        var b1 = (p22 * w1 - p12 * w2) / det;
        var b2 = (-p12 * w1 + p11 * w2) / det;
        var sv2 = Math.Sqrt(Math.Max(0, 2 * (eta2 - (b1 * w1 + b2 * w2))));
        var q0 = b1 * re.Y + b2 * re.Z;
        var btb = b1 * b1 + b2 * b2;
        var dmin = -s.Hbr * Math.Sqrt(btb);
        var dmax = s.Hbr * Math.Sqrt(1 + btb);
        var ac = SpecialFunctions.ErfcInv(gamma);
        var temp = ac * sv2;
        return ((-temp + q0 - dmax) / v0, (temp + q0 - dmin) / v0);
    }

    /// <summary>
    /// The encounter segment: the maxima of the two-body mean separation |r₂(t) − r₁(t)| on either side of TCA (and
    /// of the Coppola midpoint), searched over ±min(1.1·max period, 2.2·min period); ±half the shorter period if not found.
    /// </summary>
    private static (double Lo, double Hi) SegmentLimits(Setup s, double tau0, double tau1, double half)
    {
        if (double.IsInfinity(s.Period1) || double.IsInfinity(s.Period2)) return (-half, half);
        var taum = 0.5 * (tau0 + tau1);
        if (double.IsNaN(taum) || double.IsInfinity(taum)) taum = 0;
        var span = Math.Min(1.1 * Math.Max(s.Period1, s.Period2), 2.2 * Math.Min(s.Period1, s.Period2));
        const int ns = 51;
        double Dr2(double t)
        {
            var (a, _) = s.B1.E0.Propagated(t).ToCartesian();
            var (b, _) = s.B2.E0.Propagated(t).ToCartesian();
            return (b - a).NormSquared;
        }
        var ts = new double[ns];
        var ys = new double[ns];
        for (var i = 0; i < ns; i++)
        {
            ts[i] = -span + 2 * span * i / (ns - 1);
            ys[i] = Dr2(ts[i]);
        }
        int ia = -1, ib = -1;
        for (var i = 1; i < ns - 1; i++)
        {
            if (!(ys[i] >= ys[i - 1] && ys[i] >= ys[i + 1])) continue;
            if (ts[i] < Math.Min(0, taum)) ia = i;
            if (ts[i] > Math.Max(0, taum) && ib < 0) ib = i;
        }
        if (ia < 0 || ib < 0) return (-half, half);
        double Refine(int i)
        {
            // Golden-section search for the maximum in [t(i−1), t(i+1)].
            double a = ts[i - 1], b = ts[i + 1];
            var g = (Math.Sqrt(5) - 1) / 2;
            double c = b - g * (b - a), d = a + g * (b - a);
            double fc = Dr2(c), fd = Dr2(d);
            while (b - a > 1e-3 * half)
            {
                if (fc > fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = Dr2(c); }
                else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = Dr2(d); }
            }
            return 0.5 * (a + b);
        }
        var lo = Refine(ia);
        var hi = Refine(ib);
        return lo < hi ? (lo, hi) : (-half, half);
    }

    // ---------------------------------------------------------------- 2D-Nc

    /// <summary>Effective Mahalanobis function Q(t) = r_uᵀA_s⁻¹r_u + ln|A_s| at the POP (NaN if unconverged).</summary>
    private static double Q(in Local l) => l.Ok ? l.Ainv.Bilinear(l.Ru, l.Ru) + l.LogDet : double.NaN;

    private static (double Nc, List<string> Notes) Nc2D(Setup s)
    {
        var notes = s.Notes;
        double t = 0, sT = double.NaN;
        var findMin = true;
        var seeded = false;
        // Seeded search (Hall, Baars & Casali 2023 §"2D-Nc"): start from the curvilinear Q(t) points of the 2D-Pc
        // usage-violation analysis, so a long, offset encounter is searched where its minimum actually lies.
        var cl = Curvilinear(s);
        if (cl.Points.Count >= 3 && double.IsFinite(cl.SigmaT) && SeededMinSearch(s, cl) is { } seed)
        {
            (t, sT, findMin, seeded) = (seed, cl.SigmaT, !cl.Converged, true);
        }
        var ok = seeded;
        // Otherwise: time of minimum effective MD² by Newton steps on the local straight-line model, then refinement.
        for (var iter = 1; !ok && iter <= 25; iter++)
        {
            var l = At(s, t);
            if (!l.Ok) break;
            var a = l.Ainv.Bilinear(l.Vu, l.Vu);
            var bh = Vec3.Dot(l.Vu, l.Ainv * l.Ru);
            var dt = -bh / a;
            sT = Math.Sqrt(1 / a);
            if (double.IsNaN(dt)) break;
            if (Math.Abs(dt) < 0.1 * sT && iter >= 2) { ok = true; break; }
            t += dt;
        }
        if (!ok)
        {
            // Last resort: shifting/bisection search for the minimum of Q(t) about TCA, scaled by the straight-line model.
            var (ainv0, _) = Dense.ClippedInverse(s.A, s.Clip);
            var a0 = ainv0.Bilinear(s.V, s.V);
            if (!(a0 > 0))
            {
                notes.Add("2D-Nc: time sigma undefined (zero relative velocity)");
                return (double.NaN, notes);
            }
            var t0 = -Vec3.Dot(s.V, ainv0 * s.R) / a0;
            var sig0 = Math.Sqrt(1 / a0);
            var found = MinSearch(s, t0, sig0);
            if (found is not { } tm)
            {
                notes.Add("2D-Nc: search for the minimum of the effective Mahalanobis distance did not converge");
                return (double.NaN, notes);
            }
            (t, sT, findMin) = (tm, sig0, false);
        }
        var ms = Md2MinRefine(s, t, sT, 1e-3, 15, findMin) ?? Md2MinRefine(s, t, sT, 3e-3, 20, findMin);
        if (ms is null)
        {
            notes.Add("2D-Nc: refinement of the effective Mahalanobis minimum did not converge");
            return (double.NaN, notes);
        }
        var m = ms.Value;
        var lmd = m.Mid;
        var delt = m.Delt;
        var rudot = (m.Hi.Ru - m.Lo.Ru) / (2 * delt);
        var rudd = (m.Hi.Ru - 2 * lmd.Ru + m.Lo.Ru) / (delt * delt);
        var aid = (1 / (2 * delt)) * (m.Hi.Ainv - m.Lo.Ainv);
        var aidd = (1 / (delt * delt)) * (m.Hi.Ainv - 2.0 * lmd.Ainv + m.Lo.Ainv);
        var q0 = m.Y;
        var q0d = m.Ydot;
        var q0dd = m.Ydotdot;
        var r = s.Hbr;
        var ru = lmd.Ru;
        var vu = lmd.Vu;
        var ai = lmd.Ainv;
        var logdet = lmd.LogDet;
        var bs = lmd.Bs;
        var csp = lmd.Csp;
        var airu = ai * ru;
        var g1 = aid * ru + ai * rudot;
        var g2 = aidd * ru + 2.0 * (aid * rudot) + ai * rudd;

        (double QStar, double Sr2, double Nu) Parts(Vec3 n)
        {
            var vup = vu + bs * (r * n - ru);
            var snu2 = csp.Bilinear(n, n);
            var nu = snu2 <= 0 ? Math.Max(0, -Vec3.Dot(vup, n)) * Math.Sqrt(2 * Math.PI) : NuSqrt2Pi(Vec3.Dot(n, vup), snu2);
            var qrt = q0 - 2 * r * Vec3.Dot(n, airu) + r * r * ai.Bilinear(n, n);
            var qrtd = q0d - 2 * r * Vec3.Dot(n, g1) + r * r * aid.Bilinear(n, n);
            var qrtdd = q0dd - 2 * r * Vec3.Dot(n, g2) + r * r * aidd.Bilinear(n, n);
            var qstar = qrt - 0.5 * qrtd * qrtd / qrtdd;
            if (qstar - logdet < 0) qstar = logdet;
            var sr2 = qrtdd > 0 ? 2 / qrtdd : double.NaN;
            return (qstar, sr2, nu);
        }

        var peak = SphereQuadrature.PeakDirection(ai, ru, r);
        var qRef = Parts(peak).QStar;
        if (double.IsNaN(qRef)) qRef = q0;
        var bad = 0;
        double F(Vec3 n)
        {
            var (qs, sr2, nu) = Parts(n);
            if (double.IsNaN(sr2)) { bad++; return 0; }
            return Math.Exp(-0.5 * (qs - qRef)) * nu * Math.Sqrt(sr2);
        }
        double Crease(Vec3 n) => Vec3.Dot(n, vu + bs * (r * n - ru));
        var integral = SphereQuadrature.IntegrateFlux(F, Crease, vu.Unit, peak, 1e-9);
        var pc = r * r / Math.Pow(2 * Math.PI, 1.5) * integral * Math.Exp(-0.5 * qRef);
        notes.Add(FormattableString.Invariant($"2D-Nc: effective MD² minimum at {m.Tmd:G6} s from TCA, time sigma {m.Tsg:G4} s"));
        if (bad > 0) notes.Add(FormattableString.Invariant($"2D-Nc: {bad} sphere nodes with non-positive curvature (ignored)"));
        if (double.IsNaN(pc) || pc > 1)
        {
            // Large-HBR / small-covariance limit: CARA falls back on the effective conjunction-plane Pc.
            var vup = vu - bs * ru;
            var tca = -Vec3.Dot(ru, vup) / vup.NormSquared;
            var rca = ru + tca * vup;
            var ps = lmd.Ps;
            var cov = Mat6.FromFunc((i, j) => i < 3 && j < 3 ? ps[i * 6 + j] : 0);
            var zero = StateCovariance.FromMeters(new double[6, 6], CovarianceFrame.Eci);
            var conj = new Conjunction(
                ConjunctionObject.FromMeters(Vec3.Zero, Vec3.Zero, zero),
                ConjunctionObject.FromMeters(rca, vup, StateCovariance.FromMeters(cov.ToArray(), CovarianceFrame.Eci)), r);
            var (cp, _) = Foster1992.ComputeRaw(conj, Pc2DQuadrature.Accurate, HardBodyShape.Circle);
            notes.Add("2D-Nc: unit-sphere estimate unusable; effective conjunction-plane Pc used");
            return (cp, notes);
        }
        return (pc, notes);
    }

    /// <summary>Q(t) with NaN where the peak-overlap iteration does not converge.</summary>
    private static double QAt(Setup s, double t) => Q(At(s, t));

    /// <summary>
    /// Minimum of Q(t) from a five-point grid of half-width Nσ·σ₀ about TCA (N = |t₀|/σ₀ clipped to [1, 10]) by
    /// <see cref="ShiftBisect"/>. Null if Q is undefined where needed or the search does not converge.
    /// </summary>
    private static double? MinSearch(Setup s, double t0, double sig0)
    {
        var nsig0 = Math.Abs(t0) / sig0;
        var nsig = Math.Min(Math.Max(1, nsig0), 10);
        var w = nsig * sig0;
        var nshiftMax = Math.Max(100, 3 * (int)Math.Round((nsig0 + 1) / nsig));
        double[] ts = [-w, -w / 2, 0, w / 2, w];
        var qs = new double[5];
        for (var i = 0; i < 5; i++)
        {
            qs[i] = QAt(s, ts[i]);
            if (double.IsNaN(qs[i])) return null;
        }
        var (x, conv) = ShiftBisect(t => QAt(s, t), ts, qs, 100, nshiftMax, 1e-2 * sig0, 1e-3);
        return conv ? x : null;
    }

    /// <summary>
    /// Minimum of Q(t) seeded by the curvilinear points <paramref name="cl"/>: bisection inside the bracket when the
    /// smallest sampled Q is interior, else a five-point grid of half-width Nσ·σ_CL about the curvilinear minimum
    /// estimate (re-using sampled points within half a grid step), then <see cref="ShiftBisect"/>.
    /// </summary>
    private static double? SeededMinSearch(Setup s, CurvilinearQ cl)
    {
        var prev = cl.Points.GroupBy(p => p.T).Select(g => g.First()).OrderBy(p => p.T).ToList();
        var n = prev.Count;
        var ip = 0;
        for (var i = 1; i < n; i++) if (prev[i].Q < prev[ip].Q) ip = i;
        var grid = new List<(double T, double Q)>(5 + cl.Points.Count);
        int nshiftMax;
        if (ip > 0 && ip < n - 1)
        {
            var tdel = 0.5 * Math.Min(prev[ip].T - prev[ip - 1].T, prev[ip + 1].T - prev[ip].T);
            grid.Add(prev[ip - 1]);
            grid.Add((prev[ip].T - tdel, double.NaN));
            grid.Add(prev[ip]);
            grid.Add((prev[ip].T + tdel, double.NaN));
            grid.Add(prev[ip + 1]);
            nshiftMax = 100;
        }
        else
        {
            var nsig0 = Math.Abs(cl.T) / cl.SigmaT;
            var nsig = Math.Min(Math.Max(1, nsig0), 10);
            var ws = nsig * cl.SigmaT;
            nshiftMax = Math.Max(100, 3 * (int)Math.Round((nsig0 + 1) / nsig));
            var pool = new List<(double T, double Q)>(prev);
            foreach (var tg in (double[])[cl.T, cl.T - 0.5 * ws, cl.T + 0.5 * ws, cl.T - ws, cl.T + ws])
            {
                var k = -1;
                for (var i = 0; i < pool.Count; i++)
                    if (k < 0 || Math.Abs(tg - pool[i].T) < Math.Abs(tg - pool[k].T)) k = i;
                if (k >= 0 && Math.Abs(tg - pool[k].T) < 0.5 * ws)
                {
                    grid.Add(pool[k]);
                    pool.RemoveAt(k);
                }
                else grid.Add((tg, double.NaN));
            }
        }
        for (var i = 0; i < grid.Count; i++)
        {
            if (!double.IsNaN(grid[i].Q)) continue;
            var q = QAt(s, grid[i].T);
            if (double.IsNaN(q)) return null;
            grid[i] = (grid[i].T, q);
        }
        grid.AddRange(cl.Points);
        var sorted = grid.Select((p, i) => (p, i)).OrderBy(x => x.p.T).ThenBy(x => x.i).Select(x => x.p).ToArray();
        var (xmin, conv) = ShiftBisect(t => QAt(s, t), sorted.Select(p => p.T).ToArray(), sorted.Select(p => p.Q).ToArray(),
            100, nshiftMax, 1e-2 * cl.SigmaT, 1e-3);
        return conv ? xmin : null;
    }

    /// <summary>
    /// Shifting-and-bisection search for one local minimum of <paramref name="f"/>: a five-point window about the
    /// smallest of the sorted samples (<paramref name="x0"/>, <paramref name="y0"/>) moves one step towards a minimum
    /// at its edge, or halves the spacing about an interior minimum, until the spacing is below
    /// <paramref name="tolX"/> or the neighbours are within <paramref name="tolY"/> of the minimum.
    /// </summary>
    private static (double X, bool Converged) ShiftBisect(Func<double, double> f, double[] x0, double[] y0, int nBisectMax, int nShiftMax, double tolX, double tolY)
    {
        var n0 = x0.Length;
        var nmin = 0;
        for (var i = 1; i < n0; i++) if (y0[i] < y0[nmin]) nmin = i;
        var n1 = nmin < 2 ? 0 : nmin > n0 - 3 ? n0 - 5 : nmin - 2;
        var x = new double[5];
        var y = new double[5];
        Array.Copy(x0, n1, x, 0, 5);
        Array.Copy(y0, n1, y, 0, 5);
        var need = new bool[5];
        int nshift = 0, nbisect = 0;
        while (true)
        {
            for (var i = 0; i < 5; i++)
            {
                if (!need[i]) continue;
                y[i] = f(x[i]);
                need[i] = false;
            }
            var k = 0;
            var ymax = y[0];
            for (var i = 1; i < 5; i++)
            {
                if (y[i] < y[k]) k = i;
                ymax = Math.Max(ymax, y[i]);
            }
            if (y[k] == ymax) k = 2;
            var converged = false;
            if (k == 0)
            {
                var dx = x[1] - x[0];
                for (var i = 4; i > 0; i--) (x[i], y[i], need[i]) = (x[i - 1], y[i - 1], false);
                (x[0], need[0]) = (x[0] - dx, true);
                nshift++;
            }
            else if (k == 4)
            {
                var dx = x[4] - x[3];
                for (var i = 0; i < 4; i++) (x[i], y[i], need[i]) = (x[i + 1], y[i + 1], false);
                (x[4], need[4]) = (x[4] + dx, true);
                nshift++;
            }
            else
            {
                var dx = Math.Max(Math.Abs(x[k] - x[k - 1]), Math.Abs(x[k + 1] - x[k]));
                var dy = Math.Max(y[k - 1] - y[k], y[k + 1] - y[k]);
                var ax = Math.Abs(x[k]);
                converged = dx < tolX || dx < 10 * (Math.BitIncrement(ax) - ax) || dy < tolY;
                if (converged) return (x[k], true);
                double xl = x[k - 1], yl = y[k - 1], xm = x[k], ym = y[k], xh = x[k + 1], yh = y[k + 1];
                (x[0], y[0], need[0]) = (xl, yl, false);
                (x[1], need[1]) = (0.5 * (xl + xm), true);
                (x[2], y[2], need[2]) = (xm, ym, false);
                (x[3], need[3]) = (0.5 * (xh + xm), true);
                (x[4], y[4], need[4]) = (xh, yh, false);
                nbisect++;
            }
            if (y.Any(double.IsNaN) || nbisect > nBisectMax || nshift > nShiftMax) return (x[k], false);
        }
    }

    /// <summary>The curvilinear Q(t) analysis of the 2D-Pc usage-violation check (sampled points and minimum estimate).</summary>
    private sealed record CurvilinearQ(List<(double T, double Q)> Points, double T, double SigmaT, bool Converged);

    /// <summary>
    /// Curvilinear Q(t) analysis (Hall, Baars &amp; Casali 2023, 2D-Pc usage violations): Q at the rectilinear minimum
    /// time T_RL and T_RL ± σ_RL, a parabola through them, and up to 20 refinements that evaluate Q at the parabola's
    /// vertex and re-fit through the three lowest points while the vertex moves by ≥ 2.5 σ or its value by ≥ 1.
    /// </summary>
    private static CurvilinearQ Curvilinear(Setup s)
    {
        var pts = new List<(double T, double Q)>();
        var (ainv, det) = Dense.ClippedInverse(s.A, s.Clip);
        var rar = ainv.Bilinear(s.R, s.R);
        var rav = Vec3.Dot(s.R, ainv * s.V);
        var vav = ainv.Bilinear(s.V, s.V);
        var tRl = rav == 0 ? 0 : -rav / vav;
        var sRl = Math.Sqrt(1 / vav);
        if (!double.IsFinite(sRl) || !double.IsFinite(tRl)) return new CurvilinearQ(pts, double.NaN, double.NaN, false);
        var qRl = rar + tRl * 2 * rav + tRl * tRl * vav + Math.Log(det);
        var dt = sRl;
        double[] t3 = [tRl - dt, tRl, tRl + dt];
        foreach (var t in t3) pts.Add((t, QAt(s, t)));
        if (pts.Any(p => double.IsNaN(p.Q))) return new CurvilinearQ(pts, double.NaN, double.NaN, false);
        var converged = true;
        double tc, qc, sc;
        var qdd = (pts[2].Q - 2 * pts[1].Q + pts[0].Q) / (dt * dt);
        if (qdd <= 0) return new CurvilinearQ(pts, double.NaN, double.PositiveInfinity, false);
        var (a, b, c) = ParabolaFit(pts);
        tc = -b / qdd;
        qc = c - b * b / a / 4;
        var acceptable = true;
        var d0 = 10 * (t3[2] - t3[0]);
        if (tc < t3[0] - d0 || tc > t3[2] + d0)
        {
            acceptable = false;
            tc = tc < t3[0] - d0 ? t3[0] - d0 : t3[2] + d0;
            qc = a * tc * tc + b * tc + c;
        }
        sc = Math.Sqrt(2 / qdd);
        var refine = !acceptable || Math.Abs(tc - tRl) >= 2.5 * Math.Min(sRl, sc) || Math.Abs(qc - qRl) >= 1;
        for (var level = 2; refine; level++)
        {
            var itMin = 0;
            for (var i = 1; i < pts.Count; i++) if (pts[i].Q < pts[itMin].Q) itMin = i;
            var tNew = tc;
            var qNew = QAt(s, tNew);
            if (double.IsNaN(qNew))
            {
                converged = false;
                var lo = pts.Min(p => p.T);
                var hi = pts.Max(p => p.T);
                var tb = tc < lo ? 0.5 * (tc + lo) : tc > hi ? 0.5 * (tc + hi) : double.NaN;
                if (double.IsNaN(tb) || pts.Count > 3 || level >= 20) break;
                (tc, qc) = (tb, double.NaN);
                continue;
            }
            converged = true;
            var qCut = pts.Select(p => p.Q).Order().ElementAt(2);
            var decreasing = qNew < qCut;
            pts.Add((tNew, qNew));
            if (decreasing)
            {
                var (a2, b2, c2) = ParabolaFit(pts);
                if (a2 <= 0) sc = double.PositiveInfinity;
                else
                {
                    tc = -b2 / a2 / 2;
                    qc = c2 - b2 * b2 / a2 / 4;
                    sc = Math.Sqrt(1 / a2);
                }
            }
            else
            {
                var lo = double.PositiveInfinity;
                var hi = double.NegativeInfinity;
                for (var i = 0; i < pts.Count - 1; i++) { lo = Math.Min(lo, pts[i].T); hi = Math.Max(hi, pts[i].T); }
                if (tc < lo || tc > hi)
                {
                    // Bisect towards the sampled range; the vertex estimate is no longer trusted, so force another pass.
                    tc = 0.5 * (tc + (tc < lo ? lo : hi));
                    qc = double.PositiveInfinity;
                }
                else (tc, qc) = pts[itMin];
            }
            refine = false;
            if (!double.IsInfinity(sc) && level < 20)
                refine = Math.Abs(tc - pts[itMin].T) >= 2.5 * sc || !(Math.Abs(qc - pts[itMin].Q) < 1);
        }
        if (double.IsInfinity(sc) || double.IsNaN(sc)) converged = false;
        if (converged && double.IsNaN(QAt(s, tc))) converged = false;
        return new CurvilinearQ(pts, tc, sc, converged);
    }

    /// <summary>
    /// Least-squares parabola Q ≈ a t² + b t + c through the three lowest samples (more if those are degenerate), solved
    /// in a centred, normalised time for conditioning.
    /// </summary>
    private static (double A, double B, double C) ParabolaFit(List<(double T, double Q)> pts)
    {
        var byQ = pts.GroupBy(p => p.T).Select(g => g.First()).OrderBy(p => p.Q).ToList();
        var m = 3;
        while (true)
        {
            var use = byQ.Take(m).ToList();
            var tmin = use.Min(p => p.T);
            var tmax = use.Max(p => p.T);
            var tdel = 0.5 * (tmax - tmin);
            var tmid = 0.5 * (tmax + tmin);
            // Normal equations in z = (t − tmid)/tdel, unknowns (x1 z² + x2 z + x3).
            var n = new double[3, 3];
            var r = new double[3];
            foreach (var (t, q) in use)
            {
                var z = (t - tmid) / tdel;
                double[] row = [z * z, z, 1];
                for (var i = 0; i < 3; i++)
                {
                    r[i] += row[i] * q;
                    for (var j = 0; j < 3; j++) n[i, j] += row[i] * row[j];
                }
            }
            var x = Solve3(n, r);
            if (x is null && m < byQ.Count) { m++; continue; }
            if (x is null) return (double.NaN, double.NaN, double.NaN);
            var trat = tmid / tdel;
            var tx1 = trat * x[0];
            return (x[0] / (tdel * tdel), (x[1] - 2 * tx1) / tdel, trat * (tx1 - x[1]) + x[2]);
        }
    }

    private static double[]? Solve3(double[,] a, double[] b)
    {
        var m = new Mat3(a[0, 0], a[0, 1], a[0, 2], a[1, 0], a[1, 1], a[1, 2], a[2, 0], a[2, 1], a[2, 2]);
        var det = m.Determinant;
        if (!(Math.Abs(det) > 1e-12 * Math.Pow(Math.Abs(a[0, 0]) + Math.Abs(a[1, 1]) + Math.Abs(a[2, 2]), 3))) return null;
        var inv = m.Inverse();
        var v = inv * new Vec3(b[0], b[1], b[2]);
        return [v.X, v.Y, v.Z];
    }

    private readonly record struct MinRefine(double Tmd, double Tsg, double Delt, double Y, double Ydot, double Ydotdot, Local Lo, Local Mid, Local Hi);

    /// <summary>
    /// Refines the minimum of Q(t) and its time-sigma (after CARA MD2MinRefine): three-point central differences with a
    /// step of one current time-sigma, Newton updates of the minimum time when <paramref name="findMin"/>.
    /// </summary>
    private static MinRefine? Md2MinRefine(Setup s, double tmd, double tsg, double ttol, int itermax, bool findMin)
    {
        var iterMin = Math.Min(2, itermax);
        var iterMed = Math.Min(4, itermax);
        Local mid = default;
        double ymd = double.NaN;
        for (var iter = 1; ; iter++)
        {
            var tmdOld = tmd;
            var tsgOld = tsg;
            var delt = tsg;
            var lo = At(s, tmd - delt);
            if (iter == 1 || findMin)
            {
                mid = At(s, tmd);
                ymd = Q(mid);
            }
            var hi = At(s, tmd + delt);
            var ylo = Q(lo);
            var yhi = Q(hi);
            if (double.IsNaN(ylo) || double.IsNaN(ymd) || double.IsNaN(yhi)) return null;
            var ydot = (yhi - ylo) / (2 * delt);
            var ydd = (yhi - 2 * ymd + ylo) / (delt * delt);
            tsg = Math.Sqrt(2 / Math.Max(0, ydd));
            var tEval = tmd;
            bool cnvg;
            if (findMin)
            {
                tmd -= ydot / ydd;
                cnvg = Math.Abs(tmd - tmdOld) < ttol * tsg;
            }
            else
            {
                cnvg = Math.Abs(tsg - tsgOld) < ttol * tsg;
            }
            if (!cnvg && iter >= (findMin ? iterMed : iterMin))
            {
                var md = mid.Ainv.Bilinear(mid.Ru, mid.Ru);
                var c1 = 1 - lo.Ainv.Bilinear(lo.Ru, lo.Ru) / md;
                var c2 = 1 - hi.Ainv.Bilinear(hi.Ru, hi.Ru) / md;
                if (Math.Max(Math.Abs(c1), Math.Abs(c2)) < ttol) cnvg = true;
            }
            if (double.IsInfinity(tsg)) return null;
            if (cnvg && iter >= iterMin) return new MinRefine(tEval, tsg, delt, ymd, ydot, ydd, lo, mid, hi);
            if (iter > itermax) return null;
        }
    }
}
