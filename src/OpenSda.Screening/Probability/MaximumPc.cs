using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// Maximum (worst-case) collision probability when covariance information is missing or untrusted.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>No covariance</b> — Alfano (2005), "Relating position uncertainty to maximum conjunction probability",
/// J. Astronaut. Sci. 53(2): over all Gaussian relative-position densities with the given miss distance d, the
/// largest Pc is reached by a degenerate (infinite aspect ratio) density along the miss vector, for which
/// Pc(σ) = ½[erf((R+d)/(√2σ)) + erf((R−d)/(√2σ))]; setting dPc/dσ = 0 gives
/// σ² = 2dR / ln((d+R)/(d−R)) (d &gt; R); for d ≤ R the bound is 1.</item>
/// <item><b>One covariance</b> — Frisbee (2015), "Maximum probability of collision when one covariance is unknown"
/// (AAS 15-xxx, implemented by CARA FrisbeeMaxPc): the unknown covariance is any positive semi-definite matrix;
/// the maximising one is sought among rank-one encounter-plane matrices s²·uuᵀ added to the known projected
/// covariance, maximising the 2-D Pc over the direction u and the scale s.</item>
/// <item><b>Both covariances</b> — covariance dilution (Alfano 2005; Hejduk &amp; Snow 2019, CARA DilutionMaxPc):
/// the combined covariance is scaled by Sf² and Pc(Sf) maximised; the conjunction is "diluted" when the
/// maximum lies at Sf &lt; 1.</item>
/// </list>
/// </remarks>
public static class MaximumPc
{
    /// <summary>Alfano (2005) worst-case Pc for a miss distance and HBR with no covariance information.</summary>
    public static double Alfano2005(double missM, double hbrM)
    {
        if (!(hbrM > 0)) return 0;
        if (missM <= hbrM) return 1;
        var d = missM;
        var r = hbrM;
        var sigma2 = 2 * d * r / Math.Log((d + r) / (d - r));
        var s = Math.Sqrt(2 * sigma2);
        return 0.5 * SpecialFunctions.ScaledErfDiff((r + d) / s, (d - r) / s, 0);
    }

    /// <summary>
    /// The maximum Pc for a conjunction, choosing the bound by which covariances are present
    /// (none: Alfano 2005; one: Frisbee 2015; both: dilution maximum).
    /// </summary>
    public static PcResult Compute(Conjunction conjunction, HardBodyShape shape = HardBodyShape.Circle)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        var (c, _) = conjunction.LinearTcaAdjusted();
        var flags = UsageViolations.Assess(c);
        var p = c.Primary.Covariance;
        var s = c.Secondary.Covariance;
        if (c.UsesDefaultCovariance) flags |= PcUsageFlags.DefaultCovariance;
        if (p is null && s is null)
        {
            var miss = (c.Primary.PositionM - c.Secondary.PositionM).Norm;
            return new PcResult(Alfano2005(miss, c.HardBodyRadiusM), PcMethodNames.Max, flags | PcUsageFlags.MissingCovariance,
                ["Alfano (2005) worst case over all covariances (no covariance known)"]);
        }
        if (p is null || s is null)
        {
            var pc = Frisbee2015(c, shape);
            return new PcResult(pc, PcMethodNames.Max, flags | PcUsageFlags.MissingCovariance,
                ["Frisbee (2015) maximum over the unknown covariance (one covariance known)"]);
        }
        var (max, diluted) = Dilution(c, shape);
        return new PcResult(max, PcMethodNames.Max, flags,
            [diluted ? "dilution region: Pc would rise if the covariance shrank" : "not in the dilution region"]);
    }

    /// <summary>
    /// Frisbee (2015) maximum Pc with one covariance unknown (a missing covariance, or pass
    /// <paramref name="ignoreSecondary"/>/<paramref name="ignorePrimary"/> to disregard one).
    /// </summary>
    public static double Frisbee2015(Conjunction c, HardBodyShape shape = HardBodyShape.Circle, bool ignorePrimary = false, bool ignoreSecondary = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        var known = Mat3.Zero;
        if (!ignorePrimary && c.Primary.Covariance is not null) known += c.Primary.CovarianceEciM.PositionBlock;
        if (!ignoreSecondary && c.Secondary.Covariance is not null) known += c.Secondary.CovarianceEciM.PositionBlock;
        var r = c.Primary.PositionM - c.Secondary.PositionM;
        var v = c.Primary.VelocityMS - c.Secondary.VelocityMS;
        var hbr = Math.Max(c.HardBodyRadiusM, 0);
        var basis = EncounterPlane.Build(r, v, known, hbr);
        if (basis is null) return double.NaN;
        var (ex, _, ez) = basis.Axes;
        // Frisbee: with the miss vector (|r|, 0) on (x, z) and Ka² = mᵀ C⁻¹ m its squared Mahalanobis distance under
        // the known projected covariance C, the worst unknown covariance is Vc·ûûᵀ along the miss direction with
        // Vc = |r|²(Ka² − 1)/Ka² (zero when Ka ≤ 1, where any added covariance lowers Pc).
        var (a, b, d) = basis.ProjectedCovarianceM2;
        var miss = r.Norm;
        var det = a * d - b * b;
        var ka2 = miss * miss * d / det;
        var knownOnly = Foster1992.ComputeRaw(c.Primary.PositionM, c.Secondary.PositionM, r, v, known, hbr, Pc2DQuadrature.Accurate, shape).Pc;
        if (!(ka2 > 1)) return knownOnly;
        var vc = miss * miss * (ka2 - 1) / ka2;
        var total = known + vc * new Mat3(ex.X * ex.X, ex.X * ex.Y, ex.X * ex.Z, ex.Y * ex.X, ex.Y * ex.Y, ex.Y * ex.Z, ex.Z * ex.X, ex.Z * ex.Y, ex.Z * ex.Z);
        var frisbee = Foster1992.ComputeRaw(c.Primary.PositionM, c.Secondary.PositionM, r, v, total, hbr, Pc2DQuadrature.Accurate, shape).Pc;
        // Frisbee's Vc is the stationary point of the small-HBR approximation; for large HBR/sigma the exact Pc with
        // the known covariance alone can be higher, and a zero unknown covariance is admissible, so take the larger.
        return Math.Max(frisbee, knownOnly);
    }

    /// <summary>
    /// Dilution maximum (CARA DilutionMaxPc default "both"): Pc with the combined position covariance scaled by
    /// Sf², maximised over Sf ∈ [1e-4, 1e4]. <c>Diluted</c> is true when the maximum lies at Sf &lt; 1, and then
    /// the maximum is reported; otherwise the unscaled Pc is.
    /// </summary>
    public static (double PcMax, bool Diluted) Dilution(Conjunction c, HardBodyShape shape = HardBodyShape.Circle)
    {
        ArgumentNullException.ThrowIfNull(c);
        var comb = c.Primary.CovarianceEciM.PositionBlock + c.Secondary.CovarianceEciM.PositionBlock;
        var r = c.Primary.PositionM - c.Secondary.PositionM;
        var v = c.Primary.VelocityMS - c.Secondary.VelocityMS;
        var hbr = Math.Max(c.HardBodyRadiusM, 0);
        double Pc(Mat3 m) => Foster1992.ComputeRaw(c.Primary.PositionM, c.Secondary.PositionM, r, v, m, hbr, Pc2DQuadrature.Accurate, shape).Pc;
        var (max, logSf) = MaxOverScale(ls => Pc(Math.Exp(2 * ls) * comb));
        var diluted = logSf < 0;
        return (diluted ? max : Pc(comb), diluted);
    }

    private static (double Max, double LogSf) MaxOverScale(Func<double, double> f)
    {
        double best = double.NegativeInfinity, arg = 0;
        for (var ls = Math.Log(1e-4); ls <= Math.Log(1e4); ls += 0.1)
        {
            var y = f(ls);
            if (y > best) { best = y; arg = ls; }
        }
        // Golden-section refinement on [arg - 0.1, arg + 0.1].
        double a = arg - 0.1, b = arg + 0.1;
        var g = (Math.Sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a), x2 = a + g * (b - a);
        double f1 = f(x1), f2 = f(x2);
        for (var i = 0; i < 60; i++)
        {
            if (f1 > f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = f(x1); }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = f(x2); }
        }
        var xm = 0.5 * (a + b);
        var fm = f(xm);
        return fm > best ? (fm, xm) : (best, arg);
    }
}
