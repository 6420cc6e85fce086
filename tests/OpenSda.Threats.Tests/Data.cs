using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Threats.Tests;

internal static class Data
{
    public static TimeScales Scales { get; } = TimeScales.LoadBundled();

    private static readonly Lazy<IReadOnlyList<MeanElements>> Iridium = new(() => Load("iridium33_cosmos2251_gp_history_2009.csv"));
    private static readonly Lazy<IReadOnlyList<MeanElements>> Catalog = new(() => Load("celestrak_on_orbit_20241101.csv"));

    /// <summary>Space-Track GP history of IRIDIUM 33 (24946) and COSMOS 2251 (22675), 2009-02-06 to 02-19.</summary>
    public static IReadOnlyList<MeanElements> IridiumCosmosHistory => Iridium.Value;

    /// <summary>CelesTrak on-orbit catalog of 2024-11-01.</summary>
    public static IReadOnlyList<MeanElements> Catalog20241101 => Catalog.Value;

    public static IReadOnlyList<MeanElements> Load(string name)
    {
        var r = CatalogLoader.LoadFile(SharedData.Data(name));
        Assert.True(r.Succeeded, r.FatalError);
        return r.Entries.Select(e => e.Elements).ToList();
    }

    public static Instant Utc(string iso) => Instant.ParseIso(iso, Scales.Utc);
}
