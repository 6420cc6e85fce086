using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Testing;

namespace OpenSda.Screening.Tests;

/// <summary>The 2024-11-01 CelesTrak catalog, loaded once per test run.</summary>
public static class Catalog20241101
{
    private static readonly Lazy<IReadOnlyList<MeanElements>> All = new(() =>
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("celestrak_on_orbit_20241101.csv"));
        Assert.True(r.Succeeded, r.FatalError);
        return r.Entries.Select(e => e.Elements).ToList();
    });

    public static IReadOnlyList<MeanElements> Elements => All.Value;

    /// <summary>Perigee and apogee altitudes (km) from the mean motion and eccentricity (two-body).</summary>
    public static (double Perigee, double Apogee) Altitudes(MeanElements e)
    {
        var n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400;
        var a = Math.Cbrt(398600.8 / (n * n));
        return (a * (1 - e.Eccentricity) - 6378.135, a * (1 + e.Eccentricity) - 6378.135);
    }
}
