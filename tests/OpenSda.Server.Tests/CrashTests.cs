using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using OpenSda.Storage;
using OpenSda.Testing.Databases;

namespace OpenSda.Server.Tests;

/// <summary>
/// Kills a real server process (SIGKILL) while it is writing a large ingest, then checks the database:
/// the ingest committed before is intact, nothing of the killed one is there, the audit chain verifies,
/// and a restarted server accepts the same file whole.
/// </summary>
public sealed class CrashTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_server_killed_mid_ingest_loses_nothing_committed_and_commits_nothing_partial(string provider)
    {
        var location = TestDatabases.Create(provider);
        var db = location.Provider == DatabaseProvider.Sqlite ? "sqlite:" + location.Target : "postgres:" + location.Target;
        string key;
        await using (var store = await OpenSdaStore.OpenAsync(location))
        {
            await store.AddOrganisationAsync("NATION-A");
            key = (await store.AddKeyAsync("NATION-A", Role.Provider)).Secret;
        }
        const int Big = 25_000;
        var big = BigTleFile(Big);

        using (var server = await ServerProcess.StartAsync(db))
        {
            var http = server.Client(key);
            var first = await http.PostAsync("/api/v1/ingest?releasability=PUBLIC", new StringContent(ApiTests.GoodTle));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            var upload = http.PostAsync("/api/v1/ingest?releasability=PUBLIC", new StringContent(big));
            await server.WaitForLogAsync("writing", TimeSpan.FromSeconds(60));
            server.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);
        }

        await using (var store = await OpenSdaStore.OpenAsync(location))
        {
            await using var conn = await store.Db.OpenAsync();
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ingest"));
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM elset"));
            Assert.Equal(25544, await conn.ExecuteScalarAsync<long>("SELECT norad_id FROM elset"));
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM object_entry"));
            var audit = await store.Audit.VerifyAsync();
            Assert.True(audit.Ok, audit.Message);
        }

        using (var server = await ServerProcess.StartAsync(db))
        {
            var again = await server.Client(key).PostAsync("/api/v1/ingest?releasability=PUBLIC", new StringContent(big));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            server.Kill();
        }
        await using (var store = await OpenSdaStore.OpenAsync(location))
        {
            await using var conn = await store.Db.OpenAsync();
            Assert.Equal(Big + 1, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM elset"));
            Assert.True((await store.Audit.VerifyAsync()).Ok);
        }
    }

    private static string BigTleFile(int n)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++) sb.Append(NoLeakTests.Tle(30000 + i, $"SYN-{i}").Replace($"1 {30000 + i:00000}U", $"1 {Alpha5(30000 + i)}U").Replace($"2 {30000 + i:00000} ", $"2 {Alpha5(30000 + i)} "));
        return sb.ToString();
    }

    private static string Alpha5(int n)
    {
        if (n < 100000) return n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
        const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        return Letters[n / 10000 - 10] + (n % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The server as a separate OS process (<c>dotnet OpenSda.Server.dll</c>) on a free loopback port.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process p, int port)
    {
        _process = p;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ServerProcess> StartAsync(string db, params string[] extra)
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var dll = Path.Combine(AppContext.BaseDirectory, "OpenSda.Server.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}", $"--OpenSda:Db={db}", "--OpenSda:LoadBundledCatalog=false", "--OpenSda:RateLimitPerSecond=100000" }.Concat(extra))
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var s = new ServerProcess(p, port);
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (s._log) s._log.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (s._log) s._log.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var i = 0; ; i++)
        {
            try { if ((await probe.GetAsync("/health")).IsSuccessStatusCode) return s; }
            catch (HttpRequestException) { }
            if (i > 300 || p.HasExited) throw new InvalidOperationException("server did not start: " + s.Log);
            await Task.Delay(100);
        }
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public HttpClient Client(string key)
    {
        var c = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromMinutes(5) };
        c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (sw.Elapsed > timeout || _process.HasExited) throw new TimeoutException($"no '{text}' in the server log: {Log}");
            await Task.Delay(5);
        }
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
