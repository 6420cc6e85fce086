using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenSda.Storage;

namespace OpenSda.Server.Tests;

/// <summary>CelesTrak and Space-Track pulls against a local fixture server on loopback (never the internet).</summary>
public sealed class FeedTests
{
    private const string GpJson = """
        [{"OBJECT_NAME":"ISS (ZARYA)","OBJECT_ID":"1998-067A","EPOCH":"2024-10-31T13:56:02.456736","MEAN_MOTION":15.50886758,"ECCENTRICITY":0.0008966,"INCLINATION":51.6392,"RA_OF_ASC_NODE":359.7717,"ARG_OF_PERICENTER":122.2149,"MEAN_ANOMALY":237.971,"EPHEMERIS_TYPE":0,"CLASSIFICATION_TYPE":"U","NORAD_CAT_ID":25544,"ELEMENT_SET_NO":999,"REV_AT_EPOCH":47970,"BSTAR":0.00060166,"MEAN_MOTION_DOT":0.0003518,"MEAN_MOTION_DDOT":0},
         {"OBJECT_NAME":"VANGUARD 1","OBJECT_ID":"1958-002B","EPOCH":"2024-10-29T12:18:43.492896","MEAN_MOTION":"10.85746790","ECCENTRICITY":".1843421","INCLINATION":"34.2551","RA_OF_ASC_NODE":"352.8583","ARG_OF_PERICENTER":"332.7861","MEAN_ANOMALY":"18.6796","NORAD_CAT_ID":"5","BSTAR":".16091E-2"}]
        """;

    private sealed class Fixture : IAsyncDisposable
    {
        public readonly List<string> Requests = [];
        private readonly WebApplication _app;

        private Fixture(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.First();

        public static async Task<Fixture> StartAsync()
        {
            var b = WebApplication.CreateSlimBuilder();
            b.WebHost.UseUrls("http://127.0.0.1:0");
            var app = b.Build();
            var f = new Fixture(app);
            app.Use(async (ctx, next) => { lock (f.Requests) f.Requests.Add($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString} inm={ctx.Request.Headers.IfNoneMatch}"); await next(ctx); });
            app.MapGet("/NORAD/elements/gp.php", (HttpContext ctx) =>
            {
                if (ctx.Request.Headers.IfNoneMatch == "\"v1\"") return Results.StatusCode(304);
                ctx.Response.Headers.ETag = "\"v1\"";
                return Results.Text(GpJson, "application/json");
            });
            app.MapPost("/ajaxauth/login", async (HttpContext ctx) =>
            {
                var form = await ctx.Request.ReadFormAsync();
                if (form["identity"] != "analyst@example.org" || form["password"] != "s3cret") return Results.Text("{\"Login\":\"Failed\"}", "application/json");
                ctx.Response.Cookies.Append("chocolatechip", "session-1");
                return Results.Text("\"\"", "application/json");
            });
            app.MapGet("/basicspacedata/query/{**q}", (HttpContext ctx) =>
                ctx.Request.Cookies["chocolatechip"] == "session-1" ? Results.Text(GpJson, "application/json") : Results.StatusCode(401));
            app.MapGet("/ajaxauth/logout", () => Results.Ok());
            await app.StartAsync();
            return f;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    [Fact]
    public async Task CelesTrak_is_not_asked_again_within_its_interval_and_then_conditionally()
    {
        await using var fixture = await Fixture.StartAsync();
        await using var f = new ServerFactory("sqlite", s =>
        {
            s["OpenSda:CelesTrak:BaseUrl"] = fixture.BaseUrl;
            // Long enough that a slow first pull on a loaded machine still falls inside it.
            s["OpenSda:CelesTrak:MinInterval"] = "00:00:05";
        });
        var c = f.ClientFor(await f.KeyAsync("NATION-A", Role.Provider));
        var first = JsonDocument.Parse(await (await c.PostAsync("/api/v1/feeds/celestrak/pull?group=active", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("fetched", first.GetProperty("outcome").GetString());
        Assert.Equal(2, first.GetProperty("accepted").GetInt32());
        var second = JsonDocument.Parse(await (await c.PostAsync("/api/v1/feeds/celestrak/pull?group=active", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("skipped", second.GetProperty("outcome").GetString());
        Assert.Single(fixture.Requests);
        await Task.Delay(5100);
        var third = JsonDocument.Parse(await (await c.PostAsync("/api/v1/feeds/celestrak/pull?group=active", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("not-modified", third.GetProperty("outcome").GetString());
        Assert.Equal(2, fixture.Requests.Count);
        Assert.Contains("inm=\"v1\"", fixture.Requests[1], StringComparison.Ordinal);
        var elsets = JsonDocument.Parse(await c.GetStringAsync("/api/v1/objects/5/elsets")).RootElement;
        Assert.Equal(1, elsets.GetProperty("total").GetInt32());
        Assert.Equal("CELESTRAK", elsets.GetProperty("items")[0].GetProperty("originator").GetString());
        Assert.Equal("celestrak-gp", elsets.GetProperty("items")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Space_track_is_pulled_with_the_callers_credentials_and_kept_to_its_organisation()
    {
        await using var fixture = await Fixture.StartAsync();
        await using var f = new ServerFactory("sqlite", s => s["OpenSda:SpaceTrack:BaseUrl"] = fixture.BaseUrl);
        var a = f.ClientFor(await f.KeyAsync("NATION-A", Role.Provider));
        var b = f.ClientFor(await f.KeyAsync("NATION-B", Role.Viewer));
        var bad = await a.PostAsJsonAsync("/api/v1/feeds/space-track/pull", new { username = "analyst@example.org", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        var ok = await a.PostAsJsonAsync("/api/v1/feeds/space-track/pull", new { username = "analyst@example.org", password = "s3cret" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
        var again = await a.PostAsJsonAsync("/api/v1/feeds/space-track/pull", new { username = "analyst@example.org", password = "s3cret" });
        Assert.Equal("skipped", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        Assert.Contains(fixture.Requests, r => r.StartsWith("GET /ajaxauth/logout", StringComparison.Ordinal));
        Assert.Equal(1, fixture.Requests.Count(r => r.StartsWith("GET /basicspacedata", StringComparison.Ordinal)));
        var mine = JsonDocument.Parse(await a.GetStringAsync("/api/v1/objects/25544/elsets")).RootElement;
        Assert.Equal("REL TO NATION-A", mine.GetProperty("items")[0].GetProperty("releasability").GetString());
        Assert.Equal(0, JsonDocument.Parse(await b.GetStringAsync("/api/v1/objects/25544/elsets")).RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain("s3cret", await File.ReadAllTextAsync(f.Location.Target), StringComparison.Ordinal);
    }
}
