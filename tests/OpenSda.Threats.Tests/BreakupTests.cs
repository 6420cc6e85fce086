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

    [Fact]
    public void The_long_march_6a_breakup_is_dated_by_the_convergence_of_its_pieces_near_the_published_time_and_altitude()
    {
        // Published: LeoLabs (on X, 8 August 2024, quoted by SpaceNews and spaceweekly.com): "this event occurred on
        // 6 August at ~20:10 UTC at ~810 km". Launch 2024-140 lifted off on 6 August at about 06:42 UTC.
        // Data: the Space-Track catalog of 2024-09-17 holds 405 pieces of 2024-140 with elements 15–42 days after the
        // event; the 2024-11-01 catalog adds 223 (86 days after). The detector dates the burst from both.
        // The newest element set of the September catalog is of 2024-09-22, 47 days after the event: search 50 days back.
        var before = Data.Load("spacetrack_gp_20240917.tle");
        var events = BreakupDetector.FromCatalogs(before, Data.Catalog20241101, Data.Scales, new BreakupOptions { SearchDaysBefore = 50 });
        var ev = events.Single(e => e.Launch == "2024-140");
        var dating = ev.Dating!;
        var published = Data.Utc("2024-08-06T20:10:00Z");
        var errorH = ev.EstimatedTime!.Value.SecondsSince(published) / 3600;
        var where = ev.Location!.Value;
        output.WriteLine($"estimate {ev.EstimatedTime.Value.ToIsoString(Data.Scales.Utc, 0)} ({errorH:+0.00;-0.00} h from the published ~20:10Z), " +
                         $"lat {where.LatitudeDeg:F1} lon {where.LongitudeDeg:F1} h {where.HeightKm:F0} km, " +
                         $"spread {ev.DispersionKm:F0} km from {dating.PiecesUsed} of {dating.PiecesGiven} pieces");
        // The kept pieces converge tightly (the parent trace-back of the November fragments alone spread 5,900 km), at the
        // published altitude; the time lands about 3 h before LeoLabs' figure, and every subset of pieces (September only,
        // November only, both; keeping 10–40 %) gives 17:08–17:25Z: a consistent offset, what these element sets give.
        Assert.InRange(ev.DispersionKm, 0, 150);
        Assert.InRange(where.HeightKm, 810 - 40, 810 + 40);
        Assert.InRange(errorH, -3.5, 3.5);
        Assert.Equal(ev.EstimatedTime, dating.Time);
    }

    [Fact]
    public void Dating_from_pieces_alone_recovers_a_synthetic_event_without_the_parent_and_despite_outliers()
    {
        // 40 fragments of a 20 m/s breakup, fitted 10 days later; 4 unrelated objects (manoeuvred payloads) mixed in.
        var t0 = OpenSda.Time.JulianDate.FromCalendar(2024, 10, 1);
        var parent = new MeanElements
        {
            CatalogNumber = 90500, Name = "TEST R/B", InternationalDesignator = "2020-001B", EpochUtc = t0,
            MeanMotionRevPerDay = 14.3, Eccentricity = 0.001, InclinationDeg = 89, RaanDeg = 120, ArgPerigeeDeg = 30,
            MeanAnomalyDeg = 200, BStar = 1e-4,
        };
        var tb = t0.AddDays(1.37);
        new Sgp4Propagator(parent).Propagate(tb, out var r, out var v);
        var rng = new Random(11);
        var pieces = new List<MeanElements>();
        for (var k = 0; k < 40; k++)
        {
            var dv = new Vec3(SyntheticHistory.Gauss(rng), SyntheticHistory.Gauss(rng), SyntheticHistory.Gauss(rng)) * 0.02;
            var f = MeanElementFit.FromState(r, v + dv, tb, parent with { CatalogNumber = 91000 + k, BStar = 1e-4 * (1 + k % 5) })!;
            var later = tb.AddDays(10);
            new Sgp4Propagator(f).Propagate(later, out var r2, out var v2);
            pieces.Add(MeanElementFit.FromState(r2, v2, later, f)!);
        }
        for (var k = 0; k < 4; k++)
            pieces.Add(pieces[k] with { CatalogNumber = 93000 + k, MeanAnomalyDeg = (pieces[k].MeanAnomalyDeg + 40 + 30 * k) % 360 });
        var from = OpenSda.Time.Instant.FromJulianDate(t0, Data.Scales.Utc);
        var est = BreakupDating.Estimate(pieces, from, from.AddSeconds(5 * 86_400), Data.Scales)!;
        var truth = OpenSda.Time.Instant.FromJulianDate(tb, Data.Scales.Utc);
        output.WriteLine($"estimate {est.Time.ToIsoString(Data.Scales.Utc, 1)} (true {truth.ToIsoString(Data.Scales.Utc, 1)}), spread {est.SpreadKm:F3} km, {est.PiecesUsed} of {est.PiecesGiven} pieces");
        Assert.InRange(est.Time.SecondsSince(truth), -5, 5);
        Assert.InRange(est.SpreadKm, 0, 1);
        Assert.Equal(12, est.PiecesUsed); // 15 % of 44 is under the minimum of 12
    }
}
