using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenSda.Formats.Catalog;
using OpenSda.Frames;
using OpenSda.Screening;
using OpenSda.Storage;
using OpenSda.Testing;
using OpenSda.Testing.Databases;
using OpenSda.Time;

namespace OpenSda.Server.Tests;

/// <summary>
/// The server's scheduled screening runs the real engine on what the run's owner may see: a pair of public element sets
/// with a close approach, and an operator's private OEM standing in for one of them.
/// </summary>
public sealed class ScreeningTests
{
    private static readonly DateTime Start = new(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private const double Hours = 2, ThresholdKm = 5;

    /// <summary>The first fast close approach (miss &lt; 3 km) among objects at 300–480 km in the first 2 h of the bundled 2024-11-01 catalog.</summary>
    private static readonly Lazy<(string Csv, int A, int B, double MissKm, string Oem)> Pair = new(() =>
    {
        var path = SharedData.Data("celestrak_on_orbit_20241101.csv");
        var all = CatalogLoader.LoadFile(path).Entries.Select(e => e.Elements).ToList();
        var shell = all.Where(e =>
        {
            var n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400;
            var a = Math.Cbrt(398600.8 / (n * n));
            return a * (1 - e.Eccentricity) > 6678 && a * (1 + e.Eccentricity) < 6858;
        }).ToList();
        var options = new ScreeningOptions { StartUtc = JulianDate.FromCalendar(2024, 11, 1), Duration = TimeSpan.FromHours(Hours), ThresholdKm = ThresholdKm };
        var ev = ConjunctionScreener.Screen(shell, options).Events.First(e => !e.IsLowRelativeSpeed && e.MissKm < 3);
        int a = ev.Primary.CatalogNumber, b = ev.Secondary.CatalogNumber;
        var lines = File.ReadLines(path).ToList();
        var rows = lines.Skip(1).Where(l => l.Split(',')[11] is var id && (id == a.ToString(CultureInfo.InvariantCulture) || id == b.ToString(CultureInfo.InvariantCulture)));
        var csv = lines[0] + "\n" + string.Join("\n", rows) + "\n";
        // The operator's OEM of A: its own SGP4 trajectory, every 60 s, written in EME2000 (GCRF) as operators do.
        var el = all.Single(e => e.CatalogNumber == a);
        var prop = new Sgp4ScreeningPropagator([el], options.StartUtc);
        var frames = new FrameTree(TimeScales.Bundled);
        var sb = new StringBuilder($"CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2024-11-01T00:00:00\nORIGINATOR = ORG-A\nMETA_START\nOBJECT_NAME = OPERATOR-{a}\nOBJECT_ID = {a}\nCENTER_NAME = EARTH\nREF_FRAME = EME2000\nTIME_SYSTEM = UTC\nSTART_TIME = 2024-10-31T23:50:00\nSTOP_TIME = 2024-11-01T02:10:00\nMETA_STOP\n");
        for (var t = -600.0; t <= Hours * 3600 + 600; t += 60)
        {
            Assert.Equal(0, prop.Propagate(0, t, out var r, out var v));
            var when = Start.AddSeconds(t);
            var s = frames.Transform(new OpenSda.Mathematics.StateVector(r, v), frames.Teme, frames.Gcrf,
                Instant.FromDateTime(new DateTimeOffset(when), TimeScales.Bundled.Utc));
            sb.Append(CultureInfo.InvariantCulture,
                $"{when:yyyy-MM-ddTHH:mm:ss} {s.PositionKm.X:F6} {s.PositionKm.Y:F6} {s.PositionKm.Z:F6} {s.VelocityKmS.X:F9} {s.VelocityKmS.Y:F9} {s.VelocityKmS.Z:F9}\n");
        }
        return (csv, a, b, ev.MissKm, sb.ToString());
    });

    private static async Task<JsonElement> RunAsync(HttpClient analyst)
    {
        var resp = await analyst.PostAsJsonAsync("/api/v1/screening-runs", new { thresholdKm = ThresholdKm, start = Start, durationHours = Hours });
        Assert.Equal(HttpStatusCode.Accepted, resp.StatusCode);
        var id = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        for (var k = 0; ; k++)
        {
            var run = JsonDocument.Parse(await analyst.GetStringAsync($"/api/v1/screening-runs/{id}")).RootElement;
            var status = run.GetProperty("status").GetString();
            if (status == "done") return run;
            Assert.NotEqual("failed", status);
            Assert.True(k < 1200, "screening run did not finish");
            await Task.Delay(100);
        }
    }

    private static async Task<List<JsonElement>> ConjunctionsAsync(HttpClient c, long runId) =>
        [.. JsonDocument.Parse(await c.GetStringAsync($"/api/v1/conjunctions?screeningRunId={runId}&limit=1000")).RootElement.GetProperty("items").EnumerateArray()];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_run_screens_what_its_owner_may_see_stores_Pc_with_the_intersected_marking_and_alerts_the_watch_list(string provider)
    {
        var (csv, a, b, missKm, oem) = Pair.Value;
        await using var f = new ServerFactory(provider);
        var aProvider = f.ClientFor(await f.KeyAsync("ORG-A", Role.Provider));
        var aAnalyst = f.ClientFor((await f.Store.AddKeyAsync("ORG-A", Role.Analyst)).Secret);
        var bAnalyst = f.ClientFor(await f.KeyAsync("ORG-B", Role.Analyst));
        (await aProvider.PostAsync("/api/v1/ingest?releasability=PUBLIC&dataMode=REAL", new StringContent(csv))).EnsureSuccessStatusCode();
        var ingest = await aProvider.PostAsync("/api/v1/ingest?releasability=REL%20TO%20ORG-A&dataMode=REAL", new StringContent(oem));
        Assert.True(ingest.IsSuccessStatusCode, await ingest.Content.ReadAsStringAsync());
        (await aAnalyst.PostAsJsonAsync("/api/v1/watch-lists", new { name = "mine", noradIds = new[] { b } })).EnsureSuccessStatusCode();
        (await bAnalyst.PostAsJsonAsync("/api/v1/watch-lists", new { name = "theirs", noradIds = new[] { b } })).EnsureSuccessStatusCode();

        // ORG-A sees its private OEM of A: the conjunction is derived from it and releasable to ORG-A only.
        var runA = await RunAsync(aAnalyst);
        Assert.Contains("default covariance", runA.GetProperty("message").GetString(), StringComparison.Ordinal);
        var mine = await ConjunctionsAsync(aAnalyst, runA.GetProperty("id").GetInt64());
        var c = Assert.Single(mine, x => x.GetProperty("primaryNoradId").GetInt32() == Math.Min(a, b) && x.GetProperty("secondaryNoradId").GetInt32() == Math.Max(a, b));
        Assert.InRange(Math.Abs(c.GetProperty("missKm").GetDouble() - missKm), 0, 0.005); // the OEM reproduces the TLE's miss within 5 m
        var pc = c.GetProperty("pc").GetDouble();
        Assert.InRange(pc, 1e-300, 1.0);
        Assert.Equal("REL TO ORG-A", c.GetProperty("releasability").GetString());
        var lineage = c.GetProperty("lineage").GetProperty("derivedFrom").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.Equal(2, lineage.Count);
        Assert.Contains(lineage, l => l.StartsWith("ephemeris:", StringComparison.Ordinal));
        Assert.Contains(lineage, l => l.StartsWith("elset:", StringComparison.Ordinal));
        var alerts = JsonDocument.Parse(await aAnalyst.GetStringAsync("/api/v1/alerts")).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(alerts, x => x.GetProperty("conjunctionId").GetInt64() == c.GetProperty("id").GetInt64() && x.GetProperty("noradId").GetInt32() == b);

        // ORG-B cannot see the OEM: its run uses the public element sets only, and nothing it gets derives from the OEM.
        var runB = await RunAsync(bAnalyst);
        var theirs = await ConjunctionsAsync(bAnalyst, runB.GetProperty("id").GetInt64());
        var cb = Assert.Single(theirs, x => x.GetProperty("primaryNoradId").GetInt32() == Math.Min(a, b) && x.GetProperty("secondaryNoradId").GetInt32() == Math.Max(a, b));
        Assert.Equal("PUBLIC", cb.GetProperty("releasability").GetString());
        Assert.All(cb.GetProperty("lineage").GetProperty("derivedFrom").EnumerateArray(), l => Assert.StartsWith("elset:", l.GetString(), StringComparison.Ordinal));
        Assert.InRange(Math.Abs(cb.GetProperty("missKm").GetDouble() - missKm), 0, 1e-6);
        var everythingB = JsonDocument.Parse(await bAnalyst.GetStringAsync("/api/v1/conjunctions?limit=1000")).RootElement.GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(everythingB, x => x.GetProperty("lineage").GetProperty("derivedFrom").EnumerateArray().Any(l => l.GetString()!.StartsWith("ephemeris:", StringComparison.Ordinal)));
        var alertsB = JsonDocument.Parse(await bAnalyst.GetStringAsync("/api/v1/alerts")).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(alertsB, x => x.GetProperty("conjunctionId").GetInt64() == c.GetProperty("id").GetInt64());
        Assert.Contains(alertsB, x => x.GetProperty("conjunctionId").GetInt64() == cb.GetProperty("id").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Scheduled_screening_runs_for_every_organisation_that_watches_an_object_and_no_other(string provider)
    {
        var (csv, _, b, _, _) = Pair.Value;
        await using var f = new ServerFactory(provider, s => s["OpenSda:ScreenEvery"] = "00:00:01");
        var aProvider = f.ClientFor(await f.KeyAsync("ORG-A", Role.Provider));
        var aAnalyst = f.ClientFor((await f.Store.AddKeyAsync("ORG-A", Role.Analyst)).Secret);
        var bAnalyst = f.ClientFor(await f.KeyAsync("ORG-B", Role.Analyst));
        (await aProvider.PostAsync("/api/v1/ingest?releasability=PUBLIC&dataMode=REAL", new StringContent(csv))).EnsureSuccessStatusCode();
        (await aAnalyst.PostAsJsonAsync("/api/v1/watch-lists", new { name = "mine", noradIds = new[] { b } })).EnsureSuccessStatusCode();

        JsonElement? done = null;
        for (var k = 0; k < 600 && done is null; k++)
        {
            await Task.Delay(100);
            var runs = JsonDocument.Parse(await aAnalyst.GetStringAsync("/api/v1/screening-runs")).RootElement.GetProperty("items").EnumerateArray().ToList();
            done = runs.FirstOrDefault(r => r.GetProperty("parameters").GetString()!.Contains("\"trigger\":\"schedule\"", StringComparison.Ordinal)
                && r.GetProperty("status").GetString() == "done") is { ValueKind: JsonValueKind.Object } r0 ? r0 : null;
        }
        Assert.True(done.HasValue, "no scheduled screening run finished for the watching organisation within 60 s");
        // ORG-B watches nothing: nothing is screened for it.
        var bRuns = JsonDocument.Parse(await bAnalyst.GetStringAsync("/api/v1/screening-runs")).RootElement.GetProperty("total").GetInt64();
        Assert.Equal(0, bRuns);
    }
}
