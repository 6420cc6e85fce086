using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenSda.Storage;
using OpenSda.Testing.Databases;

namespace OpenSda.Server.Tests;

/// <summary>
/// The randomised releasability test: many organisations in overlapping groups upload records of every
/// kind with random markings; each organisation screens (derived products) and streams. Then every
/// organisation's key is checked through every list, count, search, detail, stream and derived-product
/// endpoint against an independent model of the rules: a record is visible when it is PUBLIC, when the
/// caller's organisation originated it, or when its marking names the organisation or a group it belongs
/// to; a derived product is visible only inside the intersection of its inputs' audiences.
/// </summary>
public sealed class NoLeakTests
{
    private const int OrgCount = 7;
    private static readonly string[] Groups = ["G-ALPHA", "G-BETA", "G-GAMMA"];

    private sealed record Upload(long IngestId, string Originator, Releasability Marking);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task No_caller_sees_what_its_organisation_may_not_through_any_endpoint(string provider)
    {
        var rng = new Random(20241101);
        await using var f = new ServerFactory(provider);
        var store = f.Store;

        // Organisations in random, overlapping groups (every group has at least one member).
        var orgs = Enumerable.Range(1, OrgCount).Select(i => $"ORG-{i}").ToArray();
        var members = Groups.ToDictionary(g => g, _ => new HashSet<string>());
        foreach (var o in orgs) foreach (var g in Groups) if (rng.NextDouble() < 0.4) members[g].Add(o);
        for (var k = 0; k < Groups.Length; k++) members[Groups[k]].Add(orgs[k]);
        var keys = new Dictionary<(string, Role), string>();
        foreach (var o in orgs)
        {
            await store.AddOrganisationAsync(o, Groups.Where(g => members[g].Contains(o)));
            foreach (var r in new[] { Role.Viewer, Role.Analyst, Role.Provider })
                keys[(o, r)] = (await store.AddKeyAsync(o, r)).Secret;
        }
        HttpClient Client(string org, Role role) => f.ClientFor(keys[(org, role)]);

        // Streams open before anything happens, one per organisation.
        using var streamCts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var streams = orgs.ToDictionary(o => o, o => new StreamCollector(Client(o, Role.Viewer), streamCts.Token));
        foreach (var s in streams.Values) await s.Started;

        Releasability RandomMarking()
        {
            if (rng.NextDouble() < 0.25) return Releasability.Public;
            var pool = orgs.Concat(Groups).ToArray();
            return Releasability.To(pool.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)));
        }

        // Uploads of every kind.
        var uploads = new Dictionary<long, Upload>();
        var objects = new HashSet<int>();
        for (var i = 0; i < 40; i++)
        {
            var originator = orgs[rng.Next(orgs.Length)];
            var marking = RandomMarking();
            string body;
            switch (i % 4)
            {
                case 0: body = Tle(80000 + (i == 36 ? 0 : i), $"OBJ-{i}"); objects.Add(80000 + (i == 36 ? 0 : i)); break;
                case 1: body = Oem(81000 + i, $"OBJ-{i}", 0.3 * i); objects.Add(81000 + i); break;
                case 2: body = Tdm(81000 + i - 1); break;
                default: body = Cdm(80000 + i - 3, 81000 + i - 2); break;
            }
            var resp = await Client(originator, Role.Provider).PostAsync(
                $"/api/v1/ingest?releasability={Uri.EscapeDataString(marking.ToString())}&dataMode=REAL", new StringContent(body));
            Assert.True(resp.StatusCode == HttpStatusCode.OK, $"upload {i}: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
            var id = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement.GetProperty("ingestId").GetInt64();
            uploads[id] = new Upload(id, originator, marking);
        }

        // Each organisation watches every OEM object and screens what it may see (derived products).
        var oemObjects = Enumerable.Range(0, 40).Where(i => i % 4 == 1).Select(i => 81000 + i).ToArray();
        var runs = new Dictionary<long, string>();
        var watchLists = new Dictionary<long, string>();
        foreach (var o in orgs)
        {
            var analyst = Client(o, Role.Analyst);
            var wl = await analyst.PostAsJsonAsync("/api/v1/watch-lists", new { name = "oems", noradIds = oemObjects });
            watchLists[JsonDocument.Parse(await wl.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64()] = o;
            var run = await analyst.PostAsJsonAsync("/api/v1/screening-runs", new { thresholdKm = 50.0, start = "2024-11-01T00:00:00Z", durationHours = 1.5 });
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
            var runId = JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            runs[runId] = o;
            for (var t = 0; ; t++)
            {
                var status = JsonDocument.Parse(await analyst.GetStringAsync($"/api/v1/screening-runs/{runId}")).RootElement.GetProperty("status").GetString();
                if (status == "done") break;
                Assert.NotEqual("failed", status);
                Assert.True(t < 600, "screening run did not finish");
                await Task.Delay(50);
            }
        }

        // Ground truth, read through the store by a caller that belongs to every organisation and group.
        var callers = new Dictionary<string, Caller>();
        foreach (var o in orgs) callers[o] = (await store.AuthenticateAsync(keys[(o, Role.Viewer)]))!;
        var everyone = new Caller(-1, "ROOT", 0, Role.Admin, callers.Values.SelectMany(c => c.PrincipalIds).Distinct().ToImmutableArray());
        var all = Paging.Of(0, 1000);
        var elsets = new List<ElsetView>();
        foreach (var n in objects) elsets.AddRange((await store.GetElsetsAsync(everyone, n, false, all)).Items);
        var ephemerides = (await store.ListEphemeridesAsync(everyone, null, all)).Items;
        var observations = (await store.ListObservationsAsync(everyone, null, all)).Items;
        var conjunctions = (await store.SearchConjunctionsAsync(everyone, new ConjunctionQuery(null, null, null, null, null, null, null), all)).Items;
        Assert.Equal(10, elsets.Count);
        Assert.Equal(10, ephemerides.Count);
        Assert.Equal(10, observations.Count);
        Assert.True(conjunctions.Count(c => c.Source == "SCREENING") > 20, "the screening produced too few derived products to test");

        // The model.
        HashSet<string>? Audience(Upload u) => u.Marking.IsPublic ? null
            : u.Marking.Names.SelectMany(n => members.TryGetValue(n, out var m) ? m : [n]).Append(u.Originator).ToHashSet();
        bool Sees(string org, long ingestId) => Audience(uploads[ingestId]) is not { } a || a.Contains(org);
        var ephemerisIngest = ephemerides.ToDictionary(e => e.Id, e => e.Lineage.IngestId!.Value);
        HashSet<string>? DerivedAudience(ConjunctionView c)
        {
            HashSet<string>? acc = null;
            foreach (var input in c.Lineage.DerivedFrom.Select(RecordRef.Parse))
            {
                Assert.Equal("ephemeris", input.Kind);
                if (Audience(uploads[ephemerisIngest[input.Id]]) is not { } a) continue;
                if (acc == null) acc = [.. a]; else acc.IntersectWith(a);
            }
            return acc;
        }
        bool SeesConjunction(string org, ConjunctionView c) => c.Source == "CDM" ? Sees(org, c.Lineage.IngestId!.Value) : DerivedAudience(c) is not { } a || a.Contains(org);

        // Derived products carry exactly the intersection, computed by the server.
        foreach (var c in conjunctions.Where(c => c.Source == "SCREENING"))
        {
            var a = DerivedAudience(c);
            Assert.Equal(a == null ? "PUBLIC" : "REL TO " + string.Join(", ", a.Order(StringComparer.Ordinal)), c.Releasability);
            Assert.Contains(runs[c.ScreeningRunId!.Value], a ?? [runs[c.ScreeningRunId!.Value]]);
        }

        var streamed = new Dictionary<string, StreamCollector>(streams);
        await Task.Delay(300);
        await streamCts.CancelAsync();

        var checks = 0;
        foreach (var org in orgs)
        {
            var c = Client(org, Role.Viewer);
            async Task<JsonElement> Get(string url) => JsonDocument.Parse(await c.GetStringAsync(url)).RootElement;
            async Task<HttpStatusCode> Status(string url) => (await c.GetAsync(url)).StatusCode;
            static HashSet<long> Ids(JsonElement page, string prop = "id") => page.GetProperty("items").EnumerateArray().Select(x => x.GetProperty(prop).GetInt64()).ToHashSet();

            // Element sets, objects, search and counts.
            var myElsets = elsets.Where(e => Sees(org, e.Lineage.IngestId!.Value)).ToList();
            var myEphemerides = ephemerides.Where(e => Sees(org, e.Lineage.IngestId!.Value)).ToList();
            var myObjects = myElsets.Select(e => (long)e.NoradId).Concat(myEphemerides.Select(e => (long)e.NoradId)).ToHashSet();
            var objectsPage = await Get("/api/v1/objects?limit=1000");
            Assert.Equal(myObjects, Ids(objectsPage, "noradId"));
            Assert.Equal(myObjects.Count, objectsPage.GetProperty("total").GetInt32());
            Assert.Equal(myObjects.Count, (await Get("/api/v1/objects?q=OBJ&limit=1")).GetProperty("total").GetInt32());
            Assert.Equal(myObjects.Count, (await Get("/api/v1/objects?name=obj-&limit=1")).GetProperty("total").GetInt32());
            Assert.Equal(myObjects.Count(n => n < 81000), (await Get("/api/v1/objects?intlDesignator=2024-001&limit=1")).GetProperty("total").GetInt32());
            Assert.Subset(myObjects, Ids(await Get("/api/v1/objects?regime=LEO&limit=1000"), "noradId"));
            foreach (var n in objects)
            {
                var detail = await c.GetAsync($"/api/v1/objects/{n}");
                Assert.Equal(myObjects.Contains(n) ? HttpStatusCode.OK : HttpStatusCode.NotFound, detail.StatusCode);
                if (detail.StatusCode == HttpStatusCode.OK)
                {
                    var sources = JsonDocument.Parse(await detail.Content.ReadAsStringAsync()).RootElement.GetProperty("sources").EnumerateArray().ToList();
                    foreach (var s in sources)
                    {
                        var id = s.GetProperty("id").GetInt64();
                        Assert.True(s.GetProperty("kind").GetString() == "elset" ? myElsets.Any(e => e.Id == id) : myEphemerides.Any(e => e.Id == id), $"{org} sees source {id} of {n}");
                    }
                }
                var es = await Get($"/api/v1/objects/{n}/elsets?limit=1000");
                Assert.Equal(myElsets.Where(e => e.NoradId == n).Select(e => e.Id).ToHashSet(), Ids(es));
                Assert.Equal(myElsets.Count(e => e.NoradId == n), es.GetProperty("total").GetInt32());
                Assert.Equal(myEphemerides.Count(e => e.NoradId == n), (await Get($"/api/v1/objects/{n}/ephemerides")).GetProperty("total").GetInt32());
                checks += 4;
            }
            foreach (var e in elsets) Assert.Equal(myElsets.Contains(e) ? HttpStatusCode.OK : HttpStatusCode.NotFound, await Status($"/api/v1/elsets/{e.Id}"));

            // Ephemerides and observations.
            var ephPage = await Get("/api/v1/ephemerides?limit=1000");
            Assert.Equal(myEphemerides.Select(e => e.Id).ToHashSet(), Ids(ephPage));
            Assert.Equal(myEphemerides.Count, ephPage.GetProperty("total").GetInt32());
            foreach (var e in ephemerides) Assert.Equal(myEphemerides.Contains(e) ? HttpStatusCode.OK : HttpStatusCode.NotFound, await Status($"/api/v1/ephemerides/{e.Id}"));
            var myObs = observations.Where(o => Sees(org, o.Lineage.IngestId!.Value)).Select(o => o.Id).ToHashSet();
            var obsPage = await Get("/api/v1/observations?limit=1000");
            Assert.Equal(myObs, Ids(obsPage));
            Assert.Equal(myObs.Count, obsPage.GetProperty("total").GetInt32());
            foreach (var o in observations) Assert.Equal(myObs.Contains(o.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, await Status($"/api/v1/observations/{o.Id}"));

            // Conjunctions: uploaded (CDM) and derived, by list, filters, count and detail.
            var myConj = conjunctions.Where(x => SeesConjunction(org, x)).Select(x => x.Id).ToHashSet();
            var conjPage = await Get("/api/v1/conjunctions?limit=1000");
            Assert.Equal(myConj, Ids(conjPage));
            Assert.Equal(myConj.Count, conjPage.GetProperty("total").GetInt32());
            Assert.Equal(myConj.Count, (await Get("/api/v1/conjunctions?limit=1&maxMissKm=1000000&from=2000-01-01T00:00:00Z")).GetProperty("total").GetInt32());
            foreach (var n in oemObjects.Take(3))
                Assert.Equal(conjunctions.Where(x => myConj.Contains(x.Id) && (x.PrimaryNoradId == n || x.SecondaryNoradId == n)).Select(x => x.Id).ToHashSet(),
                    Ids(await Get($"/api/v1/conjunctions?limit=1000&noradId={n}")));
            foreach (var x in conjunctions) Assert.Equal(myConj.Contains(x.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, await Status($"/api/v1/conjunctions/{x.Id}"));
            foreach (var (run, owner) in runs)
            {
                Assert.Equal(owner == org ? HttpStatusCode.OK : HttpStatusCode.NotFound, await Status($"/api/v1/screening-runs/{run}"));
                Assert.Subset(myConj, Ids(await Get($"/api/v1/conjunctions?limit=1000&screeningRunId={run}")));
            }
            foreach (var (wl, owner) in watchLists)
            {
                Assert.Equal(owner == org ? HttpStatusCode.OK : HttpStatusCode.NotFound, await Status($"/api/v1/watch-lists/{wl}"));
                var viaList = Ids(await Get($"/api/v1/conjunctions?limit=1000&watchListId={wl}"));
                Assert.Subset(myConj, viaList);
                if (owner != org) Assert.Empty(viaList);
            }

            // Alerts: only the organisation's own, only for conjunctions it may see.
            var alerts = (await Get("/api/v1/alerts?limit=1000")).GetProperty("items").EnumerateArray().ToList();
            Assert.NotEmpty(alerts);
            foreach (var a in alerts)
            {
                Assert.Contains(a.GetProperty("conjunctionId").GetInt64(), myConj);
                Assert.Equal(org, watchLists[a.GetProperty("watchListId").GetInt64()]);
            }

            // The stream delivered exactly the conjunctions the organisation may see, and only its alerts.
            var got = streamed[org];
            Assert.Equal(myConj, got.Conjunctions.ToHashSet());
            Assert.Equal(alerts.Select(a => a.GetProperty("id").GetInt64()).ToHashSet(), got.Alerts.ToHashSet());
            checks += 10;
        }
        Assert.True(checks > 100);
        var verify = await store.Audit.VerifyAsync();
        Assert.True(verify.Ok, verify.Message);
    }

    /// <summary>Reads a Server-Sent Events stream in the background and collects the ids of conjunctions and alerts.</summary>
    private sealed class StreamCollector
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StreamCollector(HttpClient client, CancellationToken ct) => _ = RunAsync(client, ct);

        public Task Started => _started.Task;
        public List<long> Conjunctions { get; } = [];
        public List<long> Alerts { get; } = [];

        private async Task RunAsync(HttpClient client, CancellationToken ct)
        {
            try
            {
                using var resp = await client.GetAsync("/api/v1/stream", HttpCompletionOption.ResponseHeadersRead, ct);
                resp.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
                string? type = null;
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    _started.TrySetResult();
                    if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        var id = JsonDocument.Parse(line[6..]).RootElement.GetProperty("id").GetInt64();
                        lock (this) (type == "alert" ? Alerts : Conjunctions).Add(id);
                    }
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
            finally { _started.TrySetResult(); }
        }
    }

    internal static string Tle(int norad, string name)
    {
        static string Sum(string l) => l + (l.Sum(ch => ch == '-' ? 1 : char.IsDigit(ch) ? ch - '0' : 0) % 10).ToString(CultureInfo.InvariantCulture);
        var l1 = Sum($"1 {norad:00000}U 24001A   24305.50000000  .00016717  00000-0  10270-3 0  999");
        var l2 = Sum($"2 {norad:00000}  51.6416 247.4627 0006703 130.5360 325.0288 15.7212539156353");
        return $"{name}\n{l1}\n{l2}\n";
    }

    /// <summary>
    /// A circular orbit of radius 6878.137 km + <paramref name="offsetKm"/>, inclined 50° + offset (in degrees), starting on
    /// the x axis at 00:00 and sampled every minute for 100 min: all such orbits cross again near the opposite node after
    /// about 47 min, where the real screening finds their close approaches.
    /// </summary>
    internal static string Oem(int norad, string name, double offsetKm)
    {
        var sb = new StringBuilder($"CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2024-11-01T00:00:00\nORIGINATOR = TEST\nMETA_START\nOBJECT_NAME = {name}\nOBJECT_ID = {norad}\nCENTER_NAME = EARTH\nREF_FRAME = EME2000\nTIME_SYSTEM = UTC\nSTART_TIME = 2024-11-01T00:00:00\nSTOP_TIME = 2024-11-01T01:40:00\nMETA_STOP\n");
        const double Mu = 398600.4418;
        var r = 6878.137 + offsetKm;
        var inc = (50 + offsetKm) * Math.PI / 180;
        var v = Math.Sqrt(Mu / r);
        var t0 = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var k = 0; k <= 100; k++)
        {
            var u = v / r * k * 60;
            sb.Append(CultureInfo.InvariantCulture,
                $"{t0.AddMinutes(k):yyyy-MM-ddTHH:mm:ss} {r * Math.Cos(u):F6} {r * Math.Sin(u) * Math.Cos(inc):F6} {r * Math.Sin(u) * Math.Sin(inc):F6} {-v * Math.Sin(u):F9} {v * Math.Cos(u) * Math.Cos(inc):F9} {v * Math.Cos(u) * Math.Sin(inc):F9}\n");
        }
        return sb.ToString();
    }

    internal static string Tdm(int norad) => $"""
        CCSDS_TDM_VERS = 2.0
        CREATION_DATE = 2024-11-01T00:00:00
        ORIGINATOR = TEST
        META_START
        TIME_SYSTEM = UTC
        PARTICIPANT_1 = STATION-1
        PARTICIPANT_2 = {norad}
        MODE = SEQUENTIAL
        PATH = 1,2,1
        META_STOP
        DATA_START
        RANGE = 2024-11-01T00:00:00 1200.5
        RANGE = 2024-11-01T00:00:10 1201.5
        DATA_STOP
        """;

    internal static string Cdm(int a, int b) => $"""
        CCSDS_CDM_VERS = 1.0
        CREATION_DATE = 2024-11-01T00:00:00
        ORIGINATOR = TEST
        MESSAGE_ID = M-{a}-{b}
        TCA = 2024-11-02T00:00:00.000
        MISS_DISTANCE = 715 [m]
        RELATIVE_SPEED = 14762 [m/s]
        COLLISION_PROBABILITY = 4.835E-05
        OBJECT = OBJECT1
        OBJECT_DESIGNATOR = {a}
        OBJECT_NAME = A
        OBJECT = OBJECT2
        OBJECT_DESIGNATOR = {b}
        OBJECT_NAME = B
        """;
}
