using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenSda.Storage;
using OpenSda.Testing.Databases;

namespace OpenSda.Server.Tests;

/// <summary>The real server in-process over a fresh database of the given provider (no bundled catalog, no rate limit in the way).</summary>
public sealed class ServerFactory(string provider, Action<IDictionary<string, string?>>? settings = null) : WebApplicationFactory<ServerOptions>
{
    public DatabaseLocation Location { get; } = TestDatabases.Create(provider);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var s = new Dictionary<string, string?>
        {
            ["OpenSda:Db"] = Location.Provider == DatabaseProvider.Sqlite ? "sqlite:" + Location.Target : "postgres:" + Location.Target,
            ["OpenSda:LoadBundledCatalog"] = "false",
            ["OpenSda:RateLimitPerSecond"] = "100000",
            ["OpenSda:RequestLog"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        settings?.Invoke(s);
        foreach (var (k, v) in s) builder.UseSetting(k, v);
    }

    public OpenSdaStore Store => Services.GetRequiredService<OpenSdaStore>();

    public HttpClient ClientFor(string? key)
    {
        var c = CreateClient();
        if (key != null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    public async Task<string> KeyAsync(string org, Role role, params string[] groups)
    {
        await Store.AddOrganisationAsync(org, groups);
        return (await Store.AddKeyAsync(org, role)).Secret;
    }
}
