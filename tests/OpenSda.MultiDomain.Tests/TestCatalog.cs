using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.MultiDomain.Tests;

/// <summary>The 2024-11-01 CelesTrak catalog from shared/data, loaded once.</summary>
internal static class TestCatalog
{
    private static readonly Lazy<IReadOnlyList<MeanElements>> All = new(() =>
        CatalogLoader.LoadFile(SharedData.Data("celestrak_on_orbit_20241101.csv")).Entries.Select(e => e.Elements).ToList());

    public static IReadOnlyList<MeanElements> Elements => All.Value;

    public static MeanElements Get(int id) => All.Value.Single(e => e.CatalogNumber == id);

    public static TimeScales Scales { get; } = TimeScales.LoadBundled();

    public static Instant Snapshot => Instant.ParseIso("2024-11-01T00:00:00Z", Scales.Utc);
}
