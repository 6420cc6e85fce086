namespace OpenSda.Screening.Probability;

/// <summary>
/// Chan (1997), "Collision probability analyses for Earth-orbiting satellites", Adv. Astronaut. Sci. 96
/// (also Chan 2008, <i>Spacecraft Collision Probability</i>, Aerospace Press, ch. 5): the 2-D Gaussian over the
/// HBR circle is replaced by an isotropic one over the circle of equal Mahalanobis area, which gives the
/// Rician/Poisson series
/// Pc = e^{−v/2} Σ_{m≥0} (v/2)^m/m! · [1 − e^{−u/2} Σ_{k=0}^{m} (u/2)^k/k!],
/// u = R²/(σx σz), v = xm²/σx² + zm²/σz² (Chan 2008 eq. 5.35 with its definitions of u and v).
/// </summary>
/// <remarks>
/// By default the series is truncated at Chan's recommended number of terms (as Orekit's Chan1997 does); it is
/// summed in logarithms (each term is a Poisson weight of mean v/2 times an
/// upper Poisson tail of mean u/2), so it stays finite down to ~1e-300. Chan's approximation is accurate when
/// HBR is small against the sigmas and the ellipse is not very elongated; for Alfano (2009) case 5
/// (σx/σz ≈ 4800) it gives 1.7e-202 against the exact 4.45e-2. Results for aspect ratios above
/// <see cref="ElongationWarningRatio"/> carry <see cref="PcUsageFlags.ChanElongatedEllipse"/>.
/// </remarks>
public static class Chan1997
{
    /// <summary>Aspect ratio σmax/σmin above which the result is flagged.</summary>
    public const double ElongationWarningRatio = 20;

    /// <summary>Chan Pc of a conjunction (encounter plane as in <see cref="Foster1992"/>, TCA adjusted).</summary>
    /// <param name="conjunction">The conjunction.</param>
    /// <param name="terms">Series terms (null: Chan's recommendation; 0: to convergence).</param>
    public static PcResult Compute(Conjunction conjunction, int? terms = null)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        var (c, _) = conjunction.LinearTcaAdjusted();
        var (_, plane) = Foster1992.ComputeRaw(c, Pc2DQuadrature.Accurate, HardBodyShape.Circle);
        var flags = UsageViolations.Assess(c);
        var notes = new List<string>();
        if (plane is null) return new PcResult(double.NaN, PcMethodNames.Chan, flags | PcUsageFlags.ZeroRelativeVelocity, ["zero relative velocity"]);
        if (plane.IsRemediated) flags |= PcUsageFlags.NonPositiveDefiniteCovariance;
        if (c.UsesDefaultCovariance) flags |= PcUsageFlags.DefaultCovariance;
        if (c.Primary.Covariance is null || c.Secondary.Covariance is null) flags |= PcUsageFlags.MissingCovariance;
        if (plane.SigmaXM > ElongationWarningRatio * plane.SigmaZM)
        {
            flags |= PcUsageFlags.ChanElongatedEllipse;
            notes.Add("covariance ellipse very elongated: Chan's equivalent-circle approximation is unreliable");
        }
        var pc = Series(plane.XmM, plane.ZmM, plane.SigmaXM, plane.SigmaZM, Math.Max(c.HardBodyRadiusM, 0), terms);
        return new PcResult(pc, PcMethodNames.Chan, flags, notes) { Plane = plane };
    }

    /// <summary>
    /// Chan's recommended number of series terms M (Chan 2008, §5.5): 3 when u ≤ 0.01 or v ≤ 1; 10 when
    /// u ≤ 1 or v ≤ 9; 20 when u ≤ 25 or v ≤ 25; otherwise 60.
    /// </summary>
    public static int RecommendedTerms(double u, double v) =>
        u <= 0.01 || v <= 1 ? 3 : u <= 1 || v <= 9 ? 10 : u <= 25 || v <= 25 ? 20 : 60;

    /// <summary>
    /// Chan's series for a miss (xm, zm) on the principal axes with sigmas (σx, σz) and radius R, truncated at
    /// <paramref name="terms"/> terms (null: Chan's recommendation <see cref="RecommendedTerms"/>; 0: summed to convergence).
    /// </summary>
    public static double Series(double xm, double zm, double sx, double sz, double hbr, int? terms = null)
    {
        if (hbr == 0) return 0;
        if (double.IsPositiveInfinity(hbr)) return 1;
        var lu = 0.5 * hbr * hbr / (sx * sz);
        var lv = 0.5 * ((xm / sx) * (xm / sx) + (zm / sz) * (zm / sz));
        if (double.IsNaN(lu) || double.IsNaN(lv)) return double.NaN;

        // Outer cut-off: Chan's recommendation, or where Poisson(lv) weights become negligible.
        var n = terms ?? RecommendedTerms(2 * lu, 2 * lv);
        var mMax = n > 0 ? n - 1 : (int)Math.Ceiling(lv + 40 * Math.Sqrt(lv + 1) + 60);
        var kMax = mMax + (int)Math.Ceiling(lu + 40 * Math.Sqrt(lu + 1) + 60);

        // log Q(m) = log P(Poisson(lu) > m), from the top down (sum of positive terms, smallest first).
        var logQ = new double[mMax + 1];
        var lnLu = Math.Log(lu);
        var lnFact = 0.0;
        var logPmf = new double[kMax + 1];
        for (var k = 0; k <= kMax; k++)
        {
            if (k > 0) lnFact += Math.Log(k);
            logPmf[k] = -lu + k * lnLu - lnFact;
        }
        var acc = double.NegativeInfinity;
        for (var k = kMax; k >= 1; k--)
        {
            acc = LogAdd(acc, logPmf[k]);
            if (k - 1 <= mMax) logQ[k - 1] = acc;
        }

        var lnLv = Math.Log(lv);
        var total = double.NegativeInfinity;
        var lnFactM = 0.0;
        for (var m = 0; m <= mMax; m++)
        {
            if (m > 0) lnFactM += Math.Log(m);
            var logW = lv == 0 ? (m == 0 ? 0 : double.NegativeInfinity) : -lv + m * lnLv - lnFactM;
            total = LogAdd(total, logW + logQ[m]);
        }
        return Math.Exp(total);
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }
}
