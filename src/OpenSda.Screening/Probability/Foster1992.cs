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
        var notes = new List<string>();
        var flags = PcUsageFlags.None;
        var c = conjunction;
        if (options.AdjustTca)
        {
            var (adj, dt) = c.LinearTcaAdjusted();
            c = adj;
            if (dt != 0) notes.Add(FormattableString.Invariant($"linear TCA adjustment {dt:G6} s"));
        }
        if (c.Primary.Covariance is null || c.Secondary.Covariance is null)
        {
            flags |= PcUsageFlags.MissingCovariance;
            notes.Add("a missing covariance was treated as zero");
        }
        if (c.UsesDefaultCovariance)
        {
            flags |= PcUsageFlags.DefaultCovariance;
            notes.Add("covariance from the default model: Pc is indicative only");
        }

        var (pc, plane) = ComputeRaw(c, options.Quadrature, options.Shape);
        if (plane is null)
        {
            flags |= PcUsageFlags.ZeroRelativeVelocity;
            notes.Add("zero relative velocity: encounter plane undefined");
        }
        else if (plane.IsRemediated)
        {
            flags |= PcUsageFlags.NonPositiveDefiniteCovariance;
            notes.Add("projected covariance eigenvalues clipped at (1e-4·HBR)²");
        }
        flags |= UsageViolations.Assess(c);
        return new PcResult(pc, PcMethodNames.Pc2D, flags, notes) { Plane = plane };
    }

    /// <summary>The Pc and plane for an already-prepared conjunction (no TCA adjustment).</summary>
    internal static (double Pc, EncounterPlane? Plane) ComputeRaw(Conjunction c, Pc2DQuadrature quadrature, HardBodyShape shape)
    {
        var hbr = c.HardBodyRadiusM;
        if (double.IsNaN(hbr)) return (double.NaN, null);
        if (hbr < 0) hbr = 0;
        var r1 = c.Primary.PositionM;
        var r2 = c.Secondary.PositionM;
        var r = r1 - r2;
        var v = c.Primary.VelocityMS - c.Secondary.VelocityMS;
        var cov = c.Primary.CovarianceEciM.PositionBlock + c.Secondary.CovarianceEciM.PositionBlock;
        return ComputeRaw(r1, r2, r, v, cov, hbr, quadrature, shape);
    }

    internal static (double Pc, EncounterPlane? Plane) ComputeRaw(
        Vec3 r1, Vec3 r2, Vec3 r, Vec3 v, Mat3 cov, double hbr, Pc2DQuadrature quadrature, HardBodyShape shape)
    {
        // CARA: perturb a (near-)zero miss vector slightly out of the plane of motion so the frame is defined.
        var rmag = r.Norm;
        var reps = Math.Max(10 * (Math.BitIncrement(rmag) - rmag), 1e-6 * hbr);
        if (rmag < reps && v.Norm > 0 && !double.IsInfinity(hbr))
        {
            var rsum = r1 + r2;
            r += reps * Vec3.Cross(rsum, v) / rsum.Norm / v.Norm;
        }
        var plane = EncounterPlane.Build(r, v, cov, hbr);
        if (plane is null) return (double.NaN, null);
        if (hbr == 0) return (0, plane);
        if (double.IsPositiveInfinity(hbr)) return (1, plane);
        var pc = shape switch
        {
            HardBodyShape.Circle => quadrature == Pc2DQuadrature.CaraGaussChebyshev64
                ? CircleCaraGc(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, hbr, 64)
                : Circle(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, hbr),
            HardBodyShape.Square => Rectangle(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, hbr),
            _ => Rectangle(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, 0.5 * Math.Sqrt(Math.PI) * hbr),
        };
        return (pc, plane);
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

        // Smoothness measures: exponent variation over the circle in x and z, and circle size vs. sz. The integrand
        // in theta is entire; Gauss–Legendre with n nodes converges like (k/2)^(2n)/(2n)!, so n is chosen from k
        // (validated against the adaptive integral to 1e-10 in the property tests).
        var k = Math.Max(Math.Max(hbr * (xm + hbr) / (sx * sx), hbr * (zm + hbr) / (sz * sz)), hbr / sz);
        var rule = k <= 3.0 ? Gl24 : k <= 12.0 ? Gl48 : k <= 40.0 ? Gl96 : default;
        if (rule.X is not null)
        {
            var (gx, gw) = rule;
            double sum = 0;
            for (var i = 0; i < gx.Length; i++)
            {
                var th = 0.5 * Math.PI * (gx[i] + 1);
                var (sn, cs) = Math.SinCos(th);
                sum += gw[i] * Integrand(cs, sn, xm, zm, dx, dz, hbr);
            }
            return pre * 0.5 * Math.PI * sum;
        }
        return pre * AdaptiveTheta(xm, zm, dx, dz, hbr);
    }

    private static readonly (double[] X, double[] W) Gl24 = Quadrature.GaussLegendre(24);
    private static readonly (double[] X, double[] W) Gl48 = Quadrature.GaussLegendre(48);
    private static readonly (double[] X, double[] W) Gl96 = Quadrature.GaussLegendre(96);

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
