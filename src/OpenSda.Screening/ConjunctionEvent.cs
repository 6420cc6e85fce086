using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Screening;

/// <summary>Identity of one screened object, as its element set gives it.</summary>
/// <param name="CatalogNumber">NORAD catalog number.</param>
/// <param name="Name">Object name, when known.</param>
/// <param name="InternationalDesignator">COSPAR designator (e.g. 1998-067A), when known.</param>
/// <param name="EpochUtc">Epoch of the element set used.</param>
public sealed record ScreenedObject(int CatalogNumber, string? Name, string? InternationalDesignator, JulianDate EpochUtc);

/// <summary>
/// One conjunction: a local minimum of the SGP4 position range of two objects, strictly inside the
/// window, no farther apart than the threshold.
/// </summary>
public sealed record ConjunctionEvent
{
    /// <summary>
    /// The primary: in one-against-all mode the listed primary (the lower catalog number if both are);
    /// in all-vs-all mode the lower catalog number. The RTN frame is the primary's.
    /// </summary>
    public required ScreenedObject Primary { get; init; }

    /// <summary>The other object.</summary>
    public required ScreenedObject Secondary { get; init; }

    /// <summary>Time of closest approach, UTC.</summary>
    public required JulianDate TcaUtc { get; init; }

    /// <summary>TCA as seconds from the window start.</summary>
    public required double TcaSecondsFromStart { get; init; }

    /// <summary>Minimum range |r_s − r_p| at TCA, km, from SGP4 positions (within 1 m of the true SGP4 minimum).</summary>
    public required double MissKm { get; init; }

    /// <summary>|v_s − v_p| at TCA, km/s, from SGP4 velocities.</summary>
    public required double RelativeSpeedKmS { get; init; }

    /// <summary>
    /// Miss vector r_s − r_p at TCA, km, in the primary's RTN frame: X = radial (r̂), Y = transverse
    /// (ĥ × r̂, along-track for a circular orbit), Z = normal (ĥ = r × v / |r × v|).
    /// </summary>
    public required Vec3 MissRtnKm { get; init; }

    /// <summary>Age of the primary's element set at TCA, days (TCA − epoch; negative if the epoch is later).</summary>
    public required double PrimaryElementAgeDays { get; init; }

    /// <summary>Age of the secondary's element set at TCA, days.</summary>
    public required double SecondaryElementAgeDays { get; init; }

    /// <summary>Relative speed below 10 m/s: the minimum is flat and TCA is imprecise; Pc needs care.</summary>
    public bool IsLowRelativeSpeed => RelativeSpeedKmS < LowRelativeSpeedKmS;

    /// <summary>Primary TEME state at TCA (km, km/s).</summary>
    public required StateVector PrimaryTeme { get; init; }

    /// <summary>Secondary TEME state at TCA (km, km/s).</summary>
    public required StateVector SecondaryTeme { get; init; }

    /// <summary>The low-relative-speed flag's limit, 0.01 km/s.</summary>
    public const double LowRelativeSpeedKmS = 0.01;
}
