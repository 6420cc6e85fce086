using OpenSda.Formats.Catalog;
using OpenSda.Testing;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Screening.Tests;

/// <summary>
/// Historic collisions screened from the last element sets published before each event
/// (shared/data/historic_collisions_last_tles.3le). SGP4 from GP elements is accurate to a few km a
/// day after epoch, so the predicted miss is km-level even for a real collision.
/// </summary>
public sealed class HistoricBacktestTests(ITestOutputHelper output)
{
    private static List<OpenSda.Orbits.MeanElements> Load()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("historic_collisions_last_tles.3le"));
        Assert.True(r.Succeeded, r.FatalError);
        return r.Entries.Select(e => e.Elements).ToList();
    }

    [Fact]
    public void Iridium_33_and_Cosmos_2251_are_found_on_2009_02_10_near_16_56_UTC()
    {
        var els = Load().Where(e => e.CatalogNumber is 24946 or 22675).ToList();
        var result = ConjunctionScreener.Screen(els, new ScreeningOptions
        {
            StartUtc = JulianDate.FromCalendar(2009, 2, 10), Duration = TimeSpan.FromDays(1), ThresholdKm = 10,
        });
        foreach (var e in result.Events) output.WriteLine(Describe(e));
        var hit = Assert.Single(result.Events, e => Math.Abs(e.TcaSecondsFromStart - (16 * 3600 + 56 * 60)) < 600);
        Assert.Equal(22675, hit.Primary.CatalogNumber);
        Assert.Equal(24946, hit.Secondary.CatalogNumber);
        Assert.True(hit.MissKm < 5, $"miss {hit.MissKm} km");
        Assert.InRange(hit.RelativeSpeedKmS, 11.0, 12.5); // the collision closed at about 11.7 km/s
    }

    [Fact]
    public void CERISE_and_the_Ariane_1_debris_have_their_close_passes_on_1996_07_24()
    {
        var els = Load().Where(e => e.CatalogNumber is 23606 or 18208).ToList();
        var result = ConjunctionScreener.Screen(els, new ScreeningOptions
        {
            StartUtc = JulianDate.FromCalendar(1996, 7, 24), Duration = TimeSpan.FromDays(1), ThresholdKm = 50,
        });
        foreach (var e in result.Events) output.WriteLine(Describe(e));
        Assert.NotEmpty(result.Events);
        Assert.All(result.Events, e => Assert.Equal(1996, e.TcaUtc.ToCalendar().Year));
        Assert.Contains(result.Events, e => e.MissKm < 10);
    }

    private static string Describe(ConjunctionEvent e)
    {
        var (y, mo, d, h, mi, s) = e.TcaUtc.ToCalendar();
        return FormattableString.Invariant(
            $"{e.Primary.CatalogNumber} {e.Primary.Name} / {e.Secondary.CatalogNumber} {e.Secondary.Name}: TCA {y:D4}-{mo:D2}-{d:D2}T{h:D2}:{mi:D2}:{s:00.000}Z miss {e.MissKm:F3} km v {e.RelativeSpeedKmS:F3} km/s RTN ({e.MissRtnKm.X:F3}, {e.MissRtnKm.Y:F3}, {e.MissRtnKm.Z:F3}) ages {e.PrimaryElementAgeDays:F3}/{e.SecondaryElementAgeDays:F3} d");
    }
}
