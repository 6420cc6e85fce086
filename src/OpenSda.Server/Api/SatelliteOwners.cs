using System.Collections.Concurrent;
using OpenSda.MultiDomain;
using OpenSda.Orbits;

namespace OpenSda.Server.Api;

/// <summary>
/// The owner/country of catalog objects from the bundled owner table (<c>data/satellite-owners.csv</c>, SATCAT owner codes),
/// as <c>opensda overflight --owner</c> uses it; looked up once per (catalog number, name) and remembered.
/// </summary>
internal static class SatelliteOwners
{
    /// <summary>The code shown when the table does not know an object.</summary>
    public const string Unknown = "UNKNOWN";

    public static readonly Lazy<SatelliteOwnerTable> Table = new(SatelliteOwnerTable.LoadBundled);
    private static readonly ConcurrentDictionary<(int, string?), string> Memo = new();

    /// <summary>The owner code of an object, or <see cref="Unknown"/>.</summary>
    public static string Of(int noradId, string? name) =>
        Memo.GetOrAdd((noradId, name), k => Table.Value.OwnerOf(Identity(k.Item1, k.Item2)) ?? Unknown);

    /// <summary>An element-set-shaped identity (catalog number and name) for the owner and tag tables and name patterns (also of ephemeris-only objects).</summary>
    public static MeanElements Identity(int noradId, string? name) => new()
    {
        CatalogNumber = noradId, Name = name, EpochUtc = default, MeanMotionRevPerDay = 0, Eccentricity = 0,
        InclinationDeg = 0, RaanDeg = 0, ArgPerigeeDeg = 0, MeanAnomalyDeg = 0,
    };
}
