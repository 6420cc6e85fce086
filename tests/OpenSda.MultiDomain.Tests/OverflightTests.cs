using OpenSda.Frames;
using Xunit.Abstractions;

namespace OpenSda.MultiDomain.Tests;

public class OverflightTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases => new()
    {
        { "circle", 25544 }, { "circle", 33591 }, { "circle", 24960 },
        { "polygon", 25544 }, { "polygon", 43013 }, { "polygon", 39634 },
    };

    private static AreaOfOperations Area(string kind) => kind == "circle"
        ? new CircleArea(50.45, 30.52, 300)
        : new PolygonArea([(44.0, 33.0), (46.0, 37.5), (48.5, 39.5), (49.5, 36.0), (47.0, 31.0), (44.0, 33.0)]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Overflight_windows_over_24_h_match_a_brute_force_one_second_scan_within_50_ms(string kind, int id)
    {
        var area = Area(kind);
        var sat = TestCatalog.Get(id);
        var t0 = TestCatalog.Snapshot;
        var options = new OverflightOptions { HalfAngleDeg = 45, MinElevationDeg = 5 };
        var found = OverflightFinder.Find([sat], area, t0, t0.AddSeconds(BruteForce.Seconds), TestCatalog.Scales, options).Items;
        var model = new OverflightFinder.AreaModel(area, 5 * Math.PI / 180, 45 * Math.PI / 180);
        var reference = BruteForce.Intervals(BruteForce.Itrf(sat).Select(model.Margin).ToArray());
        Assert.Equal(reference.Count, found.Count);
        var worst = 0.0;
        for (var k = 0; k < found.Count; k++)
        {
            var a = Math.Abs(found[k].Entry.SecondsSince(t0) - reference[k].Start);
            var b = Math.Abs(found[k].Exit.SecondsSince(t0) - reference[k].End);
            worst = Math.Max(worst, Math.Max(a, b));
            Assert.True(a < 0.05 && b < 0.05, $"overflight {k}: entry error {a:F4} s, exit error {b:F4} s");
            Assert.True(found[k].Entry <= found[k].Best && found[k].Best <= found[k].Exit);
            Assert.InRange(found[k].OffNadirDeg, 0, 45.01);
            Assert.InRange(found[k].ElevationDeg, 4.9, 90);
        }
        output.WriteLine($"{kind} {id}: {found.Count} overflights, worst entry/exit error {worst * 1000:F2} ms");
    }

    [Fact]
    public void A_satellite_passing_over_the_centre_is_seen_at_nadir_and_the_flag_follows_the_sun()
    {
        var t0 = TestCatalog.Snapshot;
        var area = new CircleArea(50.45, 30.52, 1000);
        var found = OverflightFinder.Find([TestCatalog.Get(33591)], area, t0, t0.AddSeconds(48 * 3600.0), TestCatalog.Scales).Items;
        Assert.NotEmpty(found);
        // A 1000 km circle is crossed by the ground track of a polar orbiter several times in two days.
        Assert.Contains(found, o => o.OffNadirDeg < 0.01 && o.ElevationDeg > 89.7); // the ground point is put on the ellipsoid; verticals differ by up to 0.19°
        Assert.All(found, o => Assert.InRange(o.OffNadirDeg, 0, 30.001));
        // Day and night passes both occur; the flag is the Sun's elevation at the centre.
        Assert.Contains(found, o => o.AreaSunlit);
        Assert.Contains(found, o => !o.AreaSunlit);
        Assert.All(found, o => Assert.Equal(o.SunElevationDeg > 0, o.AreaSunlit));
    }

    [Fact]
    public void The_full_catalog_over_a_circle_for_six_hours_finds_many_satellites_and_consistent_dark_windows()
    {
        var t0 = TestCatalog.Snapshot;
        var t1 = t0.AddSeconds(6 * 3600.0);
        var area = new CircleArea(50.45, 30.52, 200);
        var table = SatelliteTagTable.LoadBundled();
        var imaging = table.Select(TestCatalog.Elements, "imaging").Where(e => e.MeanMotionRevPerDay > 11.25).ToList();
        Assert.True(imaging.Count > 100, $"{imaging.Count} low-orbit imaging satellites");
        var result = OverflightFinder.Find(imaging, area, t0, t1, TestCatalog.Scales);
        Assert.NotEmpty(result.Items);
        var dark = DarkWindows.FromOverflights(result.Items, t0, t1);
        // No overflight intersects a dark window, and together they cover the whole window.
        foreach (var d in dark)
            Assert.DoesNotContain(result.Items, o => o.Entry < d.End && o.Exit > d.Start);
        Assert.NotEmpty(dark);
        var busy = DarkWindows.Compute(dark, t0, t1);
        Assert.True(busy.Sum(b => b.Duration.TotalSeconds) + dark.Sum(d => d.Duration.TotalSeconds) - 21_600 < 1e-3);
        output.WriteLine($"{imaging.Count} imaging satellites: {result.Items.Count} overflights, {dark.Count} dark windows, {result.PropagationCount} propagations");
    }
}
