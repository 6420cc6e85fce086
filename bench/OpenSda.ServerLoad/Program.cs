// Load generator for the OpenSDA sharing server (a benchmark, not a test). Usage:
//   dotnet OpenSda.ServerLoad.dll --url http://127.0.0.1:5090 --key KEY [--clients 100] [--seconds 20] [--max-requests 300000]
//        [--seed-cdms 1000] [--other-key KEY2 --other-cdms 1000] [--only NAME] [--warmup-seconds 15]
// It refuses any host but loopback and stops by itself (time and request caps).
//
// The read mix (weights out of 100), meant to look like analysts and operators' tools polling the server:
//   30 object detail            GET /objects/{id}                     random catalog number of the whole visible catalog
//   10 current element sets     GET /objects/{id}/elsets?current=true random catalog number
//   10 object page              GET /objects?limit=20&offset=R         browsing the catalog (R < 20,000)
//    5 object search            GET /objects?q=TERM&limit=20           TERM from a few common names / designators
//   25 conjunction detail       GET /conjunctions/{id}                 random visible conjunction
//   15 conjunction page         GET /conjunctions?limit=20&offset=R    soonest TCA first
//    5 conjunctions of object   GET /conjunctions?noradId=N&limit=20   N a primary of a visible conjunction
// With --other-key, another organisation first uploads --other-cdms conjunctions marked releasable only to
// itself, so that every query of the measured key really filters records it may not see.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2) opts[args[i].TrimStart('-')] = args[i + 1];
var url = new Uri(opts.GetValueOrDefault("url", "http://127.0.0.1:5090"));
if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip)) { Console.Error.WriteLine("loopback addresses only"); return 2; }
var key = opts.GetValueOrDefault("key") ?? throw new ArgumentException("--key is required");
var clients = int.Parse(opts.GetValueOrDefault("clients", "100"), CultureInfo.InvariantCulture);
var seconds = double.Parse(opts.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
var maxRequests = long.Parse(opts.GetValueOrDefault("max-requests", "300000"), CultureInfo.InvariantCulture);
var only = opts.GetValueOrDefault("only");
var seedCdms = int.Parse(opts.GetValueOrDefault("seed-cdms", "0"), CultureInfo.InvariantCulture);
var otherKey = opts.GetValueOrDefault("other-key");
var otherCdms = int.Parse(opts.GetValueOrDefault("other-cdms", "0"), CultureInfo.InvariantCulture);

(string Name, int Weight)[] mix =
[
    ("object", 30), ("object-elsets", 10), ("object-page", 10), ("object-search", 5),
    ("conjunction", 25), ("conjunction-page", 15), ("conjunction-object", 5),
];
if (only != null)
{
    if (!mix.Any(m => m.Name == only)) { Console.Error.WriteLine($"--only: one of {string.Join(", ", mix.Select(m => m.Name))}"); return 2; }
    mix = [(only, 1)];
}
// A fixed schedule of 100 slots so that every client follows the same proportions.
var schedule = mix.SelectMany((m, k) => Enumerable.Repeat(k, m.Weight)).ToArray();
new Random(7).Shuffle(schedule);
string[] terms = ["STARLINK", "COSMOS", "ONEWEB", "IRIDIUM", "GPS", "1998-067", "DEB", "SL-"];

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseProxy = false };
using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

async Task<bool> Seed(string bearer, int count, string marking, string prefix, int seed)
{
    var rng = new Random(seed);
    var sw0 = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        var cdm = $"CCSDS_CDM_VERS = 1.0\nCREATION_DATE = 2024-11-01T00:00:00\nORIGINATOR = {prefix}\nMESSAGE_ID = {prefix}-{i}\n" +
                  $"TCA = 2024-11-0{1 + i % 7}T{i % 24:00}:{i % 60:00}:00.000\nMISS_DISTANCE = {100 + rng.Next(5000)} [m]\nCOLLISION_PROBABILITY = {rng.NextDouble() * 1e-3:E3}\n" +
                  $"OBJECT = OBJECT1\nOBJECT_DESIGNATOR = {rng.Next(1, 60000)}\nOBJECT = OBJECT2\nOBJECT_DESIGNATOR = {rng.Next(1, 60000)}\n";
        using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/ingest?releasability={Uri.EscapeDataString(marking)}&dataMode=TEST") { Content = new StringContent(cdm, Encoding.UTF8) };
        req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        using var r = await http.SendAsync(req);
        if (!r.IsSuccessStatusCode) { Console.Error.WriteLine($"seed failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"); return false; }
    }
    Console.WriteLine($"seeded {count} conjunctions marked {marking} in {sw0.Elapsed.TotalSeconds:F1} s");
    return true;
}

if (seedCdms > 0 && !await Seed(key, seedCdms, "PUBLIC", "BENCH", 1)) return 1;
if (otherKey != null && otherCdms > 0)
{
    if (!await Seed(otherKey, otherCdms, opts.GetValueOrDefault("other-marking", "REL TO OTHER"), "OTHER", 2)) return 1;
}

// What the measured key can see: every catalog number (paged), and the conjunction ids.
var ids = new List<int>();
for (var offset = 0; ; offset += 1000)
{
    var page = await http.GetStringAsync($"/api/v1/objects?limit=1000&offset={offset}");
    var before = ids.Count;
    foreach (var part in page.Split("\"noradId\":").Skip(1)) ids.Add(int.Parse(part[..part.IndexOfAny([',', '}'])], CultureInfo.InvariantCulture));
    if (ids.Count - before < 1000) break;
}
var conjIds = new List<long>();
var primaries = new List<int>();
for (var offset = 0; ; offset += 1000)
{
    var page = await http.GetStringAsync($"/api/v1/conjunctions?limit=1000&offset={offset}");
    var before = conjIds.Count;
    foreach (var part in page.Split("{\"id\":").Skip(1)) conjIds.Add(long.Parse(part[..part.IndexOf(',')], CultureInfo.InvariantCulture));
    foreach (var part in page.Split("\"primaryNoradId\":").Skip(1)) primaries.Add(int.Parse(part[..part.IndexOf(',')], CultureInfo.InvariantCulture));
    if (conjIds.Count - before < 1000) break;
}
if (ids.Count == 0 || conjIds.Count == 0) { Console.Error.WriteLine("no objects or conjunctions to read: load the catalog and seed conjunctions first"); return 1; }
Console.WriteLine($"visible: {ids.Count} objects, {conjIds.Count} conjunctions");

string PathOf(int kind, Random r) => mix[kind].Name switch
{
    "object" => $"/api/v1/objects/{ids[r.Next(ids.Count)]}",
    "object-elsets" => $"/api/v1/objects/{ids[r.Next(ids.Count)]}/elsets?current=true",
    "object-page" => $"/api/v1/objects?limit=20&offset={r.Next(Math.Min(20000, Math.Max(1, ids.Count - 20)))}",
    "object-search" => $"/api/v1/objects?q={Uri.EscapeDataString(terms[r.Next(terms.Length)])}&limit=20",
    "conjunction" => $"/api/v1/conjunctions/{conjIds[r.Next(conjIds.Count)]}",
    "conjunction-page" => $"/api/v1/conjunctions?limit=20&offset={r.Next(Math.Max(1, conjIds.Count - 20))}",
    _ => $"/api/v1/conjunctions?noradId={primaries[r.Next(primaries.Count)]}&limit=20",
};

// Warm-up, then the measured run.
async Task<(long Errors, List<double>[] LatMs, long[] ErrorsByKind)> Run(double runSeconds, long cap)
{
    long count = 0, errors = 0;
    var byKind = new long[mix.Length];
    var lats = new List<double>[clients * mix.Length];
    var deadline = Stopwatch.GetTimestamp() + (long)(runSeconds * Stopwatch.Frequency);
    var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var r = new Random(c);
        for (var k = 0; k < mix.Length; k++) lats[c * mix.Length + k] = new List<double>(4096);
        var slot = c * 37;
        while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref count) <= cap)
        {
            var kind = schedule[slot++ % schedule.Length];
            var path = PathOf(kind, r);
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var resp = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                if (resp.StatusCode != HttpStatusCode.OK) { Interlocked.Increment(ref errors); Interlocked.Increment(ref byKind[kind]); }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref errors); Interlocked.Increment(ref byKind[kind]); }
            lats[c * mix.Length + kind].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    })).ToArray();
    await Task.WhenAll(tasks);
    return (errors, lats, byKind);
}

static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

// CPU seconds (user + system) of a process, from /proc (the server's, with --server-pid).
var serverPid = opts.TryGetValue("server-pid", out var sp) ? int.Parse(sp, CultureInfo.InvariantCulture) : 0;
double ServerCpu()
{
    if (serverPid <= 0 || !File.Exists($"/proc/{serverPid}/stat")) return double.NaN;
    var f = File.ReadAllText($"/proc/{serverPid}/stat");
    var parts = f[(f.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(parts[11], CultureInfo.InvariantCulture) + long.Parse(parts[12], CultureInfo.InvariantCulture)) / 100.0; // USER_HZ
}

// With --cpu-match TEXT, also the CPU of every process whose command line holds TEXT (PostgreSQL's backends for the database).
var cpuMatch = opts.GetValueOrDefault("cpu-match");
Dictionary<int, double> MatchedCpu()
{
    var d = new Dictionary<int, double>();
    if (cpuMatch == null) return d;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var p)) continue;
        try
        {
            if (!File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(cpuMatch, StringComparison.Ordinal)) continue;
            var f = File.ReadAllText(Path.Combine(dir, "stat"));
            var parts = f[(f.LastIndexOf(')') + 2)..].Split(' ');
            d[p] = (long.Parse(parts[11], CultureInfo.InvariantCulture) + long.Parse(parts[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
    return d;
}

// Steady state is what is measured: a freshly started server runs tier-0 JIT code and fills its caches during the first
// tens of thousands of requests (measured: 2,800 req/s on a fresh server, 5,100-5,600 once warm, same machine and load).
var warmupSeconds = double.Parse(opts.GetValueOrDefault("warmup-seconds", "15"), CultureInfo.InvariantCulture);
if (warmupSeconds > 0) await Run(warmupSeconds, maxRequests);
var matched0 = MatchedCpu();
var sw = Stopwatch.StartNew();
var cpu0 = ServerCpu();
var me0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var (errs, perClient, errorsByKind) = await Run(seconds, maxRequests);
var elapsed = sw.Elapsed.TotalSeconds;
var serverCpu = ServerCpu() - cpu0;
var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - me0;
var dbCpu = MatchedCpu().Sum(kv => kv.Value - (matched0.TryGetValue(kv.Key, out var before) ? before : 0));
var latencies = perClient.SelectMany(l => l).ToList();
latencies.Sort();
var n = latencies.Count;
var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"clients={clients} requests={n} errors={errs} seconds={elapsed:F1} rps={n / elapsed:F0} p50_ms={P(latencies, 0.50):F2} p90_ms={P(latencies, 0.90):F2} p99_ms={P(latencies, 0.99):F2} max_ms={latencies[^1]:F1} loadavg={load}"));
// CPU per request is what the machine's load does not change much: it bounds what two free cores could serve.
Console.WriteLine(
    FormattableString.Invariant($"cpu: server {serverCpu:F1} s ({1e6 * serverCpu / n:F0} us/request), client {clientCpu:F1} s ({1e6 * clientCpu / n:F0} us/request)") +
    (cpuMatch != null ? FormattableString.Invariant($", database {dbCpu:F1} s ({1e6 * dbCpu / n:F0} us/request)") : "") +
    FormattableString.Invariant($"; 2 free cores would serve about {2 / ((serverCpu + clientCpu + (cpuMatch != null ? dbCpu : 0)) / n):F0} requests/s"));
for (var k = 0; k < mix.Length; k++)
{
    var l = Enumerable.Range(0, clients).SelectMany(c => perClient[c * mix.Length + k]).ToList();
    l.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {mix[k].Name,-20} requests={l.Count,7} errors={errorsByKind[k]} p50_ms={P(l, 0.50),7:F2} p99_ms={P(l, 0.99),7:F2}"));
}
return errs == 0 ? 0 : 1;
