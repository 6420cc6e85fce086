// Load generator for the OpenSDA sharing server. Usage:
//   dotnet OpenSda.ServerLoad.dll --url http://127.0.0.1:5090 --key KEY [--clients 100] [--seconds 20] [--max-requests 200000] [--seed-cdms 500]
// Each client loops over a fixed mix of reads: object detail (random catalog number of the bundled catalog),
// object search page, conjunction page, conjunction detail. It refuses any host but loopback and stops by itself.
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
var only = opts.TryGetValue("only", out var o) ? int.Parse(o, CultureInfo.InvariantCulture) : -1;
var seedCdms = int.Parse(opts.GetValueOrDefault("seed-cdms", "0"), CultureInfo.InvariantCulture);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseProxy = false };
using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

var rng = new Random(1);
if (seedCdms > 0)
{
    var sw0 = Stopwatch.StartNew();
    for (var i = 0; i < seedCdms; i++)
    {
        var cdm = $"CCSDS_CDM_VERS = 1.0\nCREATION_DATE = 2024-11-01T00:00:00\nORIGINATOR = BENCH\nMESSAGE_ID = B-{i}\n" +
                  $"TCA = 2024-11-0{1 + i % 7}T{i % 24:00}:{i % 60:00}:00.000\nMISS_DISTANCE = {100 + rng.Next(5000)} [m]\nCOLLISION_PROBABILITY = {rng.NextDouble() * 1e-3:E3}\n" +
                  $"OBJECT = OBJECT1\nOBJECT_DESIGNATOR = {rng.Next(1, 60000)}\nOBJECT = OBJECT2\nOBJECT_DESIGNATOR = {rng.Next(1, 60000)}\n";
        using var r = await http.PostAsync("/api/v1/ingest?releasability=PUBLIC&dataMode=TEST", new StringContent(cdm, Encoding.UTF8));
        if (!r.IsSuccessStatusCode) { Console.Error.WriteLine($"seed failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"); return 1; }
    }
    Console.WriteLine($"seeded {seedCdms} conjunctions in {sw0.Elapsed.TotalSeconds:F1} s");
}

// Catalog numbers to ask for: the first page of objects tells what exists.
var ids = new List<int>();
for (var offset = 0; offset < 3000; offset += 1000)
{
    var page = await http.GetStringAsync($"/api/v1/objects?limit=1000&offset={offset}");
    foreach (var part in page.Split("\"noradId\":").Skip(1)) ids.Add(int.Parse(part[..part.IndexOfAny([',', '}'])], CultureInfo.InvariantCulture));
}
var conjPage = await http.GetStringAsync("/api/v1/conjunctions?limit=1000");
var conjIds = conjPage.Split("{\"id\":").Skip(1).Select(p => long.Parse(p[..p.IndexOf(',')], CultureInfo.InvariantCulture)).ToArray();
if (ids.Count == 0 || conjIds.Length == 0) { Console.Error.WriteLine("no objects or conjunctions to read: load the catalog and seed conjunctions first"); return 1; }

// Warm-up, then the measured run.
async Task<(long Count, long Errors, List<double> LatMs)> Run(double runSeconds, long cap)
{
    long count = 0, errors = 0;
    var lats = new List<double>[clients];
    var deadline = Stopwatch.GetTimestamp() + (long)(runSeconds * Stopwatch.Frequency);
    var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var r = new Random(c);
        var mine = lats[c] = new List<double>(20000);
        var k = c;
        while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref count) <= cap)
        {
            var path = (only >= 0 ? only : k++ % 4) switch
            {
                0 => $"/api/v1/objects/{ids[r.Next(ids.Count)]}",
                1 => $"/api/v1/objects?limit=20&offset={r.Next(2000)}",
                2 => $"/api/v1/conjunctions?limit=20&offset={r.Next(Math.Max(1, conjIds.Length - 20))}",
                _ => $"/api/v1/conjunctions/{conjIds[r.Next(conjIds.Length)]}",
            };
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var resp = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                if (resp.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref errors); }
            mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    })).ToArray();
    await Task.WhenAll(tasks);
    var all = lats.SelectMany(l => l).ToList();
    return (all.Count, errors, all);
}

await Run(Math.Min(3, seconds / 4), maxRequests / 10);
var sw = Stopwatch.StartNew();
var (n, errs, latencies) = await Run(seconds, maxRequests);
var elapsed = sw.Elapsed.TotalSeconds;
latencies.Sort();
double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"clients={clients} requests={n} errors={errs} seconds={elapsed:F1} rps={n / elapsed:F0} p50_ms={P(0.50):F2} p90_ms={P(0.90):F2} p99_ms={P(0.99):F2} max_ms={latencies[^1]:F1}"));
return errs == 0 ? 0 : 1;
