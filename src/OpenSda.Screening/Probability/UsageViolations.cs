using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// Checks of the 2-D (short-encounter, straight-line) assumptions, after the ideas of CARA's
/// <c>UsageViolationPc2D</c> (Hall, Baars &amp; Casali 2023, AAS 23-398) and Coppola (2012b, AAS 12-248,
/// "Evaluating the short encounter assumption"). The thresholds are OpenSDA engineering choices, stated here:
/// <list type="bullet">
/// <item>low relative speed: |v₁−v₂| &lt; <see cref="LowRelativeSpeedMS"/>;</item>
/// <item>extended encounter: the effective duration Δt = 2·(γσ_v + HBR)/|v| (σ_v = combined position sigma
/// along the relative velocity, γ = <see cref="DurationSigmas"/>) exceeds <see cref="ExtendedFractionOfPeriod"/> of
/// the shorter osculating orbital period;</item>
/// <item>TCA offset: the linear TCA correction exceeds 10 % of Δt.</item>
/// </list>
/// </summary>
public static class UsageViolations
{
    /// <summary>Relative speed below which the encounter is flagged as slow (m/s).</summary>
    public const double LowRelativeSpeedMS = 100.0;

    /// <summary>Number of sigmas defining the effective encounter duration.</summary>
    public const double DurationSigmas = 5.0;

    /// <summary>Fraction of the orbital period above which the encounter is "extended".</summary>
    public const double ExtendedFractionOfPeriod = 0.01;

    /// <summary>Earth's gravitational parameter (m³/s², EGM-96/WGS-84 value).</summary>
    public const double EarthMuM3S2 = 3.986004418e14;

    /// <summary>Effective encounter duration (s) as defined in the class remarks (NaN if undefined).</summary>
    public static double EncounterDurationS(Conjunction c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var cov = c.Primary.PositionCovarianceEciM + c.Secondary.PositionCovarianceEciM;
        return EncounterDurationS(c.Primary.VelocityMS - c.Secondary.VelocityMS, cov, c.HardBodyRadiusM);
    }

    private static double EncounterDurationS(Vec3 v, Mat3 cov, double hbrM)
    {
        var vmag = v.Norm;
        if (vmag == 0) return double.PositiveInfinity;
        var y = v / vmag;
        var sigV = Math.Sqrt(Math.Max(cov.Bilinear(y, y), 0));
        return 2 * (DurationSigmas * sigV + Math.Max(hbrM, 0)) / vmag;
    }

    /// <summary>Osculating two-body period (s) of a state in metres; +∞ when not elliptic.</summary>
    public static double PeriodS(Vec3 rM, Vec3 vMS)
    {
        var inv = 2 / rM.Norm - vMS.NormSquared / EarthMuM3S2;
        if (inv <= 0) return double.PositiveInfinity;
        var a = 1 / inv;
        return 2 * Math.PI * Math.Sqrt(a * a * a / EarthMuM3S2);
    }

    /// <summary>Flags for the 2-D assumptions of a conjunction.</summary>
    public static PcUsageFlags Assess(Conjunction c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var positionOnly = (c.Primary.Covariance?.IsPositionOnly ?? true) || (c.Secondary.Covariance?.IsPositionOnly ?? true);
        return Assess(c.Primary.PositionM, c.Primary.VelocityMS, c.Secondary.PositionM, c.Secondary.VelocityMS,
            c.Primary.PositionCovarianceEciM + c.Secondary.PositionCovarianceEciM, c.HardBodyRadiusM, positionOnly);
    }

    /// <summary><see cref="Assess(Conjunction)"/> from the states (m, m/s) and combined ECI position covariance (m²).</summary>
    internal static PcUsageFlags Assess(Vec3 r1, Vec3 v1, Vec3 r2, Vec3 v2, Mat3 combinedCovM2, double hbrM, bool positionOnly)
    {
        var flags = PcUsageFlags.None;
        var v = v1 - v2;
        var vmag = v.Norm;
        if (vmag == 0) return PcUsageFlags.ZeroRelativeVelocity;
        if (vmag < LowRelativeSpeedMS) flags |= PcUsageFlags.LowRelativeSpeed;
        var dur = EncounterDurationS(v, combinedCovM2, hbrM);
        var period = Math.Min(PeriodS(r1, v1), PeriodS(r2, v2));
        if (dur > ExtendedFractionOfPeriod * period) flags |= PcUsageFlags.ExtendedEncounter;
        var r = r1 - r2;
        var dt = Math.Abs(Vec3.Dot(r, v) / (vmag * vmag));
        if (dt > 0.1 * dur) flags |= PcUsageFlags.TcaOffset;
        if (positionOnly) flags |= PcUsageFlags.PositionOnlyCovariance;
        return flags;
    }
}
