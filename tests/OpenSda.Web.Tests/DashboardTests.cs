using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OpenSda.Web.Tests;

/// <summary>The five end-to-end scenarios of the dashboard, origin confinement, accessibility and the measured figures.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardServer server, ITestOutputHelper output)
{
    private const float Timeout = 90_000;
    private const int PrivateObject = 99990;
    private const string PrivateMarking = "REL TO ACME-SPACE, NATION-A";

    private sealed record Session(IBrowserContext Context, IPage Page, List<string> Requests, List<IResponse> Responses) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Context.CloseAsync();
    }

    private async Task<Session> OpenAsync()
    {
        var ctx = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 }, AcceptDownloads = true });
        ctx.SetDefaultTimeout(Timeout);
        var requests = new List<string>();
        var responses = new List<IResponse>();
        ctx.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        ctx.Response += (_, r) => { lock (responses) responses.Add(r); };
        var page = await ctx.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine("console: " + m.Text); };
        return new Session(ctx, page, requests, responses);
    }

    private async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync(server.Origin + "/");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("body[data-catalog-count]");
        await page.WaitForSelectorAsync("body[data-globe-ready='true']");
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServer.Artifacts("screenshots"), name + ".png") });

    private static Task<string> BannerAsync(IPage page, string id = "#banner-top") => page.InnerTextAsync(id);

    private static async Task<int[]> GlobeIdsAsync(IPage page) =>
        await page.EvaluateAsync<int[]>("() => Array.from(window.opensda.globe.catalog.noradId)");

    [Fact]
    public async Task Scenario1_the_commercial_partner_sees_its_private_object_with_its_marking_in_both_banners()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("ACME-SPACE"));
        Assert.Contains(PrivateObject, await GlobeIdsAsync(s.Page));
        Assert.Equal(PrivateMarking, await BannerAsync(s.Page));
        Assert.Equal(PrivateMarking, await BannerAsync(s.Page, "#banner-bottom"));
        // At the catalog day's start the OEM covers the time: the point is drawn.
        var drawn = await s.Page.EvaluateAsync<bool>($"() => window.opensda.globe.positionOf({PrivateObject}) !== null");
        Assert.True(drawn);
        await ShotAsync(s.Page, "1-globe-acme");

        await s.Page.ClickAsync("nav a[data-view='objects']");
        await s.Page.FillAsync("#search", "ACME");
        await s.Page.PressAsync("#search", "Enter");
        await s.Page.WaitForSelectorAsync($"[data-testid='objects-table'] td:text-is('{PrivateObject}')");
        await s.Page.GotoAsync(server.Origin + $"/#/object/{PrivateObject}");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='object'] [data-testid='object-title']");
        Assert.Contains("ACME-SAT-1", await s.Page.InnerTextAsync("[data-testid='object-title']"));
        Assert.Equal("UNKNOWN", await s.Page.InnerTextAsync("[data-testid='object-owner']")); // not in the bundled owner table
        Assert.Contains(PrivateMarking, await s.Page.InnerTextAsync("[data-testid='sources-table']"));
        await s.Page.WaitForSelectorAsync("body[data-track-points]");
        Assert.Equal(PrivateMarking, await BannerAsync(s.Page));
        await ShotAsync(s.Page, "2-object-view-acme");
    }

    [Fact]
    public async Task Scenario2_the_other_nation_sees_the_private_object_nowhere_and_no_response_carries_it()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("NATION-B"));
        var ids = await GlobeIdsAsync(s.Page);
        Assert.DoesNotContain(PrivateObject, ids);
        Assert.True(ids.Length > 20_000, $"the public catalog is on the globe ({ids.Length})");

        await s.Page.ClickAsync("nav a[data-view='objects']");
        foreach (var q in new[] { "ACME", PrivateObject.ToString(CultureInfo.InvariantCulture) })
        {
            await s.Page.FillAsync("#search", q);
            await s.Page.PressAsync("#search", "Enter");
            await s.Page.WaitForSelectorAsync("#search-results p:text-is('0 matches')");
        }
        await s.Page.ClickAsync("nav a[data-view='conjunctions']");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='conjunctions'] [data-testid='conjunctions-table']");
        var table = await s.Page.InnerTextAsync("[data-testid='conjunctions-table']");
        Assert.DoesNotContain(PrivateObject.ToString(CultureInfo.InvariantCulture), table, StringComparison.Ordinal);
        // A day's screening of the whole catalog gives thousands of conjunctions: the server filters by object.
        await s.Page.FillAsync("#conj-filter", "99993");
        await s.Page.WaitForSelectorAsync("body[data-conj-query*='noradId=99993'] [data-testid='conjunctions-table']");
        table = await s.Page.InnerTextAsync("[data-testid='conjunctions-table']");
        Assert.Contains("99993", table, StringComparison.Ordinal); // the alliance's own conjunction is listed
        await s.Page.FillAsync("#conj-filter", PrivateObject.ToString(CultureInfo.InvariantCulture));
        await s.Page.WaitForSelectorAsync($"body[data-conj-query*='noradId={PrivateObject}']");
        Assert.Contains("0 shown of 0", await s.Page.InnerTextAsync("[data-testid='conj-count']"), StringComparison.Ordinal);
        await ShotAsync(s.Page, "3-conjunctions-nation-b");
        await s.Page.GotoAsync(server.Origin + $"/#/object/{PrivateObject}");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='object']");
        Assert.Contains("Not found", await s.Page.InnerTextAsync("#panel"));
        await s.Page.ClickAsync("nav a[data-view='overflight']");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='overflight']");

        // No response the browser received names the object: text bodies by name or number, binary position samples by their id table.
        // (The organisation directory, which lists ACME-SPACE as a name markings may use, is public by design.)
        var checkedBodies = 0;
        List<IResponse> responses;
        lock (s.Responses) responses = [.. s.Responses];
        foreach (var r in responses.Where(r => r.Url.Contains("/api/", StringComparison.Ordinal) && !r.Url.Contains("/stream", StringComparison.Ordinal)))
        {
            byte[] body;
            try { body = await r.BodyAsync(); } catch (PlaywrightException) { continue; }
            checkedBodies++;
            if ((await r.HeaderValueAsync("content-type"))?.StartsWith("application/octet-stream", StringComparison.Ordinal) == true)
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(8));
                for (var i = 0; i < n; i++) Assert.NotEqual(PrivateObject, BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(32 + 4 * i)));
                continue;
            }
            var text = Encoding.UTF8.GetString(body);
            if (r.Url.Contains("99990", StringComparison.Ordinal) || r.Url.Contains("ACME", StringComparison.Ordinal))
            {
                // The user asked for it by number or name: the answer is a 404 or an empty page (it may echo the question, nothing more).
                Assert.True(r.Status == 404 || JsonDocument.Parse(text).RootElement.GetProperty("total").GetInt64() == 0, $"{r.Url} answered {r.Status}: {text}");
                Assert.DoesNotContain("ACME-SAT", text, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            Assert.DoesNotContain("ACME-SAT", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(NumberToken(), text);
        }
        Assert.True(checkedBodies >= 6, $"responses checked: {checkedBodies}");
        output.WriteLine($"responses checked for the private object: {checkedBodies}");
    }

    [GeneratedRegex(@"(?<![\d.])99990(?![\d.])")]
    private static partial Regex NumberToken();

    [Fact]
    public async Task Scenario3_the_closest_conjunction_opens_with_its_encounter_geometry_plot()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("NATION-A"));
        await s.Page.ClickAsync("nav a[data-view='conjunctions']");
        await s.Page.WaitForSelectorAsync("[data-testid='conjunctions-table']");
        await s.Page.ClickAsync("[data-testid='conjunctions-table'] button[data-col='miss']");
        await s.Page.WaitForSelectorAsync("[data-testid='conjunctions-table'] th[aria-sort='ascending'] button[data-col='miss']");
        var firstMiss = double.Parse(await s.Page.InnerTextAsync("[data-testid='conjunctions-table'] tbody tr:first-child td[data-col='miss']"), CultureInfo.InvariantCulture);
        using var http = server.Client(server.Key("NATION-A"));
        var all = JsonDocument.Parse(await http.GetStringAsync("/api/v1/conjunctions?limit=1000")).RootElement.GetProperty("items");
        var closest = all.EnumerateArray().MinBy(c => c.GetProperty("missKm").GetDouble());
        Assert.Equal(closest.GetProperty("missKm").GetDouble(), firstMiss, 3);

        // Keyboard: focus the first row and open it with Enter.
        await s.Page.FocusAsync("[data-testid='conjunctions-table'] tbody tr:first-child");
        await s.Page.Keyboard.PressAsync("Enter");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='conjunction'] [data-testid='geometry-plot']");
        Assert.Equal(2, await s.Page.Locator("[data-testid='geometry-plot'] ellipse").CountAsync());
        Assert.Equal(1, await s.Page.Locator("[data-testid='geometry-plot'] [data-testid='miss-point']").CountAsync());
        Assert.Contains($"{closest.GetProperty("missKm").GetDouble():0.000} km", await s.Page.InnerTextAsync("[data-testid='conj-miss']"));
        // The banner is the most restrictive marking on screen: the conjunction's, or a restricted object on the globe behind it.
        var catalogMarkings = JsonDocument.Parse(await http.GetStringAsync("/api/v1/web/catalog")).RootElement.GetProperty("markings").EnumerateArray().Select(m => m.GetString()!).ToList();
        var banner = await BannerAsync(s.Page);
        Assert.Contains(banner, catalogMarkings.Append(closest.GetProperty("releasability").GetString()!));
        Assert.NotEqual("PUBLIC", banner); // NATION-A sees ACME-SPACE's private object on the globe
        // The ellipse (and a screening Pc) rest on the default covariance model, labelled with each object's type and element-set age.
        Assert.Matches(@"default covariance model \((payload|rocket body|debris|unknown), \d+\.\d\d d", await s.Page.InnerTextAsync("#panel"));

        var id = closest.GetProperty("id").GetInt64();
        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.ClickAsync("#cdm-download"));
        var cdm = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("CCSDS_CDM_VERS", cdm, StringComparison.Ordinal);
        Assert.Contains($"OPENSDA-CONJ-{id}", cdm, StringComparison.Ordinal);
        await ShotAsync(s.Page, "4-conjunction-geometry");
    }

    [Fact]
    public async Task Scenario4_an_area_drawn_on_the_globe_gives_the_passes_and_dark_windows_of_the_api()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("NATION-A"));
        await s.Page.ClickAsync("nav a[data-view='overflight']");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='overflight']");
        await s.Page.SelectOptionAsync("#ov-mode", "polygon");
        // Draw a polygon by clicking the globe around the middle of the view (the camera looks at the default area).
        var box = (await s.Page.Locator("#globe canvas").First.BoundingBoxAsync())!;
        float cx = box.X + box.Width / 2, cy = box.Y + box.Height / 2;
        await s.Page.WaitForTimeoutAsync(0);
        await s.Page.WaitForFunctionAsync("() => !window.opensda.globe.viewer.camera._flight"); // camera settled (no fixed sleep)
        foreach (var (dx, dy) in new[] { (-90f, -70f), (90f, -70f), (110f, 60f), (-100f, 70f) })
            await s.Page.Mouse.ClickAsync(cx + dx, cy + dy);
        await s.Page.ClickAsync("#ov-finish");
        await s.Page.WaitForSelectorAsync("[data-testid='ov-area']:has-text('polygon')");
        await s.Page.SelectOptionAsync("#ov-by", "list");
        await s.Page.FillAsync("#ov-select", "25544, 20580, 43013, 48274");
        await s.Page.ClickAsync("#ov-run");
        await s.Page.WaitForSelectorAsync("[data-testid='gantt']");
        var area = await s.Page.EvaluateAsync<JsonElement>("() => window.opensda.overflight().area");
        Assert.Equal("polygon", area.GetProperty("type").GetString());
        Assert.Equal(4, area.GetProperty("coordinates").GetArrayLength());

        using var http = server.Client(server.Key("NATION-A"));
        var body = JsonSerializer.Serialize(new
        {
            area,
            from = await s.Page.InputValueAsync("#ov-from"),
            to = await s.Page.InputValueAsync("#ov-to"),
            noradIds = new[] { 25544, 20580, 43013, 48274 },
            minElevationDeg = 0.0,
            halfAngleDeg = 30.0,
            sensor = "any",
        });
        var r = await http.PostAsync("/api/v1/overflights", new StringContent(body, Encoding.UTF8, "application/json"));
        r.EnsureSuccessStatusCode();
        var expected = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        var passes = expected.GetProperty("passes").EnumerateArray().Select(p => $"{p.GetProperty("noradId").GetInt32()} {p.GetProperty("start").GetString()} {p.GetProperty("end").GetString()}").ToList();
        var dark = expected.GetProperty("darkWindows").EnumerateArray().Select(d => $"{d.GetProperty("start").GetString()} {d.GetProperty("end").GetString()}").ToList();
        Assert.NotEmpty(passes);
        Assert.NotEmpty(dark);

        static string Iso(string shown) => shown.Replace(' ', 'T');
        var uiPasses = await s.Page.EvaluateAsync<string[][]>("() => Array.from(document.querySelectorAll(\"[data-testid='passes-table'] tbody tr\")).map(r => Array.from(r.cells).map(c => c.textContent))");
        var uiDark = await s.Page.EvaluateAsync<string[][]>("() => Array.from(document.querySelectorAll(\"[data-testid='dark-table'] tbody tr\")).map(r => Array.from(r.cells).map(c => c.textContent))");
        Assert.Equal(passes.Order(), uiPasses.Select(c => $"{c[3].Split(' ')[0]} {Iso(c[0])} {Iso(c[1])}").Select(x => x.Replace("Z", ".000Z", StringComparison.Ordinal)).Order());
        Assert.Equal(dark.Order(), uiDark.Select(c => $"{Iso(c[0])} {Iso(c[1])}".Replace("Z", ".000Z", StringComparison.Ordinal)).Order());
        // The richer fields of each pass (best view, elevation, off-nadir, sunlight) are those of the API.
        var apiFields = expected.GetProperty("passes").EnumerateArray().Select(p => string.Join(" ", p.GetProperty("noradId").GetInt32(), p.GetProperty("best").GetString()!.Replace(".000Z", "Z", StringComparison.Ordinal),
            p.GetProperty("elevationDeg").GetDouble().ToString("0.0", CultureInfo.InvariantCulture), p.GetProperty("offNadirDeg").GetDouble().ToString("0.0", CultureInfo.InvariantCulture),
            p.GetProperty("sunlit").GetBoolean() ? "yes" : "no")).Order();
        Assert.Equal(apiFields, uiPasses.Select(c => string.Join(" ", c[3].Split(' ')[0], Iso(c[4]), c[5], c[7], c[8].Split(' ')[0])).Order());
        Assert.Equal(passes.Count, await s.Page.Locator("[data-testid='gantt'] rect.pass-bar").CountAsync());
        Assert.Equal(passes.Count, await s.Page.Locator("[data-testid='gantt'] line.best-view").CountAsync());
        Assert.Equal(dark.Count, await s.Page.Locator("[data-testid='gantt'] rect.dark-window").CountAsync());

        var csv = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.ClickAsync("#ov-csv"));
        var lines = (await File.ReadAllLinesAsync(await csv.PathAsync())).Skip(1).ToList();
        Assert.Equal(passes.Count + dark.Count, lines.Count);
        await ShotAsync(s.Page, "5-overflight-planner");
        await s.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await ShotAsync(s.Page, "6-overflight-printable");
        output.WriteLine($"overflight: {passes.Count} passes, {dark.Count} dark windows");
        await File.WriteAllTextAsync(Path.Combine(DashboardServer.Artifacts("web"), "overflight.txt"), $"{passes.Count} passes, {dark.Count} dark windows, UI equal to the API\n");
    }

    [Fact]
    public async Task Detected_manoeuvres_are_marked_on_the_object_timeline_for_those_who_may_see_the_history()
    {
        // NATION-A uploads the Space-Track history of IRIDIUM 33 around its 2009 collision, releasable to itself only.
        var history = await File.ReadAllTextAsync(OpenSda.Testing.SharedData.Data("iridium33_cosmos2251_gp_history_2009.csv"));
        await server.IngestAsync(server.Key("NATION-A", "provider"), history, "REL TO NATION-A");
        using var http = server.Client(server.Key("NATION-A"));
        var api = JsonDocument.Parse(await http.GetStringAsync("/api/v1/objects/24946/maneuvers")).RootElement;
        var expected = api.GetProperty("maneuvers").EnumerateArray().Select(m => m.GetProperty("estimatedTime").GetString()!).ToList();
        Assert.NotEmpty(expected);

        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("NATION-A"));
        await s.Page.GotoAsync(server.Origin + "/#/object/24946");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='object'] [data-testid='maneuvers-table']");
        var shown = await s.Page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll(\"[data-testid='maneuvers-table'] tbody td[data-col='t']\")).map(c => c.textContent)");
        Assert.Equal(expected.Select(t => Regex.Replace(t, @"\.\d+Z$", "Z").Replace('T', ' ')).Order(), shown.Order());
        // Each event is marked on the three element-history plots (altitude, apogee/perigee, inclination).
        Assert.Equal(3 * expected.Count, await s.Page.Locator("[data-testid='maneuver-mark']").CountAsync());
        Assert.Equal("REL TO NATION-A", await BannerAsync(s.Page));
        await s.Page.Locator("[data-testid='maneuvers-table']").ScrollIntoViewIfNeededAsync();
        await ShotAsync(s.Page, "2b-object-maneuvers");

        // NATION-B sees only the public element set: no history, no manoeuvre.
        await using var b = await OpenAsync();
        await SignInAsync(b.Page, server.Key("NATION-B"));
        await b.Page.GotoAsync(server.Origin + "/#/object/24946");
        await b.Page.WaitForSelectorAsync("body[data-view-ready='object'] [data-testid='object-title']");
        Assert.Equal(0, await b.Page.Locator("[data-testid='maneuver-mark']").CountAsync());
        Assert.Equal(0, await b.Page.Locator("[data-testid='maneuvers-table']").CountAsync());
        Assert.DoesNotContain("NATION-A", await BannerAsync(b.Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario5_an_alert_pushed_by_the_server_appears_in_the_feed_within_two_seconds()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("NATION-A", "analyst"));
        await s.Page.ClickAsync("nav a[data-view='watch']");
        await s.Page.WaitForSelectorAsync("body[data-view-ready='watch'] #wl-form");
        await s.Page.FillAsync("#wl-name", "protected");
        await s.Page.FillAsync("#wl-ids", "99995");
        await s.Page.ClickAsync("#wl-form button[type='submit']");
        await s.Page.WaitForSelectorAsync("#watch-lists li:has-text('99995')");
        await s.Page.WaitForSelectorAsync("body[data-stream='connected']");

        await server.IngestAsync(server.Key("NATION-A", "provider"), DashboardServer.Oem("NATION-A SAT 5", 99995, "NATION-A", 6978.137, 40.0, 0), "REL TO NATION-A");
        await server.IngestAsync(server.Key("NATION-A", "provider"), DashboardServer.Oem("NATION-A SAT 6", 99996, "NATION-A", 6978.637, 41.0, 0), "REL TO NATION-A");
        await server.ScreenAsync(server.Key("NATION-A", "analyst"));
        await s.Page.WaitForSelectorAsync("#alert-feed li", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var latency = await s.Page.EvaluateAsync<double[]>("() => window.opensda.alerts.filter(a => Number.isFinite(a.receivedAt)).map(a => a.receivedAt - Date.parse(a.createdAt))");
        Assert.NotEmpty(latency);
        output.WriteLine($"alert latency (server createdAt → in the feed): {string.Join(", ", latency.Select(l => l.ToString("0", CultureInfo.InvariantCulture)))} ms");
        await File.WriteAllTextAsync(Path.Combine(DashboardServer.Artifacts("web"), "alert-latency-ms.txt"), string.Join("\n", latency.Select(l => l.ToString("0", CultureInfo.InvariantCulture))) + "\n");
        Assert.All(latency, l => Assert.InRange(l, -1000, 2000));
        Assert.Contains("99995", await s.Page.InnerTextAsync("#alert-feed"));
        await ShotAsync(s.Page, "7-watch-alerts");
    }

    [Fact]
    public async Task No_request_leaves_the_server_origin_and_the_main_views_have_no_serious_accessibility_violations()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("ACME-SPACE"));
        var report = new List<string>();
        foreach (var view in new[] { "globe", "objects", "conjunctions", "watch", "overflight" })
        {
            await s.Page.ClickAsync($"nav a[data-view='{view}']");
            await s.Page.WaitForSelectorAsync($"body[data-view-ready='{view}']");
            var axe = await s.Page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions());
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            foreach (var v in axe.Violations) report.Add($"{view}: {v.Impact} {v.Id} ({v.Nodes.Length} nodes) {v.Help}");
            Assert.True(serious.Count == 0, $"{view}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
        }
        foreach (var line in report) output.WriteLine(line);
        await File.WriteAllLinesAsync(Path.Combine(DashboardServer.Artifacts("web"), "axe.txt"), report);
        List<string> requests;
        lock (s.Requests) requests = [.. s.Requests];
        Assert.True(requests.Count > 10);
        var outside = requests.Where(u => !u.StartsWith(server.Origin + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the origin: " + string.Join(", ", outside.Distinct().Take(10)));
        output.WriteLine($"{requests.Count} requests, all to {server.Origin}");
        await File.WriteAllTextAsync(Path.Combine(DashboardServer.Artifacts("web"), "requests.txt"), $"{requests.Count} requests, all to {server.Origin}\n");
    }

    [Fact]
    public async Task First_render_frame_rate_and_payload_of_the_full_catalog_are_measured()
    {
        await using var s = await OpenAsync();
        await SignInAsync(s.Page, server.Key("NATION-A"));
        var m = await s.Page.EvaluateAsync<JsonElement>("() => window.opensda.metrics");
        var firstRender = m.GetProperty("firstRenderMs").GetDouble();
        var chunkBytes = m.GetProperty("positionsChunkBytes").GetDouble();
        var count = int.Parse(await s.Page.GetAttributeAsync("body", "data-catalog-count") ?? "0", CultureInfo.InvariantCulture);
        await s.Page.ClickAsync("#play");
        await s.Page.WaitForSelectorAsync("#play[aria-pressed='true']");
        // The same page, the same animation, drawn each way in turn: Cesium's PointPrimitiveCollection (the first renderer),
        // then one vertex buffer of positions updated per frame (the default).
        async Task<(double Fps, double UpdateMs)> MeasureAsync(string renderer)
        {
            await s.Page.EvaluateAsync($"() => window.opensda.globe.setRenderer('{renderer}')");
            await s.Page.WaitForFunctionAsync("n => window.opensda.metrics.frames > n", await s.Page.EvaluateAsync<double>("() => window.opensda.metrics.frames + 3"));
            var before = await s.Page.EvaluateAsync<double[]>("() => [window.opensda.metrics.updateMsTotal, window.opensda.metrics.updates]");
            var fps = await s.Page.EvaluateAsync<double>("() => window.opensda.globe.measureFps(5000)");
            var after = await s.Page.EvaluateAsync<double[]>("() => [window.opensda.metrics.updateMsTotal, window.opensda.metrics.updates]");
            return (fps, (after[0] - before[0]) / Math.Max(1, after[1] - before[1]));
        }
        var primitives = await MeasureAsync("points");
        await ShotAsync(s.Page, "0b-globe-animating-point-primitives");
        var globeOnly = await MeasureAsync("none");
        var buffer = await MeasureAsync("buffer");
        var fps = buffer.Fps;
        var shown = int.Parse(await s.Page.GetAttributeAsync("body", "data-shown") ?? "0", CultureInfo.InvariantCulture);
        await ShotAsync(s.Page, "0-globe-animating");

        // Picking on the vertex-buffer renderer: pause, find a drawn point in front of the Earth, click it, it is selected.
        await s.Page.ClickAsync("#play");
        var target = await s.Page.EvaluateAsync<double[]>(@"() => {
            const g = window.opensda.globe, C = Cesium, scene = g.viewer.scene, cat = g.catalog;
            const occ = new C.EllipsoidalOccluder(C.Ellipsoid.WGS84, scene.camera.positionWC);
            for (let i = 0; i < cat.count; i += 97) {
                const p = g.positionOf(cat.noradId[i]);
                if (!p) continue;
                const c = new C.Cartesian3(p[0] * 1000, p[1] * 1000, p[2] * 1000);
                const w = C.SceneTransforms.worldToWindowCoordinates(scene, c);
                if (w && occ.isPointVisible(c) && w.x > 50 && w.y > 50 && w.x < scene.canvas.clientWidth - 50 && w.y < scene.canvas.clientHeight - 50) return [w.x, w.y];
            }
            return [];
        }");
        Assert.Equal(2, target.Length);
        var canvas = (await s.Page.Locator("#globe canvas").First.BoundingBoxAsync())!;
        await s.Page.Mouse.ClickAsync(canvas.X + (float)target[0], canvas.Y + (float)target[1]);
        await s.Page.WaitForSelectorAsync("body[data-view-ready='object'] [data-testid='object-title']");
        Assert.False(string.IsNullOrEmpty(await s.Page.GetAttributeAsync("body", "data-selected")));
        var figures = new
        {
            objects = count,
            shownWhileAnimating = shown,
            firstRenderMs = Math.Round(firstRender),
            firstChunkMs = Math.Round(m.GetProperty("firstChunkMs").GetDouble()),
            framesPerSecondAnimating = Math.Round(fps, 1),
            interpolationMsPerFrame = Math.Round(buffer.UpdateMs, 1),
            framesPerSecondPointPrimitiveCollection = Math.Round(primitives.Fps, 1),
            updateMsPerFramePointPrimitiveCollection = Math.Round(primitives.UpdateMs, 1),
            framesPerSecondGlobeWithoutCatalog = Math.Round(globeOnly.Fps, 1),
            pointsHiddenBehindEarth = await s.Page.EvaluateAsync<double>("() => window.opensda.metrics.hiddenBehindEarth"),
            positionsChunkBytes = chunkBytes,
            bytesPerSampleTime = Math.Round((chunkBytes - 32 - 4.0 * count) / 16),
            catalogIndexJsonChars = m.GetProperty("catalogBytes").GetDouble(),
        };
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(json);
        await File.WriteAllTextAsync(Path.Combine(DashboardServer.Artifacts("web"), "figures.json"), json);
        Assert.True(count > 20_000);
        Assert.True(shown > 20_000, $"points drawn: {shown}");
        Assert.True(fps > 0);
        Assert.True(firstRender < 60_000, $"first render {firstRender} ms");
    }
}
