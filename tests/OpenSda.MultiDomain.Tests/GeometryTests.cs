using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.MultiDomain.Tests;

public class GeometryTests
{
    private static readonly TimeScales Scales = TestCatalog.Scales;

    [Fact]
    public void The_fast_earth_rotation_matches_the_full_frame_tree_within_5_m_over_a_day()
    {
        var frames = new FrameTree(Scales);
        var t0 = TestCatalog.Snapshot;
        var rot = new EarthRotation(t0, Scales);
        var r = new Vec3(7000, -1200, 3000);
        var worst = 0.0;
        for (var s = 0.0; s <= 86_400; s += 3_600)
        {
            var full = frames.TransformPosition(r, frames.Teme, frames.Itrf, t0.AddSeconds(s));
            worst = Math.Max(worst, (full - rot.TemeToItrf(r, s)).Norm);
            Assert.Equal(0, (rot.ItrfToTeme(rot.TemeToItrf(r, s), s) - r).Norm, 1e-9);
        }
        Assert.True(worst < 0.005, $"worst {worst * 1000:F2} m");
    }

    [Theory]
    // USNO / IMCCE: March equinox 2024-03-20T03:06Z (declination 0), June solstice 2024-06-20T20:51Z (+23.44°),
    // December solstice 2024-12-21T09:20Z (−23.44°). Low-precision formulae: 0.01°; tolerance 0.02°.
    [InlineData("2024-03-20T03:06:00Z", 0.0)]
    [InlineData("2024-06-20T20:51:00Z", 23.4393)]
    [InlineData("2024-12-21T09:20:00Z", -23.4393)]
    public void The_sun_declination_at_equinoxes_and_solstices_matches_the_almanac(string iso, double declinationDeg)
    {
        var sun = Sun.PositionKm(Instant.ParseIso(iso, Scales.Utc).ToJulianDate(Scales.Utc));
        var dec = Math.Asin(sun.Z / sun.Norm) * 180 / Math.PI;
        Assert.Equal(declinationDeg, dec, 0.02);
        // Distance: 1 AU within the eccentricity of Earth's orbit.
        Assert.InRange(sun.Norm / Sun.AuKm, 0.983, 1.017);
    }

    [Fact]
    public void The_sun_is_overhead_near_the_subsolar_point_at_noon_on_the_equinox()
    {
        // 2024-03-20 12:07 UTC (equation of time −7.5 min): the Sun culminates near (0°, 0°).
        var t = Instant.ParseIso("2024-03-20T12:07:30Z", Scales.Utc);
        var rot = new EarthRotation(t, Scales);
        var sunItrf = rot.TemeToItrf(Sun.PositionKm(t.ToJulianDate(Scales.Utc)), 0);
        var el = new GroundSite(new GeodeticPoint(0, 0, 0)).Look(sunItrf).ElevationDeg;
        Assert.True(el > 89.5, $"elevation {el}");
    }

    [Fact]
    public void A_satellite_behind_the_earth_is_in_shadow_and_one_beside_it_is_sunlit()
    {
        var sun = new Vec3(Sun.AuKm, 0, 0);
        Assert.False(Sun.IsSunlit(new Vec3(-7000, 0, 0), sun));
        Assert.True(Sun.IsSunlit(new Vec3(-7000, 6500, 0), sun));
        Assert.True(Sun.IsSunlit(new Vec3(7000, 0, 0), sun));
    }

    [Fact]
    public void Look_angles_agree_with_the_south_east_zenith_rotation_of_Vallado()
    {
        // Second formulation: ρ_SEZ = ROT2(90° − φ) ROT3(λ) ρ_ECEF (Vallado 2013, Eq. 4-4), az = atan2(ρ_E, −ρ_S).
        var site = new GroundSite(new GeodeticPoint(39.007, -104.883, 2.187));
        var sat = new Vec3(-1200, -5100, 4600);
        var look = site.Look(sat);
        var rho = sat - site.PositionKm;
        var lat = 39.007 * Math.PI / 180;
        var lon = -104.883 * Math.PI / 180;
        var sez = Matrix3.R2(Math.PI / 2 - lat).Apply(Matrix3.R3(lon).Apply(rho));
        var el = Math.Asin(sez.Z / sez.Norm) * 180 / Math.PI;
        var az = Math.Atan2(sez.Y, -sez.X) * 180 / Math.PI;
        if (az < 0) az += 360;
        Assert.Equal(el, look.ElevationDeg, 1e-9);
        Assert.Equal(az, look.AzimuthDeg, 1e-9);
        Assert.Equal(rho.Norm, look.RangeKm, 1e-9);
    }

    [Fact]
    public void A_point_north_of_a_one_degree_square_is_its_distance_from_the_northern_edge()
    {
        var square = new PolygonArea([(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]);
        Assert.Equal(0, square.AngularDistanceRad(AreaOfOperations.UnitOf(0.5, 0.5)));
        // 1° north of the northern edge at longitude 0.5: 1° of latitude, to 0.01° (geodetic vs geocentric).
        var d = square.AngularDistanceRad(AreaOfOperations.UnitOf(2.0, 0.5)) * 180 / Math.PI;
        Assert.Equal(1.0, d, 0.01);
        // Towards a corner.
        var dc = square.AngularDistanceRad(AreaOfOperations.UnitOf(-1.0, -1.0)) * 180 / Math.PI;
        Assert.Equal(Math.Sqrt(2), dc, 0.02);
    }

    [Fact]
    public void A_circle_contains_its_centre_and_measures_distance_beyond_its_rim()
    {
        var c = new CircleArea(48.85, 2.35, 100);
        Assert.Equal(0, c.AngularDistanceRad(c.CentroidUnit));
        var far = AreaOfOperations.UnitOf(50.85, 2.35);
        var d = c.AngularDistanceRad(far) * c.GroundRadiusKm;
        Assert.Equal(2 * 111.2 - 100, d, 2.0);
        var nearest = c.NearestPointUnit(far);
        Assert.Equal(c.BoundingRadiusRad, AreaOfOperations.Angle(nearest, c.CentroidUnit), 1e-9);
    }

    [Fact]
    public void GeoJson_features_give_a_polygon_or_a_circle()
    {
        const string polygon = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[30,50],[32,50],[32,52],[30,52],[30,50]]]}}]}""";
        Assert.True(GeoJsonArea.TryParse(polygon, "aoo.geojson", out var area, out var error), error);
        var p = Assert.IsType<PolygonArea>(area);
        Assert.Equal(4, p.Vertices.Count);
        Assert.Equal((50.0, 30.0), p.Vertices[0]);
        const string circle = """{"type":"Feature","properties":{"radius_km":50},"geometry":{"type":"Point","coordinates":[2.35,48.85]}}""";
        Assert.True(GeoJsonArea.TryParse(circle, "c.geojson", out var c, out _));
        Assert.Equal(50, Assert.IsType<CircleArea>(c).RadiusKm);
        Assert.False(GeoJsonArea.TryParse("{\"type\":\"Point\"", "bad.geojson", out _, out var bad));
        Assert.Contains("bad.geojson", bad, StringComparison.Ordinal);
    }

    [Fact]
    public void Dark_windows_are_the_complement_of_the_union_of_overflights()
    {
        var t0 = TestCatalog.Snapshot;
        TimeWindow W(double a, double b) => new(t0.AddSeconds(a), t0.AddSeconds(b));
        var dark = DarkWindows.Compute([W(100, 200), W(150, 300), W(500, 600), W(-50, 20)], t0, t0.AddSeconds(1000));
        Assert.Equal([W(20, 100), W(300, 500), W(600, 1000)], dark);
        Assert.Equal([W(0, 1000)], DarkWindows.Compute(Array.Empty<TimeWindow>(), t0, t0.AddSeconds(1000)));
    }

    [Fact]
    public void The_bundled_type_table_reads_without_errors_and_tags_radar_and_optical_satellites()
    {
        var table = SatelliteTagTable.LoadBundled();
        Assert.Empty(table.Diagnostics);
        Assert.Contains("sar", table.Tags);
        Assert.Equal("sar", table.TagOf(TestCatalog.Get(43800)));     // ICEYE-X2
        Assert.Equal("imaging", table.TagOf(TestCatalog.Get(33331))); // GEOEYE 1
        Assert.Null(table.TagOf(TestCatalog.Get(42678)));             // GAOFEN-3 DEB
        Assert.Null(table.TagOf(TestCatalog.Get(25544)));             // ISS
        var custom = SatelliteTagTable.Parse("# c\n25544,crewed,ISS\nbad line\n", "mine.csv");
        Assert.Equal("crewed", custom.TagOf(TestCatalog.Get(25544)));
        Assert.Equal("mine.csv:3: expected 'match,tag[,note]'", Assert.Single(custom.Diagnostics).ToString());
    }
}
