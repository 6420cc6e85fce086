using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits.Sgp4;
using Xunit.Abstractions;

namespace OpenSda.MultiDomain.Tests;

public class PassTests(ITestOutputHelper output)
{
    private static readonly GroundSite Paris = new(new GeodeticPoint(48.8566, 2.3522, 0.035), "Paris");

    /// <summary>Elevation by the second, independent formulation: SEZ rotation (Vallado Eq. 4-4) of the FrameTree ITRF position.</summary>
    private static double ElevationSez(GroundSite site, Vec3 itrf)
    {
        var rho = itrf - site.PositionKm;
        var lat = site.Location.LatitudeDeg * Math.PI / 180;
        var lon = site.Location.LongitudeDeg * Math.PI / 180;
        var sez = Matrix3.R2(Math.PI / 2 - lat).Apply(Matrix3.R3(lon).Apply(rho));
        return Math.Asin(sez.Z / sez.Norm) * 180 / Math.PI;
    }

    [Theory]
    // ISS, NOAA 20, NOAA 19 (sun-synchronous), Tianhe, Molniya 1-90 (e = 0.61), Astra 1KR (GEO, in view all day).
    [InlineData(25544)]
    [InlineData(43013)]
    [InlineData(33591)]
    [InlineData(48274)]
    [InlineData(24960)]
    [InlineData(29055)]
    public void Pass_windows_over_24_h_match_a_brute_force_one_second_scan_within_50_ms(int id)
    {
        const double minEl = 10;
        var sat = TestCatalog.Get(id);
        var t0 = TestCatalog.Snapshot;
        var found = PassFinder.Find([sat], Paris, t0, t0.AddSeconds(BruteForce.Seconds), TestCatalog.Scales,
                                    new PassSearchOptions { MinElevationDeg = minEl }).Items;
        var itrf = BruteForce.Itrf(sat);
        var el = itrf.Select(r => ElevationSez(Paris, r)).ToArray();
        var reference = BruteForce.Intervals(el.Select(e => e - minEl).ToArray());
        Assert.Equal(reference.Count, found.Count);
        var worst = 0.0;
        for (var k = 0; k < found.Count; k++)
        {
            var riseErr = Math.Abs(found[k].Rise.Time.SecondsSince(t0) - reference[k].Start);
            var setErr = Math.Abs(found[k].Set.Time.SecondsSince(t0) - reference[k].End);
            worst = Math.Max(worst, Math.Max(riseErr, setErr));
            Assert.True(riseErr < 0.05 && setErr < 0.05, $"pass {k}: rise error {riseErr:F4} s, set error {setErr:F4} s");
            // Culmination: the best second of the scan is within 0.01° of the refined maximum (and not above it by more).
            var a = (int)Math.Ceiling(reference[k].Start);
            var b = (int)Math.Floor(reference[k].End);
            var scanMax = el[a..(b + 1)].Max();
            Assert.InRange(found[k].Culmination.ElevationDeg - scanMax, -0.001, 0.01);
            Assert.Equal(minEl, found[k].RiseClipped ? minEl : found[k].Rise.ElevationDeg, 1e-3);
        }
        output.WriteLine($"{id}: {found.Count} passes, worst rise/set error {worst * 1000:F2} ms");
    }

    [Fact]
    public void A_geostationary_satellite_in_view_all_day_gives_one_clipped_pass()
    {
        var t0 = TestCatalog.Snapshot;
        var passes = PassFinder.Find([TestCatalog.Get(29055)], Paris, t0, t0.AddSeconds(24 * 3600.0), TestCatalog.Scales).Items;
        var p = Assert.Single(passes);
        Assert.True(p.RiseClipped && p.SetClipped);
        Assert.InRange(p.Culmination.ElevationDeg, 25, 40); // Astra at 19.2° E seen from Paris: about 34°.
    }

    [Fact]
    public void The_iss_makes_four_to_seven_passes_above_10_degrees_a_day_over_paris_and_some_are_visible_at_night()
    {
        var t0 = TestCatalog.Snapshot;
        var passes = PassFinder.Find([TestCatalog.Get(25544)], Paris, t0, t0.AddSeconds(72 * 3600.0), TestCatalog.Scales).Items;
        Assert.InRange(passes.Count, 3 * 3, 3 * 7);
        Assert.All(passes, p => Assert.InRange(p.Duration.TotalMinutes, 0.1, 8));
        Assert.All(passes, p => Assert.True(p.Rise.Time < p.Culmination.Time && p.Culmination.Time < p.Set.Time));
        // Early November at 49° N the ISS is sunlit at dusk and dawn: some passes are visible, not all.
        Assert.Contains(passes, p => p.Visible);
        Assert.Contains(passes, p => !p.Visible);
        foreach (var p in passes.Where(p => p.Visible))
            Assert.True(p.VisibleFrom >= p.Rise.Time && p.VisibleTo <= p.Set.Time);
    }

    [Fact]
    public void A_grazing_pass_is_found_when_the_minimum_elevation_sits_just_below_its_culmination()
    {
        var t0 = TestCatalog.Snapshot;
        var sat = TestCatalog.Get(25544);
        var all = PassFinder.Find([sat], Paris, t0, t0.AddSeconds(24 * 3600.0), TestCatalog.Scales, new PassSearchOptions { MinElevationDeg = 0 }).Items;
        var lowest = all.Where(p => !p.RiseClipped && !p.SetClipped).MinBy(p => p.Culmination.ElevationDeg)!;
        // Put the threshold 0.01° under the culmination: a pass of a few seconds, far shorter than the sampling step.
        var threshold = lowest.Culmination.ElevationDeg - 0.01;
        var grazing = PassFinder.Find([sat], Paris, t0, t0.AddSeconds(24 * 3600.0), TestCatalog.Scales,
                                      new PassSearchOptions { MinElevationDeg = threshold }).Items;
        var g = Assert.Single(grazing, p => Math.Abs(p.Culmination.Time.SecondsSince(lowest.Culmination.Time)) < 60);
        Assert.InRange(g.Duration.TotalSeconds, 0.1, 60);
    }

    [Fact]
    public void Optical_visibility_by_shadow_bisection_equals_a_test_at_every_grid_point()
    {
        // Second method: the satellite propagated at every 10 s grid point of each pass, Sun and twilight computed directly.
        var t0 = TestCatalog.Snapshot;
        var sats = TestCatalog.Elements.Where((_, i) => i % 60 == 0).Append(TestCatalog.Get(25544)).ToList();
        var options = new PassSearchOptions();
        var passes = PassFinder.Find(sats, Paris, t0, t0.AddSeconds(86_400), TestCatalog.Scales, options).Items;
        var rotation = new EarthRotation(t0, TestCatalog.Scales);
        var byId = sats.ToDictionary(e => e.CatalogNumber);
        var mismatches = 0;
        foreach (var p in passes)
        {
            var prop = new Sgp4Propagator(byId[p.CatalogNumber]);
            double a = p.Rise.Time.SecondsSince(t0), b = p.Set.Time.SecondsSince(t0);
            var count = Math.Max(1, (int)Math.Ceiling((b - a) / options.VisibilityStepS));
            double? from = null, to = null;
            for (var k = 0; k <= count; k++)
            {
                var s = a + (b - a) * k / count;
                var jd = rotation.StartUtc.AddDays(s / 86_400.0);
                if (prop.Propagate(jd, out var r, out _) != Sgp4Error.None) continue;
                var sun = Sun.PositionKm(jd);
                if (!Sun.IsSunlit(r, sun) || Paris.Look(rotation.TemeToItrf(sun, s)).ElevationDeg >= options.DarkSunElevationDeg) continue;
                from ??= s;
                to = s;
            }
            var same = p.Visible == from.HasValue
                       && (from is null || (Math.Abs(p.VisibleFrom!.Value.SecondsSince(t0) - from.Value) < 1e-3
                                            && Math.Abs(p.VisibleTo!.Value.SecondsSince(t0) - to!.Value) < 1e-3));
            if (!same) mismatches++;
        }
        output.WriteLine($"{sats.Count} objects, {passes.Count} passes, {passes.Count(p => p.Visible)} visible, {mismatches} differ from the every-point test");
        // The site's twilight is interpolated from a 60 s table: a grid point within ~0.03 s of the −6° crossing may differ.
        Assert.InRange(mismatches, 0, Math.Max(1, passes.Count / 500));
        Assert.Contains(passes, p => p.Visible);
    }

    [Fact]
    public void An_orbit_that_cannot_rise_above_the_minimum_elevation_at_the_sites_latitude_is_dropped_before_any_propagation()
    {
        // Astra 1KR (GEO, i ≈ 0°) from 80° N: a geostationary satellite is above 10° only up to about 71° of latitude.
        var t0 = TestCatalog.Snapshot;
        var north = new GroundSite(new GeodeticPoint(80, 2.35, 0));
        var geo = TestCatalog.Get(29055);
        var result = PassFinder.Find([geo], north, t0, t0.AddSeconds(86_400), TestCatalog.Scales);
        Assert.Empty(result.Items);
        Assert.Equal(0, result.PropagationCount);
        // Check: its elevation from there stays far below 10° all day.
        var itrf = BruteForce.Itrf(geo);
        Assert.True(itrf.Where((_, s) => s % 600 == 0).Max(r => north.Look(r).ElevationDeg) < 5);
        // The ISS (i = 51.6°) is still searched and found from 60° N.
        Assert.NotEmpty(PassFinder.Find([TestCatalog.Get(25544)], new GroundSite(new GeodeticPoint(60, 2.35, 0)), t0, t0.AddSeconds(86_400),
                                        TestCatalog.Scales).Items);
    }

    [Fact]
    public void A_pass_clipped_by_the_window_culminates_at_the_edge_when_the_satellite_is_highest_there()
    {
        // A Delta 4 upper stage near GEO (41585) is above 10° over Paris all day and highest at the end of the window.
        var t0 = TestCatalog.Snapshot;
        var sat = TestCatalog.Get(41585);
        var p = Assert.Single(PassFinder.Find([sat], Paris, t0, t0.AddSeconds(86_400), TestCatalog.Scales).Items);
        var scanMax = BruteForce.Itrf(sat).Where((_, s) => s % 60 == 0).Max(r => ElevationSez(Paris, r));
        Assert.True(p.RiseClipped && p.SetClipped);
        Assert.InRange(p.Culmination.ElevationDeg - scanMax, -0.001, 0.01);
        Assert.InRange(p.Culmination.Time.SecondsSince(t0), 86_300, 86_400);
    }
}
