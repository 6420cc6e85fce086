using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>Settings of the server, bound from the configuration section <c>OpenSda</c> (command line <c>--OpenSda:Db=...</c>, environment <c>OpenSda__Db</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "OpenSda";

    /// <summary><c>sqlite:PATH</c> or <c>postgres:CONNSTRING</c>; empty: SQLite in <see cref="DataFolder"/>.</summary>
    public string? Db { get; set; }

    /// <summary>Local data folder for the default SQLite database (<c>.data</c> under the working directory).</summary>
    public string? DataFolder { get; set; }

    /// <summary>Load the bundled catalog as PUBLIC when the store holds no element set yet.</summary>
    public bool LoadBundledCatalog { get; set; } = true;

    /// <summary>Path of the bundled catalog; default <c>data/catalog/celestrak_on_orbit_20241101.csv.gz</c> beside the program or in the repository.</summary>
    public string? BundledCatalogPath { get; set; }

    /// <summary>Create the demo organisations and print one key per organisation and role.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Largest request body accepted, bytes (uploads included).</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Requests per second allowed per API key (token bucket, burst of two seconds' worth).</summary>
    public int RateLimitPerSecond { get; set; } = 200;

    /// <summary>
    /// <c>Queued</c> (default): a read is answered once its audit entry is queued for the background writer,
    /// which commits within milliseconds; a crash can lose the last queued read entries, never a write's.
    /// <c>Committed</c>: a read is answered only after its audit entry is committed (group commit).
    /// </summary>
    public AuditReadMode AuditReads { get; set; } = AuditReadMode.Queued;

    /// <summary>Read connections in use at once (0: SQLite twice the processor count, 4 to 16, kept open; PostgreSQL four times, 8 to 32).</summary>
    public int ReadConnections { get; set; }

    /// <summary>How late another process's writes on the same database may show in pages and counts (this server's own writes show at once).</summary>
    public TimeSpan ListCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Log one structured line per request (Information level).</summary>
    public bool RequestLog { get; set; } = true;

    public FeedOptions CelesTrak { get; set; } = new() { BaseUrl = "https://celestrak.org", MinInterval = TimeSpan.FromHours(2) };

    public FeedOptions SpaceTrack { get; set; } = new() { BaseUrl = "https://www.space-track.org", MinInterval = TimeSpan.FromHours(1) };

    /// <summary>Screen the catalog for the ingesting organisation after each ingest.</summary>
    public bool ScreenAfterIngest { get; set; }

    /// <summary>
    /// Screen the catalog on this period for every organisation that watches at least one object (5 km, 24 h from
    /// the tick), as that organisation may see it; null (default): no scheduled screening. A run is not queued for an
    /// organisation whose previous scheduled run is still queued or running.
    /// </summary>
    public TimeSpan? ScreenEvery { get; set; }
}

/// <summary>One external feed: where it is, how often it may be fetched, and (Space-Track) whose credentials.</summary>
public sealed class FeedOptions
{
    public string BaseUrl { get; set; } = "";

    /// <summary>Never fetch the same query again sooner than this (the service's stated update interval).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Pull on this period in the background; null: only on request.</summary>
    public TimeSpan? PullEvery { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>CelesTrak GP group, or a Space-Track query path after <c>/basicspacedata/query/</c>.</summary>
    public string? Query { get; set; }
}
