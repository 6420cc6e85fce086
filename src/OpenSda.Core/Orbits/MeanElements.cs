using OpenSda.Time;

namespace OpenSda.Orbits;

/// <summary>
/// One general-perturbations (GP) mean element set, as published in a TLE or a CCSDS OMM with
/// <c>MEAN_ELEMENT_THEORY = SGP4</c>. Angles are in degrees and mean motion in revolutions per day,
/// exactly as published; SGP4 converts them. This is the contract between the format readers and
/// the propagators.
/// </summary>
public sealed record MeanElements
{
    /// <summary>NORAD/18 SDS catalog number, up to 9 digits (Alpha-5 decoded: A0000 = 100000).</summary>
    public required int CatalogNumber { get; init; }

    /// <summary>Object name, when the source gives one (3LE line 0, OMM OBJECT_NAME).</summary>
    public string? Name { get; init; }

    /// <summary>International (COSPAR) designator in the long form <c>1998-067A</c>, or null when blank.</summary>
    public string? InternationalDesignator { get; init; }

    /// <summary>Classification: U, C, S.</summary>
    public char Classification { get; init; } = 'U';

    /// <summary>Epoch as a two-part UTC Julian date.</summary>
    public required JulianDate EpochUtc { get; init; }

    /// <summary>Mean motion, revolutions per day.</summary>
    public required double MeanMotionRevPerDay { get; init; }

    /// <summary>Eccentricity, dimensionless.</summary>
    public required double Eccentricity { get; init; }

    public required double InclinationDeg { get; init; }
    public required double RaanDeg { get; init; }
    public required double ArgPerigeeDeg { get; init; }
    public required double MeanAnomalyDeg { get; init; }

    /// <summary>SGP4 drag term B*, in inverse Earth radii.</summary>
    public double BStar { get; init; }

    /// <summary>First derivative of mean motion divided by 2, rev/day² (TLE line 1 field).</summary>
    public double MeanMotionDot { get; init; }

    /// <summary>Second derivative of mean motion divided by 6, rev/day³ (TLE line 1 field).</summary>
    public double MeanMotionDDot { get; init; }

    public int ElementSetNumber { get; init; }
    public int RevolutionNumber { get; init; }
    public int EphemerisType { get; init; }
}
