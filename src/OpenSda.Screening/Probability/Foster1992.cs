using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>How the 1-D encounter-plane integral is evaluated.</summary>
public enum Pc2DQuadrature
{
    /// <summary>
    /// Accurate: fixed Gauss–Legendre in the circle angle where the integrand is provably smooth
    /// (small HBR relative to the sigmas and offsets), otherwise globally adaptive Gauss–Legendre to 1e-12 relative.
    /// </summary>
    Accurate,

    /// <summary>
    /// Reproduces CARA PcCircle's default (EstimationMode = 64): 64-point Gauss–Chebyshev rule when the
    /// HBR circle lies within ±4σ along the major axis, otherwise the accurate integral. Only for regression
    /// comparisons with CARA: for HBR ≫ minor sigma the 64-point rule is off by up to ~1e-4 relative.
    /// </summary>
    CaraGaussChebyshev64,
}

/// <summary>The integration region on the encounter plane.</summary>
public enum HardBodyShape
{
    /// <summary>The HBR circle (the standard).</summary>
    Circle,

    /// <summary>The circumscribing square of side 2·HBR, axes along the principal axes (an upper bound).</summary>
    Square,

    /// <summary>The square of equal area π·HBR², side √π·HBR, along the principal axes (Alfano 2005a approximation).</summary>
    SquareEqualArea,
}

/// <summary>Options of <see cref="Foster1992"/>.</summary>
public sealed record Pc2DOptions
{
    /// <summary>Apply CARA's linear TCA adjustment before projecting (CARA "Pc2D"; false gives "Pc2D_NoAdj").</summary>
    public bool AdjustTca { get; init; } = true;

    /// <summary>Quadrature choice.</summary>
    public Pc2DQuadrature Quadrature { get; init; } = Pc2DQuadrature.Accurate;

    /// <summary>Integration region.</summary>
    public HardBodyShape Shape { get; init; } = HardBodyShape.Circle;

    /// <summary>Default options.</summary>
    public static Pc2DOptions Default { get; } = new();
}

/// <summary>
/// Foster &amp; Estes (1992), "A Parametric Analysis of Orbital Debris Collision Probability and Maneuver Rate for
/// Space Vehicles", NASA JSC-25898: the short-encounter collision probability is the integral of the 2-D
/// Gaussian relative-position density over the hard-body circle on the encounter plane,
/// Pc = ∬_{x²+z²≤R²} N((x,z); (xm,zm), diag(σx², σz²)) dx dz.
/// </summary>
/// <remarks>
/// <para>Evaluation follows Elrod (2019, dissertation; the error-function reduction used by CARA PcElrod/PcCircle):
/// on the principal axes the inner integral across the chord is analytic,
/// Pc = ∫_{−R}^{R} φ(xm+s; σx)·½[erf((zm+h)/(√2σz)) − erf((zm−h)/(√2σz))] ds, h = √(R²−s²),
/// and the remaining 1-D integral is done in the angle s = R cos θ, which removes the square-root end-point
/// singularity (the same substitution that makes Gauss–Chebyshev quadrature of the second kind exact for the
/// chord factor). The error-function difference is evaluated in scaled form so that Pc stays accurate to
/// ~1e-300.</para>
/// <para>Conventions are CARA's (see <see cref="EncounterPlane"/>): full 3-D miss distance, eigenvalue clipping at
/// (1e-4·HBR)², and optionally the linear TCA adjustment. HBR = 0 gives 0, HBR = ∞ gives 1, negative HBR is
/// clamped to 0, zero relative velocity gives NaN.</para>
/// </remarks>
public static class Foster1992
{
    /// <summary>Computes the 2-D Pc of a conjunction (position blocks of ECI or RTN covariances; missing ones count as zero).</summary>
    public static PcResult Compute(Conjunction conjunction, Pc2DOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        options ??= Pc2DOptions.Default;
        var c = conjunction;
        var (r1, v1, r2, v2, cov, dt) = Prepare(c, options.AdjustTca);
        var hbr = c.HardBodyRadiusM;
        var pc = Evaluate(r1, r2, v1 - v2, cov, hbr, options.Quadrature, options.Shape, out var p, out var hasPlane);

        var flags = PcUsageFlags.None;
        List<string>? notes = null;
        if (dt != 0) (notes ??= []).Add(FormattableString.Invariant($"linear TCA adjustment {dt:G6} s"));
        if (c.Primary.Covariance is null || c.Secondary.Covariance is null)
        {
            flags |= PcUsageFlags.MissingCovariance;
            (notes ??= []).Add("a missing covariance was treated as zero");
        }
        if (c.UsesDefaultCovariance)
        {
            flags |= PcUsageFlags.DefaultCovariance;
            (notes ??= []).Add("covariance from the default model: Pc is indicative only");
        }
        EncounterPlane? plane = null;
        if (!hasPlane)
        {
            flags |= PcUsageFlags.ZeroRelativeVelocity;
            (notes ??= []).Add("zero relative velocity: encounter plane undefined");
        }
        else
        {
            plane = EncounterPlane.FromProjection(p, Math.Max(hbr, 0));
            if (p.IsRemediated)
            {
                flags |= PcUsageFlags.NonPositiveDefiniteCovariance;
                (notes ??= []).Add("projected covariance eigenvalues clipped at (1e-4·HBR)²");
            }
        }
        var positionOnly = (c.Primary.Covariance?.IsPositionOnly ?? true) || (c.Secondary.Covariance?.IsPositionOnly ?? true);
        flags |= UsageViolations.Assess(r1, v1, r2, v2, cov, hbr, positionOnly);
        return new PcResult(pc, PcMethodNames.Pc2D, flags, notes is null ? [] : notes) { Plane = plane };
    }

    /// <summary>
    /// The 2-D Pc value alone (same number as <see cref="Compute"/>), without flags, notes or allocation: the
    /// screening hot path.
    /// </summary>
    public static double Pc(Conjunction conjunction, Pc2DOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        options ??= Pc2DOptions.Default;
        var (r1, v1, r2, v2, cov, _) = Prepare(conjunction, options.AdjustTca);
        return Evaluate(r1, r2, v1 - v2, cov, conjunction.HardBodyRadiusM, options.Quadrature, options.Shape, out _, out _);
    }

    /// <summary>States (m, m/s), optionally moved linearly to the relative closest approach, and the combined ECI position covariance.</summary>
    private static (Vec3 R1, Vec3 V1, Vec3 R2, Vec3 V2, Mat3 Cov, double Dt) Prepare(Conjunction c, bool adjustTca)
    {
        var r1 = c.Primary.PositionM;
        var v1 = c.Primary.VelocityMS;
        var r2 = c.Secondary.PositionM;
        var v2 = c.Secondary.VelocityMS;
        double dt = 0;
        if (adjustTca)
        {
            // CARA FindNearbyCA: both objects move along straight lines by dt = −(r·v)/(v·v); covariances unchanged.
            var v = v1 - v2;
            var vv = v.NormSquared;
            if (vv != 0)
            {
                dt = -Vec3.Dot(r1 - r2, v) / vv;
                // Moved in the stored kilometre units, as Conjunction.LinearTcaAdjusted does (the miss vector is a
                // small difference of large positions, so the rounding path shows at Pc ~ 1e-190).
                r1 = (c.Primary.StateEci.PositionKm + c.Primary.StateEci.VelocityKmS * dt) * 1000.0;
                r2 = (c.Secondary.StateEci.PositionKm + c.Secondary.StateEci.VelocityKmS * dt) * 1000.0;
            }
        }
        // An RTN covariance is rotated along the (moved) state it is attached to.
        return (r1, v1, r2, v2, c.Primary.PositionCovarianceEciAt(r1, v1) + c.Secondary.PositionCovarianceEciAt(r2, v2), dt);
    }

    /// <summary>The Pc and plane for an already-prepared conjunction (no TCA adjustment).</summary>
    internal static (double Pc, EncounterPlane? Plane) ComputeRaw(Conjunction c, Pc2DQuadrature quadrature, HardBodyShape shape)
    {
        var r1 = c.Primary.PositionM;
        var r2 = c.Secondary.PositionM;
        var v = c.Primary.VelocityMS - c.Secondary.VelocityMS;
        var cov = c.Primary.PositionCovarianceEciM + c.Secondary.PositionCovarianceEciM;
        return ComputeRaw(r1, r2, r1 - r2, v, cov, c.HardBodyRadiusM, quadrature, shape);
    }

    internal static (double Pc, EncounterPlane? Plane) ComputeRaw(
        Vec3 r1, Vec3 r2, Vec3 r, Vec3 v, Mat3 cov, double hbr, Pc2DQuadrature quadrature, HardBodyShape shape)
    {
        if (double.IsNaN(hbr)) return (double.NaN, null);
        var pc = Evaluate(r1, r2, r, v, cov, hbr, quadrature, shape, out var p, out var ok);
        return (pc, ok ? EncounterPlane.FromProjection(p, Math.Max(hbr, 0)) : null);
    }

    private static double Evaluate(Vec3 r1, Vec3 r2, Vec3 v, Mat3 cov, double hbr, Pc2DQuadrature quadrature, HardBodyShape shape,
        out EncounterPlane.Projection plane, out bool hasPlane) =>
        Evaluate(r1, r2, r1 - r2, v, cov, hbr, quadrature, shape, out plane, out hasPlane);

    private static double Evaluate(Vec3 r1, Vec3 r2, Vec3 r, Vec3 v, Mat3 cov, double hbr, Pc2DQuadrature quadrature, HardBodyShape shape,
        out EncounterPlane.Projection plane, out bool hasPlane)
    {
        plane = default;
        hasPlane = false;
        if (double.IsNaN(hbr)) return double.NaN;
        if (hbr < 0) hbr = 0;
        // CARA: perturb a (near-)zero miss vector slightly out of the plane of motion so the frame is defined.
        var rmag = r.Norm;
        var reps = Math.Max(10 * (Math.BitIncrement(rmag) - rmag), 1e-6 * hbr);
        if (rmag < reps && v.Norm > 0 && !double.IsInfinity(hbr))
        {
            var rsum = r1 + r2;
            r += reps * Vec3.Cross(rsum, v) / rsum.Norm / v.Norm;
        }
        if (!EncounterPlane.TryProject(r, v, cov, hbr, out plane)) return double.NaN;
        hasPlane = true;
        if (hbr == 0) return 0;
        if (double.IsPositiveInfinity(hbr)) return 1;
        return shape switch
        {
            HardBodyShape.Circle => quadrature == Pc2DQuadrature.CaraGaussChebyshev64
                ? CircleCaraGc(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, hbr, 64)
                : Circle(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, hbr),
            HardBodyShape.Square => Rectangle(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, hbr),
            _ => Rectangle(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, 0.5 * Math.Sqrt(Math.PI) * hbr),
        };
    }

    /// <summary>
    /// Pc over the circle of radius <paramref name="hbr"/> for a miss (xm, zm) on the principal axes with
    /// standard deviations (σx, σz) (any order). All lengths in the same unit.
    /// </summary>
    public static double Circle(double xm, double zm, double sx, double sz, double hbr)
    {
        if (!(hbr > 0)) return hbr == 0 ? 0 : double.NaN;
        if (double.IsPositiveInfinity(hbr)) return 1;
        xm = Math.Abs(xm);
        zm = Math.Abs(zm);
        // Integrate along the axis with the larger sigma (the erf handles the narrow one).
        if (sz > sx)
        {
            (xm, zm) = (zm, xm);
            (sx, sz) = (sz, sx);
        }
        if (!(sz > 0)) return double.NaN;
        var sqrt2 = Math.Sqrt(2.0);
        var dx = sqrt2 * sx;
        var dz = sqrt2 * sz;
        // Integrand in theta in [0, pi]:  exp(-((xm + R cos)/dx)^2) * [erf((zm+R sin)/dz) - erf((zm-R sin)/dz)] * sin
        // times R / (sqrt(2 pi) sx) / 2.
        var pre = hbr / (2 * Math.Sqrt(2 * Math.PI) * sx);

        // Smoothness measure k: exponent variation over the circle in x and z, and circle size vs. sz. Extended to
        // θ ∈ [0, 2π] the integrand is even and 2π-periodic (the erf difference is odd in sin θ), so the m-interval
        // trapezoid rule — Gauss–Chebyshev of the second kind in s/R — converges geometrically, like (k/2)^m/m!.
        // The order m is chosen from k, calibrated against the adaptive integral on 40 000 random cases with
        // log-uniform HBR/σz and σz/σx: the first errors above 3e-12 relative appear at about twice each tier's
        // k limit. Beyond the last tier the adaptive integral is used.
        var k = Math.Max(Math.Max(hbr * (xm + hbr) / (sx * sx), hbr * (zm + hbr) / (sz * sz)), hbr / sz);
        var tier = 0;
        while (tier < TrapKMax.Length && k > TrapKMax[tier]) tier++;
        if (tier == TrapKMax.Length) return pre * AdaptiveTheta(xm, zm, dx, dz, hbr);
        return pre * Trapezoid(TrapRules[tier], xm, zm, dx, dz, hbr);
    }

    /// <summary>Trapezoid orders (intervals on [0, π]) and the largest smoothness measure k each is used for.</summary>
    private static readonly int[] TrapOrders = [4, 6, 8, 10, 12, 16, 20, 24, 32, 48];

    private static readonly double[] TrapKMax = [0.025, 0.18, 0.45, 1.0, 2.3, 4.8, 11, 18, 38, 75];

    private static readonly (double[] Sin, double[] Cos, int M)[] TrapRules = TrapOrders.Select(TrapRule).ToArray();

    /// <summary>sin and cos of θⱼ = πj/m for j = 1 … ⌊(m−1)/2⌋ (the pairs θⱼ, π − θⱼ share sin θ).</summary>
    private static (double[] Sin, double[] Cos, int M) TrapRule(int m)
    {
        var n = (m - 1) / 2;
        var sn = new double[n];
        var cs = new double[n];
        for (var j = 1; j <= n; j++) (sn[j - 1], cs[j - 1]) = Math.SinCos(Math.PI * j / m);
        return (sn, cs, m);
    }

    /// <summary>
    /// ∫₀^π of the angle integrand by the m-interval trapezoid rule. Nodes θ and π − θ share the error-function
    /// difference (it depends on sin θ only), so each pair costs one difference and two exponentials; the smaller
    /// Gaussian exponent is folded into the scaled difference so that tiny Pc values do not underflow.
    /// </summary>
    private static double Trapezoid((double[] Sin, double[] Cos, int M) rule, double xm, double zm, double dx, double dz, double hbr)
    {
        var (sins, coss, m) = rule;
        double sum = 0;
        for (var j = 0; j < sins.Length; j++)
        {
            var sn = sins[j];
            var hc = hbr * coss[j];
            var hh = hbr * sn;
            var x1 = (xm + hc) / dx;
            var x2 = (xm - hc) / dx;
            var e1 = x1 * x1;
            var e2 = x2 * x2;
            var l = Math.Min(e1, e2);
            var d = SpecialFunctions.ScaledErfDiff((zm + hh) / dz, (zm - hh) / dz, -l);
            if (d != 0) sum += sn * d * (Math.Exp(l - e1) + Math.Exp(l - e2));
        }
        if ((m & 1) == 0)
        {
            // θ = π/2.
            var xx = xm / dx;
            sum += SpecialFunctions.ScaledErfDiff((zm + hbr) / dz, (zm - hbr) / dz, -xx * xx);
        }
        return Math.PI / m * sum;
    }

    /// <summary>The circle integral by globally adaptive quadrature only (reference for tests).</summary>
    internal static double CircleAdaptive(double xm, double zm, double sx, double sz, double hbr)
    {
        xm = Math.Abs(xm);
        zm = Math.Abs(zm);
        if (sz > sx)
        {
            (xm, zm) = (zm, xm);
            (sx, sz) = (sz, sx);
        }
        var dx = Math.Sqrt(2.0) * sx;
        var dz = Math.Sqrt(2.0) * sz;
        return hbr / (2 * Math.Sqrt(2 * Math.PI) * sx) * AdaptiveTheta(xm, zm, dx, dz, hbr);
    }

    private static double AdaptiveTheta(double xm, double zm, double dx, double dz, double hbr)
    {
        double Fth(double th)
        {
            var (sn, cs) = Math.SinCos(th);
            return Integrand(cs, sn, xm, zm, dx, dz, hbr);
        }
        return Quadrature.Adaptive(Fth, 0, Math.PI, 1e-12, 1e-320);
    }

    private static double Integrand(double cs, double sn, double xm, double zm, double dx, double dz, double hbr)
    {
        var xx = (xm + hbr * cs) / dx;
        var hh = hbr * sn;
        return sn * SpecialFunctions.ScaledErfDiff((zm + hh) / dz, (zm - hh) / dz, -xx * xx);
    }

    /// <summary>
    /// CARA PcCircle's default rule (EstimationMode 64): n-point Gauss–Chebyshev (second kind) in s/R when the
    /// circle is within ±4σx of the origin along the major axis, the accurate integral otherwise.
    /// </summary>
    public static double CircleCaraGc(double xm, double zm, double sx, double sz, double hbr, int n)
    {
        if (!(hbr > 0)) return hbr == 0 ? 0 : double.NaN;
        if (double.IsPositiveInfinity(hbr)) return 1;
        var xlo = xm - hbr;
        var xhi = xm + hbr;
        var nsx = 4 * sx;
        var xloClip = Math.Max(xlo, 0);
        if (!(xlo > -nsx && xhi < xloClip + nsx))
            return Circle(xm, zm, sx, sz, hbr);
        var dx = Math.Sqrt(2.0) * sx;
        var dz = Math.Sqrt(2.0) * sz;
        var c = Math.PI / (n + 1);
        double sum = 0;
        for (var k = 1; k <= n; k++)
        {
            var (sn, cs) = Math.SinCos(c * k);
            var w = c * sn / Math.Sqrt(8 * Math.PI);
            var xx = (xm + hbr * cs) / dx;
            var hh = hbr * sn;
            sum += w * SpecialFunctions.ScaledErfDiff((zm + hh) / dz, (zm - hh) / dz, -xx * xx);
        }
        return hbr / sx * sum;
    }

    /// <summary>
    /// Pc over the axis-aligned square [xm−a, xm+a]×[zm−a, zm+a] on the principal axes (Alfano 2005a): the
    /// product of two 1-D Gaussian probabilities.
    /// </summary>
    public static double Rectangle(double xm, double zm, double sx, double sz, double halfWidth)
    {
        var dx = Math.Sqrt(2.0) * sx;
        var dz = Math.Sqrt(2.0) * sz;
        var ex = SpecialFunctions.ScaledErfDiff((xm + halfWidth) / dx, (xm - halfWidth) / dx, 0);
        var ez = SpecialFunctions.ScaledErfDiff((zm + halfWidth) / dz, (zm - halfWidth) / dz, 0);
        return 0.25 * ex * ez;
    }
}
