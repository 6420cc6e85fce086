using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenSda.Storage;
using OpenSda.Testing.Databases;

namespace OpenSda.Server.Tests;

public sealed class ApiTests
{
    internal const string GoodTle = """
        ISS (ZARYA)
        1 25544U 98067A   24305.50000000  .00016717  00000-0  10270-3 0  9005
        2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537
        """;

    // Line 5 (line 1 of the second element set) has a letter in the epoch day field.
    internal const string MixedTle = """
        ISS (ZARYA)
        1 25544U 98067A   24305.50000000  .00016717  00000-0  10270-3 0  9005
        2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537
        BROKEN
        1 11111U 98067A   24305.5X000000  .00016717  00000-0  10270-3 0  9005
        2 11111  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537
        """;

    [Fact]
    public async Task Each_key_has_its_own_rate_limit()
    {
        await using var f = new ServerFactory("sqlite", s => s["OpenSda:RateLimitPerSecond"] = "5");
        var limited = f.ClientFor(await f.KeyAsync("NATION-A", Role.Viewer));
        var other = f.ClientFor(await f.KeyAsync("NATION-B", Role.Viewer));
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++) codes.Add((await limited.GetAsync("/api/v1/conjunctions?limit=1")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.Equal(HttpStatusCode.OK, codes[0]);
        // Another key of the same server is not held back by the first one's bucket.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/conjunctions?limit=1")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_endpoint_but_health_requires_a_valid_api_key(string provider)
    {
        await using var f = new ServerFactory(provider);
        var anonymous = f.ClientFor(null);
        var forged = f.ClientFor("osda_not-a-real-key");
        var endpoints = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} endpoints found");
        var checkedCount = 0;
        foreach (var e in endpoints)
        {
            var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart pp => pp.Name == "documentName" ? "v1" : "1",
                _ => "",
            }))));
            foreach (var m in methods)
            {
                foreach (var client in new[] { anonymous, forged })
                {
                    using var req = new HttpRequestMessage(new HttpMethod(m), path);
                    if (m is "POST" or "PUT") req.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                    using var resp = await client.SendAsync(req);
                    if (path == "/health") Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
                    else
                    {
                        Assert.True(resp.StatusCode == HttpStatusCode.Unauthorized, $"{m} {path} answered {(int)resp.StatusCode} without a valid key");
                        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
                    }
                    checkedCount++;
                }
            }
        }
        Assert.True(checkedCount >= 50);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_malformed_record_gets_400_naming_line_and_field_and_the_valid_one_is_committed(string provider)
    {
        await using var f = new ServerFactory(provider);
        var key = await f.KeyAsync("NATION-A", Role.Provider);
        var c = f.ClientFor(key);
        var resp = await c.PostAsync("/api/v1/ingest?releasability=PUBLIC&dataMode=REAL", new StringContent(MixedTle));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        var body = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal(5, rejected.GetProperty("line").GetInt32());
        Assert.Equal("EPOCH", rejected.GetProperty("field").GetString());
        var elsets = JsonDocument.Parse(await c.GetStringAsync("/api/v1/objects/25544/elsets")).RootElement;
        Assert.Equal(1, elsets.GetProperty("total").GetInt32());
        Assert.Equal("PUBLIC", elsets.GetProperty("items")[0].GetProperty("releasability").GetString());
        Assert.Equal("NATION-A", elsets.GetProperty("items")[0].GetProperty("originator").GetString());
        Assert.Equal(0, JsonDocument.Parse(await c.GetStringAsync("/api/v1/objects/11111/elsets")).RootElement.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_upload_with_nothing_valid_gets_400_and_commits_nothing(string provider)
    {
        await using var f = new ServerFactory(provider);
        var c = f.ClientFor(await f.KeyAsync("NATION-A", Role.Provider));
        var resp = await c.PostAsync("/api/v1/ingest?releasability=PUBLIC", new StringContent(MixedTle.Split('\n', 4)[3]));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        var body = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal(2, body.GetProperty("rejected")[0].GetProperty("line").GetInt32());
        Assert.Equal(0, JsonDocument.Parse(await c.GetStringAsync("/api/v1/objects")).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PostAsync("/api/v1/ingest?releasability=REL%20TO%20NOBODY", new StringContent(GoodTle))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PostAsync("/api/v1/ingest", new StringContent(GoodTle))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Roles_limit_what_a_key_may_do(string provider)
    {
        await using var f = new ServerFactory(provider);
        var viewer = f.ClientFor(await f.KeyAsync("NATION-A", Role.Viewer));
        var admin = f.ClientFor(await f.KeyAsync("NATION-A", Role.Admin));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/ingest?releasability=PUBLIC", new StringContent(GoodTle))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/screening-runs", new { thresholdKm = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/keys", new { role = "viewer" })).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/v1/keys", new { role = "viewer", label = "ops" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var fresh = f.ClientFor(key.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/objects")).StatusCode);
        var keys = await admin.GetStringAsync("/api/v1/keys");
        Assert.DoesNotContain(key.GetProperty("key").GetString()!, keys, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{key.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.GetAsync("/api/v1/objects")).StatusCode);
    }

    [Fact]
    public async Task The_served_openapi_document_matches_the_committed_one()
    {
        await using var f = new ServerFactory("sqlite");
        var c = f.ClientFor(await f.KeyAsync("NATION-A", Role.Viewer));
        var live = await c.GetStringAsync("/openapi/v1.json");
        var committedPath = Path.Combine(RepoRoot(), "src", "OpenSda.Server", "openapi.v1.json");
        var pretty = JsonSerializer.Serialize(JsonDocument.Parse(live).RootElement, new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("OPENSDA_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(committedPath, pretty);
        Assert.Equal(await File.ReadAllTextAsync(committedPath), pretty);
        Assert.Contains("/api/v1/objects/{noradId}/elsets", pretty, StringComparison.Ordinal);
        var served = await c.GetStringAsync("/api/v1/openapi.json");
        Assert.Equal(JsonDocument.Parse(pretty).RootElement.GetProperty("paths").ToString(), JsonDocument.Parse(served).RootElement.GetProperty("paths").ToString());
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "OpenSda.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root");
    }
}
