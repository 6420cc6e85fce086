using System.IO.Compression;
using Microsoft.Extensions.Options;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>
/// Runs before the server takes requests: opens the store (migrations), loads the bundled catalog as
/// PUBLIC on first start, and with <c>--seed-demo</c> creates the demo organisations and prints keys.
/// </summary>
internal sealed class StartupTasks(OpenSdaStore store, IOptions<ServerOptions> options, ILogger<StartupTasks> log) : IHostedService
{
    public const string BundledCatalog = "celestrak_on_orbit_20241101.csv.gz";

    public async Task StartAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.LoadBundledCatalog && !await store.HasElsetsAsync(ct).ConfigureAwait(false))
        {
            var path = o.BundledCatalogPath ?? FindBundledCatalog();
            if (path == null) log.LogWarning("Bundled catalog {File} not found; starting with an empty catalog", BundledCatalog);
            else
            {
                var r = await LoadCatalogAsync(store, path, ct).ConfigureAwait(false);
                log.LogInformation("Loaded bundled catalog {Path}: {Accepted} element sets, {Rejected} rejected", path, r.Accepted, r.Rejected.Count);
            }
        }
        if (o.SeedDemo)
        {
            foreach (var line in await DemoSeed.RunAsync(store, ct).ConfigureAwait(false)) Console.Out.WriteLine(line);
            await Console.Out.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    internal static async Task<IngestResult> LoadCatalogAsync(OpenSdaStore store, string path, CancellationToken ct)
    {
        string text;
        await using (var f = File.OpenRead(path))
        await using (Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(f, CompressionMode.Decompress) : f)
        using (var reader = new StreamReader(s))
            text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        var system = await store.SystemCallerAsync("CELESTRAK", ct).ConfigureAwait(false);
        return await store.IngestAsync(system, new IngestRequest(text, Releasability.Public, DataMode.Real, "bundled", Path.GetFileName(path)), ct).ConfigureAwait(false);
    }

    /// <summary>Beside the program (<c>data/catalog</c> is copied to the output), else up from the working directory.</summary>
    internal static string? FindBundledCatalog()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "data", "catalog", BundledCatalog);
        if (File.Exists(beside)) return beside;
        for (var d = new DirectoryInfo(Environment.CurrentDirectory); d != null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "data", "catalog", BundledCatalog);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}

/// <summary>
/// The demo: NATION-A and NATION-B in the group ALLIANCE, and the commercial partner ACME-SPACE, which has
/// uploaded an OEM of its satellite ACME-SAT-1 (catalog number 99990) releasable only to itself and NATION-A.
/// NATION-A also shares an element set with the ALLIANCE. Prints one key per organisation and role.
/// </summary>
public static class DemoSeed
{
    public static async Task<IReadOnlyList<string>> RunAsync(OpenSdaStore store, CancellationToken ct = default)
    {
        await store.AddOrganisationAsync("NATION-A", ["ALLIANCE"], "seed-demo", ct).ConfigureAwait(false);
        await store.AddOrganisationAsync("NATION-B", ["ALLIANCE"], "seed-demo", ct).ConfigureAwait(false);
        await store.AddOrganisationAsync("ACME-SPACE", null, "seed-demo", ct).ConfigureAwait(false);
        var lines = new List<string>();
        var keys = new Dictionary<(string, Role), NewApiKey>();
        foreach (var org in new[] { "NATION-A", "NATION-B", "ACME-SPACE" })
            foreach (var role in Enum.GetValues<Role>())
            {
                var k = await store.AddKeyAsync(org, role, "seed-demo", null, ct).ConfigureAwait(false);
                keys[(org, role)] = k;
                lines.Add($"{org} {role.ToText()} {k.Secret}");
            }
        var acme = (await store.AuthenticateAsync(keys[("ACME-SPACE", Role.Provider)].Secret, ct).ConfigureAwait(false))!;
        if ((await store.ListEphemeridesAsync(acme, 99990, Paging.Of(0, 1), ct).ConfigureAwait(false)).Total == 0)
        {
            await store.IngestAsync(acme, new IngestRequest(DemoOem, Releasability.Parse("REL TO ACME-SPACE, NATION-A"), DataMode.Real, "upload", "acme-sat-1.oem"), ct).ConfigureAwait(false);
            var nationA = (await store.AuthenticateAsync(keys[("NATION-A", Role.Provider)].Secret, ct).ConfigureAwait(false))!;
            await store.IngestAsync(nationA, new IngestRequest(DemoTle, Releasability.Parse("REL TO ALLIANCE"), DataMode.Real, "upload", "nation-a.tle"), ct).ConfigureAwait(false);
        }
        return lines;
    }

    internal static readonly string DemoOem = CircularOem("ACME-SAT-1", 99990, "ACME-SPACE", 6878.137, 53.0, 0);

    /// <summary>
    /// A two-hour OEM from 2024-11-01T00:00Z (EME2000, UTC, one state a minute) of a circular two-body orbit of radius
    /// <paramref name="rKm"/> and inclination <paramref name="incDeg"/>, node on the x axis, starting at argument of
    /// latitude <paramref name="u0Deg"/>: the demo's operator ephemeris, and test data.
    /// </summary>
    internal static string CircularOem(string name, int id, string originator, double rKm, double incDeg, double u0Deg)
    {
        var sb = new System.Text.StringBuilder($"""
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
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{t0.AddSeconds(t):yyyy-MM-ddTHH:mm:ss.fff} {x:F6} {y:F6} {z:F6} {vx:F9} {vy:F9} {vz:F9}\n");
        }
        return sb.ToString();
    }

    internal const string DemoTle = """
        NATION-A SAT 1
        1 99991U 24999A   24305.50000000  .00000000  00000-0  00000-0 0  9990
        2 99991  97.4000 120.0000 0010000  90.0000 270.0000 15.20000000    10
        """;
}
