using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using OpenSda.Storage.Ingest;

namespace OpenSda.Storage;

/// <summary>Options of the store; the defaults suit the server.</summary>
public sealed class StoreOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reads uploaded files; the server's built-in reader unless replaced.</summary>
    public IIngestParser Parser { get; init; } = BuiltInIngestParser.Instance;

    /// <summary>How long an authenticated key stays cached (revocation in this process clears it at once).</summary>
    public TimeSpan KeyCacheTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a cached audience list (the ids and count one organisation may see under one filter) is used
    /// before it is recomputed in the background. Writes through this store drop the lists at once; the TTL
    /// only bounds how late writes made by another process on the same database show in pages and counts.
    /// </summary>
    public TimeSpan ListCacheTtl { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many audience lists are kept (all are dropped when the bound is reached).</summary>
    public int MaxAudienceLists { get; init; } = 4096;

    /// <summary>Lists longer than this keep only their count; their pages are read from SQL with OFFSET.</summary>
    public int MaxAudienceListLength { get; init; } = 250_000;

    /// <summary>Whether a read is answered once its audit entry is queued (default) or only once it is committed.</summary>
    public AuditReadMode AuditReads { get; init; } = AuditReadMode.Queued;

    /// <summary>Audit entries of reads that may wait for the background writer; when full, readers wait for room.</summary>
    public int AuditQueueCapacity { get; init; } = 16384;

    /// <summary>Read connections in use at once (0: SQLite twice the processor count, 4 to 16, kept open; PostgreSQL four times, 8 to 32).</summary>
    public int ReadConnections { get; init; }
}

/// <summary>Thrown for a request the caller may not make or that names something unknown; the server maps it to 4xx.</summary>
public sealed class StoreException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// The sharing server's store: organisations and groups, API keys, releasability markings, the
/// records (element sets with history, ephemerides, observations, conjunctions), screening runs,
/// watch lists, alerts and the audit chain. Every read takes the <see cref="Caller"/> and filters by
/// what its organisation may see inside the SQL, before paging and counting.
/// </summary>
public sealed partial class OpenSdaStore : IAsyncDisposable
{
    private readonly ConnectionFactory _db;
    private readonly StoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _keyCache = new();

    static OpenSdaStore()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private OpenSdaStore(ConnectionFactory db, StoreOptions options)
    {
        _db = db;
        _options = options;
        Audit = new AuditLog(db, _writeLock, options.Clock, options.AuditReads, options.AuditQueueCapacity);
    }

    public DatabaseLocation Location => _db.Location;

    public AuditLog Audit { get; }

    internal ConnectionFactory Db => _db;

    internal TimeProvider Clock => _options.Clock;

    /// <summary>Raised after a commit for each new conjunction and alert; the server streams them.</summary>
    public event Action<StreamEvent>? Published;

    /// <summary>Opens the store and applies any pending migrations.</summary>
    public static async Task<OpenSdaStore> OpenAsync(DatabaseLocation location, StoreOptions? options = null, CancellationToken ct = default)
    {
        options ??= new StoreOptions();
        var db = new ConnectionFactory(location, options.ReadConnections);
        await Migrations.ApplyAsync(db, ct).ConfigureAwait(false);
        return new OpenSdaStore(db, options);
    }

    public async ValueTask DisposeAsync()
    {
        await Audit.DisposeAsync().ConfigureAwait(false);
        await _db.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }

    private string Now() => Iso.Now(_options.Clock);

    /// <summary>Runs <paramref name="work"/> in one write transaction with its audit entries; commits both or neither.</summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, List<AuditEntry>, Task<T>> work, CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
            await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
            var audit = new List<AuditEntry>();
            var result = await work(conn, tx, audit).ConfigureAwait(false);
            if (audit.Count > 0) await Audit.AppendAsync(conn, tx, audit).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            DataChanged();
            return result;
        }
        finally { _writeLock.Release(); }
    }

    internal void Publish(StreamEvent e) => Published?.Invoke(e);

    // ------------------------------------------------------------------ organisations and groups

    /// <summary>Adds an organisation (or returns it) and makes it a member of the named groups, creating them as needed.</summary>
    public Task<OrganisationInfo> AddOrganisationAsync(string name, IEnumerable<string>? groups = null, string actor = "cli", CancellationToken ct = default)
    {
        if (!Releasability.IsValidName(name)) throw new StoreException(400, "Invalid name", $"'{name}' is not a valid organisation name");
        var org = Releasability.NormalizeName(name);
        if (org == "PUBLIC") throw new StoreException(400, "Invalid name", "PUBLIC is reserved");
        var groupNames = (groups ?? []).Select(g => Releasability.IsValidName(g) && !g.Equals("PUBLIC", StringComparison.OrdinalIgnoreCase)
            ? Releasability.NormalizeName(g) : throw new StoreException(400, "Invalid name", $"'{g}' is not a valid group name")).Distinct().ToList();
        return WriteAsync(async (conn, tx, audit) =>
        {
            var orgId = await EnsurePrincipalAsync(conn, tx, "org", org).ConfigureAwait(false);
            foreach (var g in groupNames)
            {
                var gid = await EnsurePrincipalAsync(conn, tx, "group", g).ConfigureAwait(false);
                await conn.ExecuteAsync(
                    "INSERT INTO group_member (group_id, org_id) VALUES (@gid, @orgId) ON CONFLICT DO NOTHING", new { gid, orgId }, tx).ConfigureAwait(false);
            }
            audit.Add(new AuditEntry(Now(), null, null, "org.add", $"org:{org}", groupNames.Count == 0 ? null : "groups " + string.Join(",", groupNames), "ok by " + actor));
            var gs = (await conn.QueryAsync<string>(
                "SELECT p.name FROM group_member m JOIN principal p ON p.id = m.group_id WHERE m.org_id = @orgId ORDER BY p.name", new { orgId }, tx).ConfigureAwait(false)).ToList();
            _keyCache.Clear();
            MarkingsChanged();
            return new OrganisationInfo(orgId, org, gs);
        }, ct);
    }

    private static async Task<long> EnsurePrincipalAsync(DbConnection conn, DbTransaction tx, string kind, string name)
    {
        var existing = await conn.QuerySingleOrDefaultAsync<(long Id, string Kind)?>(
            "SELECT id, kind FROM principal WHERE name = @name", new { name }, tx).ConfigureAwait(false);
        if (existing is { } e)
        {
            if (e.Kind != kind) throw new StoreException(409, "Name in use", $"'{name}' is already the name of a{(e.Kind == "org" ? "n organisation" : " group")}");
            return e.Id;
        }
        return await conn.ExecuteScalarAsync<long>(
            "INSERT INTO principal (kind, name, created_at) VALUES (@kind, @name, @at) RETURNING id",
            new { kind, name, at = Iso.Of(DateTime.UtcNow) }, tx).ConfigureAwait(false);
    }

    /// <summary>Every organisation and group name with its members: the directory that markings are written against.</summary>
    public async Task<IReadOnlyList<OrganisationInfo>> ListOrganisationsAsync(Caller? caller, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var orgs = await conn.QueryAsync<(long Id, string Name)>("SELECT id, name FROM principal WHERE kind = 'org' ORDER BY name").ConfigureAwait(false);
        var members = (await conn.QueryAsync<(long OrgId, string Group)>(
            "SELECT m.org_id, p.name FROM group_member m JOIN principal p ON p.id = m.group_id ORDER BY p.name").ConfigureAwait(false))
            .ToLookup(x => x.OrgId, x => x.Group);
        lease.Dispose();
        if (caller != null) await Audit.RecordAsync(caller, "read", "organisations", null).ConfigureAwait(false);
        return orgs.Select(o => new OrganisationInfo(o.Id, o.Name, members[o.Id].ToList())).ToList();
    }

    // ------------------------------------------------------------------ API keys

    internal static string HashKey(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// Creates an API key for an organisation. The secret is 256 random bits, returned once; only its
    /// SHA-256 is stored (a key of that entropy needs no slow hash). When <paramref name="by"/> is given it
    /// must be an admin of the same organisation.
    /// </summary>
    public Task<NewApiKey> AddKeyAsync(string orgName, Role role, string? label = null, Caller? by = null, CancellationToken ct = default)
    {
        var org = Releasability.NormalizeName(orgName);
        if (by != null && (!by.Can(Role.Admin) || by.OrgName != org))
            throw new StoreException(403, "Forbidden", "an admin may create keys for its own organisation only");
        return WriteAsync(async (conn, tx, audit) =>
        {
            var orgId = await conn.QuerySingleOrDefaultAsync<long?>("SELECT id FROM principal WHERE kind = 'org' AND name = @org", new { org }, tx).ConfigureAwait(false)
                ?? throw new StoreException(404, "Unknown organisation", $"no organisation named '{org}'");
            var secret = "osda_" + Base64Url(RandomNumberGenerator.GetBytes(32));
            var id = await conn.ExecuteScalarAsync<long>(
                "INSERT INTO api_key (org_id, role, key_hash, prefix, label, created_at) VALUES (@orgId, @role, @hash, @prefix, @label, @at) RETURNING id",
                new { orgId, role = (int)role, hash = HashKey(secret), prefix = secret[..12], label, at = Now() }, tx).ConfigureAwait(false);
            audit.Add(by != null ? Audit.Entry(by, "key.add", $"key:{id}", $"role {role.ToText()}") :
                new AuditEntry(Now(), org, null, "key.add", $"key:{id}", $"role {role.ToText()}", "ok by cli"));
            return new NewApiKey(id, secret, role, org);
        }, ct);
    }

    private static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The caller a bearer secret stands for, or null for an unknown or revoked key.</summary>
    public async Task<Caller?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200) return null;
        var hash = HashKey(secret);
        var now = _options.Clock.GetUtcNow();
        if (_keyCache.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Caller;
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var row = await conn.QuerySingleOrDefaultAsync<(long Id, long OrgId, string OrgName, int Role)?>(
            "SELECT k.id, k.org_id, p.name, k.role FROM api_key k JOIN principal p ON p.id = k.org_id WHERE k.key_hash = @hash AND k.revoked_at IS NULL",
            new { hash }).ConfigureAwait(false);
        if (row is not { } r) return null;
        var groups = await conn.QueryAsync<long>("SELECT group_id FROM group_member WHERE org_id = @OrgId", new { r.OrgId }).ConfigureAwait(false);
        var caller = new Caller(r.OrgId, r.OrgName, r.Id, (Role)r.Role, [r.OrgId, .. groups]);
        _keyCache[hash] = (caller, now + _options.KeyCacheTtl);
        return caller;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(Caller caller, CancellationToken ct = default)
    {
        RequireRole(caller, Role.Admin);
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await conn.QueryAsync<(long Id, int Role, string Prefix, string? Label, string CreatedAt, string? RevokedAt)>(
            "SELECT id, role, prefix, label, created_at, revoked_at FROM api_key WHERE org_id = @OrgId ORDER BY id", new { caller.OrgId }).ConfigureAwait(false);
        await Audit.RecordAsync(caller, "read", "keys", null).ConfigureAwait(false);
        return rows.Select(r => new ApiKeyInfo(r.Id, caller.OrgName, ((Role)r.Role).ToText(), r.Prefix, r.Label, r.CreatedAt, r.RevokedAt)).ToList();
    }

    /// <summary>Revokes a key of the caller's own organisation; false when there is no such key there.</summary>
    public Task<bool> RevokeKeyAsync(Caller caller, long keyId, CancellationToken ct = default)
    {
        RequireRole(caller, Role.Admin);
        return WriteAsync(async (conn, tx, audit) =>
        {
            var n = await conn.ExecuteAsync("UPDATE api_key SET revoked_at = @at WHERE id = @keyId AND org_id = @OrgId AND revoked_at IS NULL",
                new { at = Now(), keyId, caller.OrgId }, tx).ConfigureAwait(false);
            audit.Add(Audit.Entry(caller, "key.revoke", $"key:{keyId}", null, n > 0 ? "ok" : "not-found"));
            _keyCache.Clear();
            return n > 0;
        }, ct);
    }

    internal static void RequireRole(Caller caller, Role role)
    {
        if (!caller.Can(role)) throw new StoreException(403, "Forbidden", $"this needs the {role.ToText()} role; the key has {caller.Role.ToText()}");
    }

    // ------------------------------------------------------------------ markings

    /// <summary>The id of a marking, created on first use; every name must be a known organisation or group.</summary>
    internal async Task<long> EnsureMarkingAsync(DbConnection conn, DbTransaction tx, Releasability marking)
    {
        var text = marking.ToString();
        var id = await conn.QuerySingleOrDefaultAsync<long?>("SELECT id FROM marking WHERE text = @text", new { text }, tx).ConfigureAwait(false);
        if (id is { } found) return found;
        var principals = new List<long>();
        foreach (var n in marking.Names)
        {
            var pid = await conn.QuerySingleOrDefaultAsync<long?>("SELECT id FROM principal WHERE name = @n", new { n }, tx).ConfigureAwait(false)
                ?? throw new StoreException(400, "Unknown releasability name", $"releasability names '{n}', which is neither an organisation nor a group");
            principals.Add(pid);
        }
        var mid = await conn.ExecuteScalarAsync<long>("INSERT INTO marking (is_public, text) VALUES (@p, @text) RETURNING id",
            new { p = marking.IsPublic ? 1 : 0, text }, tx).ConfigureAwait(false);
        MarkingsChanged();
        foreach (var pid in principals)
            await conn.ExecuteAsync("INSERT INTO marking_principal (marking_id, principal_id) VALUES (@mid, @pid)", new { mid, pid }, tx).ConfigureAwait(false);
        return mid;
    }

    private long _markingVersion;
    private readonly ConcurrentDictionary<long, (long Version, DateTimeOffset Until, string Sql)> _visibleCache = new();

    /// <summary>
    /// The ids of the markings the caller's organisation is admitted by: PUBLIC, and every marking that
    /// names the organisation or one of its groups, as a SQL list of numbers read from the database.
    /// Cached per organisation for at most two seconds and dropped whenever this process creates a
    /// marking or changes membership. A stale entry can only hide a newer marking from a caller (markings
    /// never change, and memberships are only ever added), never reveal one.
    /// </summary>
    internal async Task<string> VisibleMarkingsAsync(DbConnection conn, Caller c, DbTransaction? tx = null)
    {
        var version = Interlocked.Read(ref _markingVersion);
        var now = _options.Clock.GetUtcNow();
        if (_visibleCache.TryGetValue(c.OrgId, out var hit) && hit.Version == version && hit.Until > now) return hit.Sql;
        var ids = await conn.QueryAsync<long>(
            $"SELECT id FROM marking WHERE is_public = 1 UNION SELECT marking_id FROM marking_principal WHERE principal_id IN ({string.Join(",", c.PrincipalIds)})",
            transaction: tx).ConfigureAwait(false);
        var sql = string.Join(",", ids.Order());
        if (sql.Length == 0) sql = "-1";
        if (c.OrgId > 0) _visibleCache[c.OrgId] = (version, now + TimeSpan.FromSeconds(2), sql);
        return sql;
    }

    /// <summary>
    /// The SQL condition "the caller may see row <paramref name="alias"/>": its organisation originated it,
    /// or its marking is one of <paramref name="visibleMarkings"/> (from <see cref="VisibleMarkingsAsync"/>).
    /// Only numbers read from the database are inlined.
    /// </summary>
    internal static string Visible(string alias, Caller c, string visibleMarkings) =>
        $"({alias}.originator_id = {c.OrgId} OR {alias}.marking_id IN ({visibleMarkings}))";

    private void MarkingsChanged()
    {
        Interlocked.Increment(ref _markingVersion);
        _visibleCache.Clear();
    }

    internal async Task<Audience> AudienceOfMarkingAsync(DbConnection conn, DbTransaction? tx, long markingId, long originatorId)
    {
        var isPublic = await conn.ExecuteScalarAsync<int>("SELECT is_public FROM marking WHERE id = @markingId", new { markingId }, tx).ConfigureAwait(false) == 1;
        var ps = await conn.QueryAsync<long>("SELECT principal_id FROM marking_principal WHERE marking_id = @markingId", new { markingId }, tx).ConfigureAwait(false);
        return new Audience(isPublic, originatorId, ps.ToHashSet());
    }

    internal static ImmutableArray<long> Principals(long orgId, IEnumerable<long> groups) => [orgId, .. groups];
}
