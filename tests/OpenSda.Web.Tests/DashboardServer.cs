using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace OpenSda.Web.Tests;

/// <summary>
/// A real <c>opensda serve</c> on SQLite with <c>--seed-demo</c> on a free loopback port (the CLI built by this
/// solution), plus conjunctions made through the API, and one headless Debian Chromium driven by Playwright.
/// Everything is stopped and deleted at the end.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private Process? _server;
    private readonly StringBuilder _log = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "opensda-web-" + Guid.NewGuid().ToString("N")[..8]);
    public Dictionary<string, string> Keys { get; } = [];
    public string Origin { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string RepoRoot => Meta("RepoRoot");

    public static string Artifacts(string sub)
    {
        var d = Path.Combine(RepoRoot, ".test-artifacts", sub);
        Directory.CreateDirectory(d);
        return d;
    }

    private static string Meta(string key) =>
        typeof(DashboardServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;

    public string Key(string org, string role = "viewer") => Keys[$"{org} {role}"];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: run `bash scripts/chromium.sh` (as root) first");
        Directory.CreateDirectory(_dir);
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); }
        Origin = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Meta("OpenSdaCliDll"), "serve", "--urls", Origin, "--db", "sqlite:" + Path.Combine(_dir, "opensda.db"), "--seed-demo" }) psi.ArgumentList.Add(a);
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        _server = Process.Start(psi)!;
        var keyLine = new System.Text.RegularExpressions.Regex(@"^(NATION-A|NATION-B|ACME-SPACE) (viewer|analyst|provider|admin) (\S+)$");
        _server.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (_log) _log.AppendLine(e.Data);
            var m = keyLine.Match(e.Data);
            if (m.Success) lock (Keys) Keys[$"{m.Groups[1].Value} {m.Groups[2].Value}"] = m.Groups[3].Value;
        };
        _server.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        // Ready when /health answers and every demo key is printed (the bundled catalog loads first: minutes on a busy machine).
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            if (_server.HasExited) throw new InvalidOperationException("opensda serve exited:\n" + _log);
            try
            {
                if ((await http.GetAsync(Origin + "/health")).IsSuccessStatusCode && Keys.Count >= 12) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("opensda serve did not become ready:\n" + _log);
            await Task.Delay(250);
        }
        await SeedConjunctionsAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
            Timeout = 120_000,
        });
    }

    public HttpClient Client(string key)
    {
        var c = new HttpClient { BaseAddress = new Uri(Origin), Timeout = TimeSpan.FromMinutes(3) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    /// <summary>
    /// Conjunctions through the real API: ACME-SPACE uploads a second satellite near its private one and screens
    /// (a conjunction releasable to ACME-SPACE and NATION-A only); NATION-B uploads two satellites REL TO ALLIANCE
    /// and screens (a conjunction both nations see).
    /// </summary>
    private async Task SeedConjunctionsAsync()
    {
        await IngestAsync(Key("ACME-SPACE", "provider"), Oem("ACME-SAT-2", 99992, "ACME-SPACE", 6878.437, 54.0, 0), "REL TO ACME-SPACE, NATION-A");
        await ScreenAsync(Key("ACME-SPACE", "analyst"));
        await IngestAsync(Key("NATION-B", "provider"), Oem("NATION-B SAT 3", 99993, "NATION-B", 7078.137, 70.0, 0), "REL TO ALLIANCE");
        await IngestAsync(Key("NATION-B", "provider"), Oem("NATION-B SAT 4", 99994, "NATION-B", 7078.837, 71.0, 0), "REL TO ALLIANCE");
        await ScreenAsync(Key("NATION-B", "analyst"));
    }

    public async Task IngestAsync(string key, string body, string releasability)
    {
        using var c = Client(key);
        var r = await c.PostAsync($"/api/v1/ingest?releasability={Uri.EscapeDataString(releasability)}", new StringContent(body));
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException("ingest failed: " + await r.Content.ReadAsStringAsync());
    }

    public async Task<long> ScreenAsync(string analystKey)
    {
        using var c = Client(analystKey);
        // The demo's operator ephemerides cover 2024-11-01T00:00-02:00Z: screen that window (the default is 24 h from now).
        var r = await c.PostAsync("/api/v1/screening-runs",
            new StringContent("{\"thresholdKm\":5,\"start\":\"2024-11-01T00:00:00Z\",\"durationHours\":2}", Encoding.UTF8, "application/json"));
        r.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var run = JsonDocument.Parse(await c.GetStringAsync($"/api/v1/screening-runs/{id}")).RootElement;
            var s = run.GetProperty("status").GetString();
            if (s == "done") return id;
            if (s == "failed") throw new InvalidOperationException("screening run failed: " + run.GetProperty("message"));
            await Task.Delay(200);
        }
        throw new TimeoutException("screening run did not finish");
    }

    /// <summary>A two-hour OEM (EME2000, one point a minute) of a circular orbit of radius r, inclination i, starting at argument of latitude u0.</summary>
    public static string Oem(string name, int id, string originator, double rKm, double incDeg, double u0Deg)
    {
        var sb = new StringBuilder($"""
            CCSDS_OEM_VERS = 2.0
            CREATION_DATE = 2024-11-01T00:00:00
            ORIGINATOR = {originator}
            META_START
            OBJECT_NAME = {name}
            OBJECT_ID = {id}
            CENTER_NAME = EARTH
            REF_FRAME = EME2000
            TIME_SYSTEM = UTC
            START_TIME = 2024-11-01T00:00:00.000
            STOP_TIME = 2024-11-01T02:00:00.000
            META_STOP

            """);
        const double Mu = 398600.4418;
        var v = Math.Sqrt(Mu / rKm);
        var n = v / rKm;
        var inc = incDeg * Math.PI / 180;
        var t0 = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var k = 0; k <= 120; k++)
        {
            var t = k * 60.0;
            var u = u0Deg * Math.PI / 180 + n * t;
            double x = rKm * Math.Cos(u), y = rKm * Math.Sin(u) * Math.Cos(inc), z = rKm * Math.Sin(u) * Math.Sin(inc);
            double vx = -v * Math.Sin(u), vy = v * Math.Cos(u) * Math.Cos(inc), vz = v * Math.Cos(u) * Math.Sin(inc);
            sb.Append(CultureInfo.InvariantCulture, $"{t0.AddSeconds(t):yyyy-MM-ddTHH:mm:ss.fff} {x:F6} {y:F6} {z:F6} {vx:F9} {vy:F9} {vz:F9}\n");
        }
        return sb.ToString();
    }

    public string ServerLog { get { lock (_log) return _log.ToString(); } }

    public async Task DisposeAsync()
    {
        if (Browser != null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
