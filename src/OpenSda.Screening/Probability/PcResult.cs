namespace OpenSda.Screening.Probability;

/// <summary>
/// Conditions under which a Pc method's assumptions are doubtful (after CARA's "usage violation" checks,
/// Hall et al. 2023, AAS 23-398 §"Usage violations"). Flags never change the number; they say how far to
/// trust it.
/// </summary>
[Flags]
public enum PcUsageFlags
{
    /// <summary>No concern found.</summary>
    None = 0,

    /// <summary>The projected 2×2 covariance was not positive definite and eigenvalues were clipped.</summary>
    NonPositiveDefiniteCovariance = 1 << 0,

    /// <summary>Relative speed below <see cref="UsageViolations.LowRelativeSpeedMS"/>: the encounter is slow and the
    /// straight-line, short-encounter model of the 2-D methods is suspect.</summary>
    LowRelativeSpeed = 1 << 1,

    /// <summary>The effective encounter duration is a sizeable fraction of an orbital period (curvature matters).</summary>
    ExtendedEncounter = 1 << 2,

    /// <summary>The reported TCA is far from the linear closest approach compared with the encounter duration.</summary>
    TcaOffset = 1 << 3,

    /// <summary>At least one covariance was missing and a bound or a default model was used.</summary>
    MissingCovariance = 1 << 4,

    /// <summary>At least one covariance came from <see cref="DefaultCovarianceModel"/>.</summary>
    DefaultCovariance = 1 << 5,

    /// <summary>Velocity covariances are absent: methods needing 6×6 covariances are not applicable.</summary>
    PositionOnlyCovariance = 1 << 6,

    /// <summary>The Chan series is used where it is known to be inaccurate (very elongated ellipse).</summary>
    ChanElongatedEllipse = 1 << 7,

    /// <summary>Relative velocity is zero: the encounter plane is undefined.</summary>
    ZeroRelativeVelocity = 1 << 8,

    /// <summary>A numerical procedure did not converge.</summary>
    NotConverged = 1 << 9,
}

/// <summary>Names of the methods as used on the command line (<c>opensda pc --method NAME</c>).</summary>
public static class PcMethodNames
{
    /// <summary>Foster &amp; Estes (1992) exact 2-D circle integral.</summary>
    public const string Pc2D = "pc2d";

    /// <summary>Chan (1997) series.</summary>
    public const string Chan = "chan";

    /// <summary>Alfano (2005) maximum Pc (no covariance) or Frisbee (2015) (one covariance).</summary>
    public const string Max = "max";

    /// <summary>Monte Carlo at TCA with linear motion.</summary>
    public const string MonteCarlo = "mc";

    /// <summary>Hall (2021) 3-D expected number of collisions.</summary>
    public const string Nc3D = "nc3d";

    /// <summary>Hall (2021) 2-D expected number of collisions (CARA Pc2D_Hall; Hall, Baars &amp; Casali 2023).</summary>
    public const string Nc2D = "nc2d";

    /// <summary>All accepted names.</summary>
    public static IReadOnlyList<string> All { get; } = [Pc2D, Chan, Max, MonteCarlo, Nc3D, Nc2D];
}

/// <summary>The outcome of one collision-probability computation.</summary>
/// <param name="Pc">The probability of collision (or expected number of collisions for <c>nc3d</c>). NaN when undefined.</param>
/// <param name="Method">The method name (<see cref="PcMethodNames"/>).</param>
/// <param name="Flags">Usage concerns.</param>
/// <param name="Notes">Human-readable remarks (what was approximated, clipped, assumed).</param>
public sealed record PcResult(double Pc, string Method, PcUsageFlags Flags, IReadOnlyList<string> Notes)
{
    /// <summary>Lower end of a 95 % confidence interval (Monte Carlo only).</summary>
    public double? Lower95 { get; init; }

    /// <summary>Upper end of a 95 % confidence interval (Monte Carlo only).</summary>
    public double? Upper95 { get; init; }

    /// <summary>Monte Carlo sample count.</summary>
    public long? Samples { get; init; }

    /// <summary>Monte Carlo hit count.</summary>
    public long? Hits { get; init; }

    /// <summary>The encounter-plane geometry used by 2-D methods.</summary>
    public EncounterPlane? Plane { get; init; }

    /// <summary>True when a covariance from <see cref="DefaultCovarianceModel"/> was used: the Pc is an assumption, not a measurement.</summary>
    public bool UsesDefaultCovariance => (Flags & PcUsageFlags.DefaultCovariance) != 0;
}
