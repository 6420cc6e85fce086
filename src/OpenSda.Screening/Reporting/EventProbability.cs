using OpenSda.Mathematics;
using OpenSda.Screening.Probability;
using OpenSda.Time;

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

    /// <summary>
    /// The conjunction at TCA with each object's provided covariance where <paramref name="provided"/> knows it
    /// (catalog number, TCA, the object's TEME state → covariance or null), else the default model for that object.
    /// </summary>
    public static Conjunction ToConjunction(ConjunctionEvent e, double hardBodyRadiusM, Func<int, JulianDate, StateVector, StateCovariance?>? provided)
    {
        ArgumentNullException.ThrowIfNull(e);
        var c = ToConjunction(e, hardBodyRadiusM);
        if (provided is null) return c;
        var p = provided(e.Primary.CatalogNumber, e.TcaUtc, e.PrimaryTeme);
        var s = provided(e.Secondary.CatalogNumber, e.TcaUtc, e.SecondaryTeme);
        return c with
        {
            Primary = p is null ? c.Primary : c.Primary with { Covariance = p },
            Secondary = s is null ? c.Secondary : c.Secondary with { Covariance = s },
        };
    }

    /// <summary>Pc2D of the event with provided covariances where known, default ones elsewhere.</summary>
    public static PcResult Pc2D(ConjunctionEvent e, double hardBodyRadiusM, Func<int, JulianDate, StateVector, StateCovariance?>? provided) =>
        CollisionProbability.Compute(ToConjunction(e, hardBodyRadiusM, provided), PcMethodNames.Pc2D);

    /// <summary>
    /// How the event's covariances were obtained, for output columns: "provided" (both supplied), "default" (both
    /// from <see cref="DefaultCovarianceModel"/>) or "mixed".
    /// </summary>
    public static string CovarianceLabel(Conjunction c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var defaults = (c.Primary.Covariance?.Source == CovarianceSource.DefaultModel ? 1 : 0)
            + (c.Secondary.Covariance?.Source == CovarianceSource.DefaultModel ? 1 : 0);
        return defaults switch { 0 => "provided", 2 => "default", _ => "mixed" };
    }
}
