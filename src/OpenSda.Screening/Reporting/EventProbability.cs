using OpenSda.Screening.Probability;

namespace OpenSda.Screening.Reporting;

/// <summary>
/// Collision probability for a screening event. GP element sets carry no covariance, so each object
/// gets the documented <see cref="DefaultCovarianceModel"/> for its kind and its element-set age at
/// TCA; such results carry <see cref="PcUsageFlags.DefaultCovariance"/> and are indicative, for
/// ranking. Where an operator supplies a covariance (a CDM, an OEM covariance block), callers build
/// the <see cref="Conjunction"/> with it instead.
/// </summary>
public static class EventProbability
{
    /// <summary>Default combined hard-body radius, metres: 10 m, a common planning value for unknown objects.</summary>
    public const double DefaultHardBodyRadiusM = 10.0;

    /// <summary>
    /// Object kind from its catalog name, as CelesTrak and Space-Track name them: "… DEB" debris,
    /// "… R/B" rocket bodies, anything else a payload; no name, unknown.
    /// </summary>
    public static ObjectKind KindFromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return ObjectKind.Unknown;
        if (name.Contains(" DEB", StringComparison.OrdinalIgnoreCase) || name.EndsWith("DEB", StringComparison.OrdinalIgnoreCase))
            return ObjectKind.Debris;
        if (name.Contains("R/B", StringComparison.OrdinalIgnoreCase) || name.Contains("AKM", StringComparison.OrdinalIgnoreCase))
            return ObjectKind.RocketBody;
        return ObjectKind.Payload;
    }

    /// <summary>The conjunction at TCA with default covariances (TEME is used as the inertial frame).</summary>
    public static Conjunction ToConjunction(ConjunctionEvent e, double hardBodyRadiusM = DefaultHardBodyRadiusM)
    {
        ArgumentNullException.ThrowIfNull(e);
        var p = new ConjunctionObject(e.PrimaryTeme,
            DefaultCovarianceModel.For(KindFromName(e.Primary.Name), e.PrimaryElementAgeDays, e.PrimaryTeme));
        var s = new ConjunctionObject(e.SecondaryTeme,
            DefaultCovarianceModel.For(KindFromName(e.Secondary.Name), e.SecondaryElementAgeDays, e.SecondaryTeme));
        return new Conjunction(p, s, hardBodyRadiusM);
    }

    /// <summary>Pc2D (Foster 1992, CARA conventions) of the event with default covariances.</summary>
    public static PcResult Pc2D(ConjunctionEvent e, double hardBodyRadiusM = DefaultHardBodyRadiusM) =>
        CollisionProbability.Compute(ToConjunction(e, hardBodyRadiusM), PcMethodNames.Pc2D);
}
