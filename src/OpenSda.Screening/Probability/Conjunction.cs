using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>One object of a conjunction: its ECI state at TCA and (optionally) its covariance.</summary>
/// <param name="StateEci">Position (km) and velocity (km/s) in an inertial frame (EME2000 for CDMs), at TCA.</param>
/// <param name="Covariance">Its covariance (m-based units, ECI or RTN), or null when unknown.</param>
public sealed record ConjunctionObject(StateVector StateEci, StateCovariance? Covariance)
{
    /// <summary>Builds an object from metre-based state components (CDM/CARA units).</summary>
    public static ConjunctionObject FromMeters(Vec3 positionM, Vec3 velocityMS, StateCovariance? covariance) =>
        new(new StateVector(positionM / 1000.0, velocityMS / 1000.0), covariance);

    internal Vec3 PositionM => StateEci.PositionKm * 1000.0;

    internal Vec3 VelocityMS => StateEci.VelocityKmS * 1000.0;

    /// <summary>The covariance in ECI, or the zero matrix when absent.</summary>
    internal Mat6 CovarianceEciM => Covariance is null ? Mat6.Zero : Covariance.ToEci(StateEci).ValuesM;

    /// <summary>
    /// The ECI position block of the covariance (m²; zero if absent): for RTN covariances R·P·Rᵀ with the RTN→ECI
    /// rotation R of this state, which equals the position block of the block-diagonal 6×6 rotation.
    /// </summary>
    internal Mat3 PositionCovarianceEciM => PositionCovarianceEciAt(StateEci.PositionKm, StateEci.VelocityKmS);

    /// <summary>As <see cref="PositionCovarianceEciM"/>, with an RTN covariance rotated along the given state (any units).</summary>
    internal Mat3 PositionCovarianceEciAt(Vec3 position, Vec3 velocity)
    {
        if (Covariance is null) return Mat3.Zero;
        if (Covariance.Frame == CovarianceFrame.Eci) return Covariance.PositionBlockM;
        var m = StateCovariance.RtnToEciRotation(position, velocity);
        return Covariance.PositionBlockM.Congruence(m).Symmetrized();
    }
}

/// <summary>
/// A conjunction at (or near) the time of closest approach: two objects and the combined hard-body radius.
/// </summary>
/// <param name="Primary">The primary (protected) object.</param>
/// <param name="Secondary">The secondary object.</param>
/// <param name="HardBodyRadiusM">Combined hard-body radius (m): the radius of the sphere enclosing both bodies.</param>
public sealed record Conjunction(ConjunctionObject Primary, ConjunctionObject Secondary, double HardBodyRadiusM)
{
    /// <summary>The same conjunction with primary and secondary exchanged.</summary>
    public Conjunction Swapped() => this with { Primary = Secondary, Secondary = Primary };

    /// <summary>The same conjunction with another hard-body radius.</summary>
    public Conjunction WithHardBodyRadius(double hbrM) => this with { HardBodyRadiusM = hbrM };

    /// <summary>True when either covariance was synthesised by <see cref="DefaultCovarianceModel"/>.</summary>
    public bool UsesDefaultCovariance =>
        Primary.Covariance?.Source == CovarianceSource.DefaultModel ||
        Secondary.Covariance?.Source == CovarianceSource.DefaultModel;

    /// <summary>
    /// CARA's linear TCA adjustment (FindNearbyCA): both objects are moved along straight lines by
    /// dt = −(r·v)/(v·v), where r = r₁−r₂ and v = v₁−v₂, so that the relative position is exactly
    /// perpendicular to the relative velocity. Covariances are unchanged. Returns dt (s) too.
    /// </summary>
    public (Conjunction Adjusted, double OffsetS) LinearTcaAdjusted()
    {
        var r = Primary.PositionM - Secondary.PositionM;
        var v = Primary.VelocityMS - Secondary.VelocityMS;
        var vv = v.NormSquared;
        if (vv == 0) return (this, 0);
        var dt = -Vec3.Dot(r, v) / vv;
        ConjunctionObject Move(ConjunctionObject o) => o with
        {
            StateEci = o.StateEci with { PositionKm = o.StateEci.PositionKm + o.StateEci.VelocityKmS * dt },
        };
        return (this with { Primary = Move(Primary), Secondary = Move(Secondary) }, dt);
    }
}
