using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using Xunit.Abstractions;

namespace OpenSda.Threats.Tests;

public class BreakupTests(ITestOutputHelper output)
{
    [Fact]
    public void A_synthetic_fragmentation_is_found_with_its_parent_time_and_place()
    {
        // Parent: a rocket body at 800 km, 98°. At t_b it releases 30 fragments with 20 m/s random Δv; the "after" catalog
        // has them as element sets fitted 2 days later.
        var t0 = OpenSda.Time.JulianDate.FromCalendar(2024, 10, 1);
        var parent = new MeanElements
        {
            CatalogNumber = 90500, Name = "TEST R/B", InternationalDesignator = "2020-001B", EpochUtc = t0,
            MeanMotionRevPerDay = 14.3, Eccentricity = 0.001, InclinationDeg = 98.5, RaanDeg = 120, ArgPerigeeDeg = 30,
            MeanAnomalyDeg = 200, BStar = 1e-5,
        };
        var payload = parent with { CatalogNumber = 90499, Name = "TEST SAT", InternationalDesignator = "2020-001A", RaanDeg = 150 };
        var tb = t0.AddDays(3.3);
        var p = new Sgp4Propagator(parent);
        p.Propagate(tb, out var r, out var v);
        var rng = new Random(3);
        var fragments = new List<MeanElements>();
        for (var k = 0; k < 30; k++)
        {
            var dv = new Vec3(SyntheticHistory.Gauss(rng), SyntheticHistory.Gauss(rng), SyntheticHistory.Gauss(rng)) * 0.02;
            var f = MeanElementFit.FromState(r, v + dv, tb, parent with { CatalogNumber = 91000 + k, Name = "TEST DEB", InternationalDesignator = $"2020-001{(char)('C' + k % 20)}{(char)('A' + k / 20)}" })!;
            var fp = new Sgp4Propagator(f);
            var later = tb.AddDays(2);
            fp.Propagate(later, out var r2, out var v2);
            fragments.Add(MeanElementFit.FromState(r2, v2, later, f)!);
        }
        var other = parent with { CatalogNumber = 92000, InternationalDesignator = "2024-200A" };
        var newLaunch = Enumerable.Range(0, 10).Select(k => other with { CatalogNumber = 92000 + k, InternationalDesignator = $"2024-200{(char)('A' + k)}" });
        MeanElements[] before = [parent, payload];
        var after = before.Concat(fragments).Concat(newLaunch).ToList();
        var events = BreakupDetector.FromCatalogs(before, after, Data.Scales);
        var ev = Assert.Single(events); // the new launch 2024-200 is not a breakup
        Assert.Equal("2020-001", ev.Launch);
        Assert.Equal(90500, ev.ParentCatalogNumber);
        Assert.Equal(30, ev.NewFragments.Count);
        var tbInstant = OpenSda.Time.Instant.FromJulianDate(tb, Data.Scales.Utc);
        output.WriteLine($"event {ev.EstimatedTime!.Value.ToIsoString(Data.Scales.Utc, 1)} (true {tbInstant.ToIsoString(Data.Scales.Utc, 1)}), dispersion {ev.DispersionKm:F3} km, at {ev.Location}");
        Assert.True(Math.Abs(ev.EstimatedTime.Value.SecondsSince(tbInstant)) < 5);
        Assert.True(ev.DispersionKm < 1);
        var path = Path.Combine(Path.GetTempPath(), $"gabbard-{Guid.NewGuid():N}.png");
        try
        {
            GabbardDiagram.SavePng(fragments, path, "Synthetic breakup", parent);
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 5_000);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_long_march_6a_breakup_of_august_2024_shows_as_a_burst_between_the_september_and_november_catalogs()
    {
        // The CZ-6A upper stage of launch 2024-140 (6 August 2024, Qianfan) fragmented shortly after launch; hundreds of
        // pieces were catalogued over the following months. New launches between the catalogs are not bursts.
        var before = Data.Load("spacetrack_gp_20240917.tle");
        var after = Data.Catalog20241101;
        var events = BreakupDetector.FromCatalogs(before, after, Data.Scales, new BreakupOptions { SearchDaysBefore = 45 });
        foreach (var e in events.Take(5))
            output.WriteLine($"{e.Launch}: {e.NewFragments.Count} new, parent {e.ParentCatalogNumber} {e.ParentName}, trace-back {e.EstimatedTime?.ToIsoString(Data.Scales.Utc, 0)} dispersion {e.DispersionKm:F0} km");
        var lm6a = events[0];
        Assert.Equal("2024-140", lm6a.Launch);
        Assert.True(lm6a.NewFragments.Count > 200);
        Assert.DoesNotContain(events, e => string.CompareOrdinal(e.Launch, "2024-165") > 0 && e.Launch.StartsWith("2024-", StringComparison.Ordinal));
    }
}
