using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Server.Api;
using OpenSda.Storage;
using OpenSda.Time;

namespace OpenSda.Server.Tests;

/// <summary>The dashboard's endpoints: binary positions, tracks, overflights, encounter geometry and CDM, and their releasability.</summary>
public sealed class WebApiTests
{
    private static readonly DateTime T0 = new(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static async Task<(ServerFactory F, HttpClient A, HttpClient B)> SetUpAsync()
    {
        var f = new ServerFactory("sqlite");
        var aProvider = f.ClientFor(await f.KeyAsync("NATION-A", Role.Provider));
        var bKey = await f.KeyAsync("NATION-B", Role.Analyst);
        var a = f.ClientFor((await f.Store.AddKeyAsync("NATION-A", Role.Analyst)).Secret);
        (await aProvider.PostAsync("/api/v1/ingest?releasability=PUBLIC", new StringContent(ApiTests.GoodTle))).EnsureSuccessStatusCode();
        (await aProvider.PostAsync("/api/v1/ingest?releasability=REL%20TO%20NATION-A", new StringContent(Oem("PRIVATE-1", 99990, 6878.137, 53.0)))).EnsureSuccessStatusCode();
        (await aProvider.PostAsync("/api/v1/ingest?releasability=REL%20TO%20NATION-A", new StringContent(Oem("PRIVATE-2", 99992, 6878.437, 54.0)))).EnsureSuccessStatusCode();
        return (f, a, f.ClientFor(bKey));
    }

    private static string Oem(string name, int id, double rKm, double incDeg) => DemoSeed.CircularOem(name, id, "TEST", rKm, incDeg, 0);

    private static (int[] Ids, float[] Xyz, int Count) Decode(byte[] b)
    {
        Assert.Equal(WebApi.PositionsMagic, BinaryPrimitives.ReadUInt32LittleEndian(b));
        var n = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8));
        var k = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(12));
        Assert.Equal(WebApi.PositionsHeaderBytes + 4 * n + 12 * n * k, b.Length);
        var ids = new int[n];
        for (var i = 0; i < n; i++) ids[i] = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(32 + 4 * i));
        var xyz = new float[n * k * 3];
        for (var i = 0; i < xyz.Length; i++) xyz[i] = BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(32 + 4 * n + 4 * i));
        return (ids, xyz, k);
    }

    [Fact]
    public async Task Binary_positions_are_the_servers_sgp4_rotated_to_itrf_within_float32_rounding()
    {
        var (f, a, _) = await SetUpAsync();
        await using var _f = f;
        var bytes = await a.GetByteArrayAsync("/api/v1/web/positions?from=2024-11-01T00:30:00Z&stepS=120&count=5");
        var (ids, xyz, k) = Decode(bytes);
        var i = Array.IndexOf(ids, 25544);
        Assert.True(i >= 0);
        var tle = OpenSda.Formats.Tle.TleReader.Read(ApiTests.GoodTle, "iss").Entries.Single().Elements;
        var sgp4 = new Sgp4Propagator(tle);
        var tree = new FrameTree(TimeScales.Bundled);
        for (var s = 0; s < k; s++)
        {
            var t = new DateTime(2024, 11, 1, 0, 30, 0, DateTimeKind.Utc).AddSeconds(120 * s);
            Assert.Equal(Sgp4Error.None, sgp4.Propagate(JulianDate.FromCalendar(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second), out StateVector teme));
            var itrf = tree.TransformPosition(teme.PositionKm, tree.Teme, tree.Itrf, Instant.FromDateTime(new DateTimeOffset(t), TimeScales.Bundled.Utc));
            var o = (i * k + s) * 3;
            // float32 keeps 24 bits: 7000 km / 2^24 ≈ 0.4 m; the tolerance is 2 m.
            Assert.Equal(itrf.X, xyz[o], 0.002);
            Assert.Equal(itrf.Y, xyz[o + 1], 0.002);
            Assert.Equal(itrf.Z, xyz[o + 2], 0.002);
        }
        // The OEM object has positions inside its span (t0+30 min) and the radius of its orbit.
        var j = Array.IndexOf(ids, 99990);
        var r = Math.Sqrt(xyz[j * k * 3] * xyz[j * k * 3] + xyz[j * k * 3 + 1] * xyz[j * k * 3 + 1] + xyz[j * k * 3 + 2] * xyz[j * k * 3 + 2]);
        Assert.Equal(6878.137, r, 0.01);
    }

    [Fact]
    public async Task An_organisation_outside_a_marking_gets_the_object_from_no_dashboard_endpoint()
    {
        var (f, a, b) = await SetUpAsync();
        await using var _f = f;
        var catA = await a.GetStringAsync("/api/v1/web/catalog");
        var catB = await b.GetStringAsync("/api/v1/web/catalog");
        Assert.Contains("PRIVATE-1", catA, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-1", catB, StringComparison.Ordinal);
        // Owner/country from the bundled owner table: the ISS row says ISS; an object the table does not know is UNKNOWN.
        var idx = JsonDocument.Parse(catA).RootElement;
        string OwnerOf(int norad)
        {
            var i = idx.GetProperty("noradId").EnumerateArray().Select(x => x.GetInt32()).ToList().IndexOf(norad);
            return idx.GetProperty("owners")[idx.GetProperty("owner")[i].GetInt32()].GetString()!;
        }
        Assert.Equal("ISS", OwnerOf(25544));
        Assert.Equal("UNKNOWN", OwnerOf(99990));
        Assert.DoesNotContain("REL TO NATION-A", catB, StringComparison.Ordinal);
        Assert.DoesNotContain(99990, Decode(await b.GetByteArrayAsync("/api/v1/web/positions?count=2")).Ids);
        Assert.Contains(99990, Decode(await a.GetByteArrayAsync("/api/v1/web/positions?count=2")).Ids);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/v1/web/objects/99990/track")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/web/objects/99990/track?from=2024-11-01T00:00:00Z&minutes=60")).StatusCode);
        var body = new { area = new { type = "circle", centerLatDeg = 0.0, centerLonDeg = 0.0, radiusKm = 5000.0 }, from = T0, to = T0.AddHours(1), noradIds = new[] { 99990 } };
        var ov = await b.PostAsJsonAsync("/api/v1/overflights", body);
        Assert.Equal(HttpStatusCode.BadRequest, ov.StatusCode);
        Assert.DoesNotContain("PRIVATE", await ov.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/api/v1/overflights", body)).StatusCode);
    }

    [Fact]
    public async Task Overflight_passes_are_the_multidomain_librarys_and_match_a_one_second_scan_of_elevation_and_off_nadir()
    {
        var (f, a, _) = await SetUpAsync();
        await using var _f = f;
        var from = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddHours(24);
        const double Lat = 40, Lon = -3, RadiusKm = 1000, MinElDeg = 10, EtaDeg = 40;
        var body = new { area = new { type = "circle", centerLatDeg = Lat, centerLonDeg = Lon, radiusKm = RadiusKm }, from, to, noradIds = new[] { 25544 }, minElevationDeg = MinElDeg, halfAngleDeg = EtaDeg };
        var r = JsonDocument.Parse(await (await a.PostAsJsonAsync("/api/v1/overflights", body)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var passes = r.GetProperty("passes").EnumerateArray().ToList();
        Assert.Equal(["PUBLIC"], r.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));

        // The same library call as `opensda overflight` gives the same passes (the API rounds to the whole second).
        var tle = OpenSda.Formats.Tle.TleReader.Read(ApiTests.GoodTle, "iss").Entries.Single().Elements;
        var scales = TimeScales.Bundled;
        Instant I(DateTime t) => Instant.FromDateTime(new DateTimeOffset(t), scales.Utc);
        var lib = OpenSda.MultiDomain.OverflightFinder.Find([tle], new OpenSda.MultiDomain.CircleArea(Lat, Lon, RadiusKm), I(from), I(to), scales,
            new OpenSda.MultiDomain.OverflightOptions { MinElevationDeg = MinElDeg, HalfAngleDeg = EtaDeg }).Items;
        Assert.Equal(lib.Count, passes.Count);
        for (var i = 0; i < lib.Count; i++)
        {
            Assert.InRange(I(passes[i].GetProperty("start").GetDateTime()).SecondsSince(lib[i].Entry), -0.5, 0.5);
            Assert.InRange(I(passes[i].GetProperty("best").GetDateTime()).SecondsSince(lib[i].Best), -0.5, 0.5);
            Assert.InRange(I(passes[i].GetProperty("end").GetDateTime()).SecondsSince(lib[i].Exit), -0.5, 0.5);
            Assert.Equal(lib[i].ElevationDeg, passes[i].GetProperty("elevationDeg").GetDouble(), 1e-3);
            Assert.Equal(lib[i].RangeKm, passes[i].GetProperty("rangeKm").GetDouble(), 1e-3);
            Assert.Equal(lib[i].OffNadirDeg, passes[i].GetProperty("offNadirDeg").GetDouble(), 1e-3);
            Assert.Equal(lib[i].AreaSunlit, passes[i].GetProperty("sunlit").GetBoolean());
            Assert.True(passes[i].GetProperty("elevationDeg").GetDouble() >= MinElDeg - 0.01);
            Assert.True(passes[i].GetProperty("offNadirDeg").GetDouble() <= EtaDeg + 0.01);
        }

        // Independent scan every second of the definitions: the point of the circle nearest the sub-satellite point
        // (on the sphere of the centre's geocentric radius) is above 10° elevation and within 40° of nadir.
        var sgp4 = new Sgp4Propagator(tle);
        var tree = new FrameTree(scales);
        var centreEcef = Wgs84.ToEcef(new GeodeticPoint(Lat, Lon, 0));
        var c = centreEcef.Unit;
        var earthR = centreEcef.Norm;
        var rho = RadiusKm / earthR;
        static double Angle(Vec3 u, Vec3 v) => Math.Atan2(Vec3.Cross(u, v).Norm, Vec3.Dot(u, v));
        var truth = new List<(DateTime Start, DateTime End)>();
        DateTime? start = null;
        for (var t = from; t <= to; t = t.AddSeconds(1))
        {
            sgp4.Propagate(JulianDate.FromCalendar(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second), out StateVector s);
            var sat = tree.TransformPosition(s.PositionKm, tree.Teme, tree.Itrf, I(t));
            var u = sat.Unit;
            var theta = Angle(u, c);
            Vec3 nearest;
            if (theta <= rho) nearest = u;
            else
            {
                var tangent = (u - Vec3.Dot(u, c) * c).Unit;
                nearest = Math.Cos(rho) * c + Math.Sin(rho) * tangent;
            }
            var g = earthR * nearest;
            var los = sat - g;
            var el = Math.Asin(Math.Clamp(Vec3.Dot(los, nearest) / los.Norm, -1, 1)) * 180 / Math.PI;
            var offNadir = Angle(-sat, g - sat) * 180 / Math.PI;
            var visible = el >= MinElDeg && offNadir <= EtaDeg;
            if (visible && start == null) start = t;
            if (!visible && start is { } s0) { truth.Add((s0, t)); start = null; }
        }
        Assert.True(truth.Count >= 2, $"the ISS sees into the circle in 24 h ({truth.Count})");
        Assert.True(truth.Count == passes.Count, string.Join("; ", truth.Take(12).Select(x => $"{x.Start:HH:mm:ss}-{x.End:HH:mm:ss}")) + " | " + string.Join("; ", passes.Select(p => p.GetProperty("start").GetString() + "-" + p.GetProperty("end").GetString())));
        for (var i = 0; i < truth.Count; i++)
        {
            Assert.InRange((passes[i].GetProperty("start").GetDateTime() - truth[i].Start).TotalSeconds, -2, 2);
            Assert.InRange((passes[i].GetProperty("end").GetDateTime() - truth[i].End).TotalSeconds, -2, 2);
        }
        var dark = r.GetProperty("darkWindows").EnumerateArray().Select(d => (Start: d.GetProperty("start").GetDateTime(), End: d.GetProperty("end").GetDateTime())).ToList();
        Assert.Equal(passes.Count + 1, dark.Count);
        Assert.Equal(from, dark[0].Start);
        Assert.Equal(to, dark[^1].End);
        for (var i = 0; i < passes.Count; i++)
        {
            Assert.Equal(passes[i].GetProperty("start").GetDateTime(), dark[i].End);
            Assert.Equal(passes[i].GetProperty("end").GetDateTime(), dark[i + 1].Start);
        }

        // An optical sensor: only the sunlit passes close a dark window.
        var opt = JsonDocument.Parse(await (await a.PostAsJsonAsync("/api/v1/overflights", new { body.area, from, to, noradIds = new[] { 25544 }, minElevationDeg = MinElDeg, halfAngleDeg = EtaDeg, sensor = "optical" }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var usable = opt.GetProperty("passes").EnumerateArray().Count(p => p.GetProperty("usable").GetBoolean());
        Assert.Equal(lib.Count(p => p.AreaSunlit), usable);
        Assert.Equal(usable + 1, opt.GetProperty("darkWindows").GetArrayLength());
    }

    [Fact]
    public async Task Overflight_selection_by_tag_name_pattern_and_owner_uses_the_type_and_owner_tables()
    {
        var (f, a, _) = await SetUpAsync();
        await using var _f = f;
        var tags = JsonDocument.Parse(await a.GetStringAsync("/api/v1/overflights/tags")).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("imaging", tags);
        var area = new { type = "circle", centerLatDeg = 40.0, centerLonDeg = -3.0, radiusKm = 1000.0 };
        var unknown = await a.PostAsJsonAsync("/api/v1/overflights", new { area, from = T0, to = T0.AddHours(6), tag = "no-such-tag" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("imaging", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The ISS carries no imaging tag: nothing matches.
        Assert.Equal(HttpStatusCode.BadRequest, (await a.PostAsJsonAsync("/api/v1/overflights", new { area, from = T0, to = T0.AddHours(6), tag = "imaging" })).StatusCode);
        var byPattern = JsonDocument.Parse(await (await a.PostAsJsonAsync("/api/v1/overflights", new { area, from = T0, to = T0.AddHours(6), namePattern = "iss*" }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, byPattern.GetProperty("satellites").GetInt32());
        // Owner/country from the bundled owner table: the ISS row gives owner ISS; nothing the caller sees is owned by PRC.
        var byOwner = JsonDocument.Parse(await (await a.PostAsJsonAsync("/api/v1/overflights", new { area, from = T0, to = T0.AddHours(6), owner = "prc, ISS" }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, byOwner.GetProperty("satellites").GetInt32());
        Assert.All(byOwner.GetProperty("passes").EnumerateArray(), p => Assert.Equal(25544, p.GetProperty("noradId").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await a.PostAsJsonAsync("/api/v1/overflights", new { area, from = T0, to = T0.AddHours(6), owner = "PRC" })).StatusCode);
        // An ephemeris-only object is named as not computed, with its marking for the banner.
        var eph = JsonDocument.Parse(await (await a.PostAsJsonAsync("/api/v1/overflights", new { area, from = T0, to = T0.AddHours(1), noradIds = new[] { 99990, 25544 } }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(99990, eph.GetProperty("notComputed")[0].GetProperty("noradId").GetInt32());
        Assert.Contains("REL TO NATION-A", eph.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Maneuvers_of_an_object_are_the_threat_detectors_on_the_history_the_caller_may_see()
    {
        await using var f = new ServerFactory("sqlite");
        var provider = f.ClientFor(await f.KeyAsync("NATION-A", Role.Provider));
        var a = f.ClientFor(await f.KeyAsync("NATION-A", Role.Viewer));
        var b = f.ClientFor(await f.KeyAsync("NATION-B", Role.Viewer));
        // Space-Track history of IRIDIUM 33 and COSMOS 2251 around their collision (NASA ODQN 13(2): 2009-02-10 16:56 UTC).
        var history = await File.ReadAllTextAsync(OpenSda.Testing.SharedData.Data("iridium33_cosmos2251_gp_history_2009.csv"));
        (await provider.PostAsync("/api/v1/ingest?releasability=REL%20TO%20NATION-A&fileName=iridium.csv", new StringContent(history))).EnsureSuccessStatusCode();

        var r = JsonDocument.Parse(await a.GetStringAsync("/api/v1/objects/24946/maneuvers")).RootElement;
        var events = r.GetProperty("maneuvers").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        var first = events[0];
        var collision = new DateTime(2009, 2, 10, 16, 56, 0, DateTimeKind.Utc);
        Assert.InRange((first.GetProperty("estimatedTime").GetDateTime() - collision).TotalMinutes, -15, 15);
        Assert.InRange(first.GetProperty("deltaVMs").GetDouble(), 1, 100);
        Assert.Equal(["REL TO NATION-A"], first.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["REL TO NATION-A"], r.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));

        // The same detector on the same sets, as `opensda maneuvers` runs it.
        var sets = OpenSda.Formats.Catalog.CatalogLoader.LoadFile(OpenSda.Testing.SharedData.Data("iridium33_cosmos2251_gp_history_2009.csv")).Entries
            .Select(e => e.Elements).Where(e => e.CatalogNumber == 24946).ToList();
        var lib = OpenSda.Threats.ManeuverDetector.Analyze(sets, TimeScales.Bundled);
        Assert.Equal(lib.Events.Count, events.Count);
        Assert.Equal(lib.Comparisons.Count, r.GetProperty("comparisons").GetInt32());

        // Another nation may not see those element sets: no history, no events.
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/v1/objects/24946/maneuvers")).StatusCode);
    }

    [Fact]
    public async Task Encounter_geometry_puts_the_miss_in_the_plane_normal_to_the_relative_velocity_and_the_cdm_reads_back()
    {
        var (f, a, b) = await SetUpAsync();
        await using var _f = f;
        // The two orbits start together (an edge minimum) and meet again near the opposite node after ~47 min.
        var run = JsonDocument.Parse(await (await a.PostAsJsonAsync("/api/v1/screening-runs", new { thresholdKm = 5.0, start = "2024-11-01T00:00:00Z", durationHours = 1.0 })).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        for (var k = 0; k < 600; k++)
        {
            var status = JsonDocument.Parse(await a.GetStringAsync($"/api/v1/screening-runs/{run}")).RootElement.GetProperty("status").GetString();
            if (status is "done" or "failed") break;
            await Task.Delay(100);
        }
        var c = JsonDocument.Parse(await a.GetStringAsync("/api/v1/conjunctions")).RootElement.GetProperty("items").EnumerateArray().Single();
        var id = c.GetProperty("id").GetInt64();
        var g = JsonDocument.Parse(await a.GetStringAsync($"/api/v1/conjunctions/{id}/geometry")).RootElement;
        double[] Arr(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble())];
        var rtn = Arr(g, "missRtnKm");
        var plane = Arr(g, "missEncounterPlaneKm");
        var p = Arr(g.GetProperty("primary"), "positionGcrfKm");
        var s = Arr(g.GetProperty("secondary"), "positionGcrfKm");
        var dr = new Vec3(s[0] - p[0], s[1] - p[1], s[2] - p[2]);
        // |miss| is the same in every orthonormal frame; at TCA the miss is normal to the relative velocity (all of it in the plane).
        Assert.Equal(dr.Norm, Math.Sqrt(rtn.Sum(x => x * x)), 1e-9);
        Assert.Equal(dr.Norm, Math.Abs(plane[0]), 0.02 * dr.Norm + 1e-3);
        Assert.Equal(0, plane[1], 1e-9);
        // The two circular orbits differ by 0.3 km in radius: the radial component dominates the miss.
        Assert.Equal(0.3, rtn[0], 0.05);
        Assert.Equal(c.GetProperty("missKm").GetDouble(), dr.Norm, 0.05);
        var axes = Arr(g, "ellipseSemiAxesKm");
        Assert.True(axes[0] >= axes[1] && axes[1] > 0);
        // No covariance is stored: both objects get the default covariance model of the screening Pc (payload, operator ephemeris: age 0), labelled so.
        Assert.Equal("default covariance model (payload, 0.00 d (ephemeris); payload, 0.00 d (ephemeris)): the stored conjunction carries no covariance", g.GetProperty("covarianceSource").GetString());
        var model = OpenSda.Screening.Probability.DefaultCovarianceModel.SigmasRtnM(OpenSda.Screening.Probability.ObjectKind.Payload, 0);
        Assert.Equal([model.X / 1000, model.Y / 1000, model.Z / 1000], Arr(g.GetProperty("primary"), "sigmaRtnKm"));
        Assert.Equal("payload, 0.00 d (ephemeris)", g.GetProperty("secondary").GetProperty("covarianceModel").GetString());

        var cdmText = await a.GetStringAsync($"/api/v1/conjunctions/{id}/cdm");
        var cdm = CdmReader.Read(cdmText, "conjunction.cdm");
        Assert.NotNull(cdm.Message);
        Assert.Equal(c.GetProperty("missKm").GetDouble() * 1000, cdm.Message!.Relative.MissDistanceM, 1e-3);
        Assert.Equal(rtn[0] * 1000, cdm.Message.Relative.RelativePositionRtnM!.Value.X, 1e-3);
        Assert.Equal("99990", cdm.Message.Object1.ObjectDesignator);

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/conjunctions/{id}/geometry")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/conjunctions/{id}/cdm")).StatusCode);
    }
}
