using System.Data.Common;
using System.Globalization;
using Dapper;

namespace OpenSda.Storage;

public sealed partial class OpenSdaStore
{
    private static readonly Dictionary<string, string> RecordTables = new(StringComparer.Ordinal)
    {
        ["elset"] = "elset", ["ephemeris"] = "ephemeris", ["observation"] = "observation", ["conjunction"] = "conjunction",
    };

    /// <summary>
    /// Stores a conjunction derived from stored records and returns it. The marking is not the caller's
    /// to choose: it is computed here as the intersection of the inputs' audiences. Each input's audience
    /// is everyone when it is PUBLIC, otherwise its originator plus every organisation its marking names,
    /// directly or through a group (groups expanded to their members now). The product is PUBLIC only when
    /// every input is; otherwise it is <c>REL TO</c> the organisations in every input's audience. The
    /// deriving organisation must be able to see every input (so it is always in the intersection), and
    /// the data mode is REAL only when every input is REAL (else the most exercise-like mode).
    /// </summary>
    public async Task<ConjunctionView> RecordDerivedConjunctionAsync(Caller deriver, DerivedConjunction d, CancellationToken ct = default) =>
        (await RecordDerivedConjunctionsAsync(deriver, [d], ct).ConfigureAwait(false))[0];

    /// <summary>
    /// Stores several derived conjunctions in one transaction (a screening run's events, in batches), each with its
    /// marking computed as in <see cref="RecordDerivedConjunctionAsync"/>, its alerts and its audit entry; all or none.
    /// </summary>
    public async Task<IReadOnlyList<ConjunctionView>> RecordDerivedConjunctionsAsync(Caller deriver, IReadOnlyList<DerivedConjunction> batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return [];
        if (batch.Any(d => d.Inputs.Count == 0)) throw new StoreException(400, "No inputs", "a derived product needs at least one input record");
        var events = new List<StreamEvent>();
        var views = await WriteAsync(async (conn, tx, audit) =>
        {
            var markings = new Dictionary<string, (Releasability Marking, string Mode, long MarkingId, Audience Audience)>(StringComparer.Ordinal);
            var list = new List<ConjunctionView>(batch.Count);
            foreach (var d in batch)
            {
                var lineage = string.Join(",", d.Inputs.Select(i => i.ToString()));
                var key = string.Join(",", d.Inputs.Select(i => i.ToString()).Order(StringComparer.Ordinal));
                if (!markings.TryGetValue(key, out var m))
                {
                    var (marking, mode) = await DerivedMarkingAsync(conn, tx, deriver, d.Inputs).ConfigureAwait(false);
                    var mid = await EnsureMarkingAsync(conn, tx, marking).ConfigureAwait(false);
                    markings[key] = m = (marking, mode.ToText(), mid, await AudienceOfMarkingAsync(conn, tx, mid, deriver.OrgId).ConfigureAwait(false));
                }
                var at = Now();
                var id = await conn.ExecuteScalarAsync<long>(
                    "INSERT INTO conjunction (primary_norad, secondary_norad, tca, miss_km, pc, relative_speed_km_s, source, screening_run_id, lineage, originator_id, marking_id, data_mode, ingest_id, created_at) " +
                    "VALUES (@PrimaryNoradId, @SecondaryNoradId, @tca, @MissKm, @Pc, @RelativeSpeedKmS, 'SCREENING', @ScreeningRunId, @lineage, @OrgId, @markingId, @modeText, NULL, @at) RETURNING id",
                    new { d.PrimaryNoradId, d.SecondaryNoradId, tca = Iso.Of(d.TcaUtc), d.MissKm, d.Pc, d.RelativeSpeedKmS, d.ScreeningRunId, lineage, deriver.OrgId, markingId = m.MarkingId, modeText = m.Mode, at }, tx).ConfigureAwait(false);
                var v = new ConjunctionView(id, d.PrimaryNoradId, d.SecondaryNoradId, Iso.Of(d.TcaUtc), d.MissKm, d.Pc, d.RelativeSpeedKmS, "SCREENING", d.ScreeningRunId,
                    deriver.OrgName, m.Marking.ToString(), m.Mode, new Lineage(null, null, null, d.Inputs.Select(i => i.ToString()).ToList()), at);
                events.Add(new StreamEvent("conjunction", v, m.Audience));
                events.AddRange(await RaiseAlertsAsync(conn, tx, v, m.Audience, at).ConfigureAwait(false));
                audit.Add(Audit.Entry(deriver, "derive", $"conjunction:{id} from {lineage}", m.Marking.ToString()));
                list.Add(v);
            }
            return list;
        }, ct).ConfigureAwait(false);
        foreach (var e in events) Publish(e);
        return views;
    }

    /// <summary>The marking and data mode a product derived from <paramref name="inputs"/> must carry (see <see cref="RecordDerivedConjunctionAsync"/>).</summary>
    internal async Task<(Releasability Marking, DataMode Mode)> DerivedMarkingAsync(DbConnection conn, DbTransaction? tx, Caller deriver, IReadOnlyList<RecordRef> inputs)
    {
        var vis = await VisibleMarkingsAsync(conn, deriver, tx).ConfigureAwait(false);
        HashSet<long>? audience = null; // null: everyone
        var mode = DataMode.Real;
        foreach (var input in inputs)
        {
            if (!RecordTables.TryGetValue(input.Kind, out var table)) throw new StoreException(400, "Unknown input kind", $"'{input.Kind}' is not a record kind");
            var row = await conn.QuerySingleOrDefaultAsync<(long OriginatorId, long MarkingId, string DataMode, int IsPublic)?>(
                $"SELECT r.originator_id, r.marking_id, r.data_mode, m.is_public FROM {table} r JOIN marking m ON m.id = r.marking_id WHERE r.id = @Id AND {Visible("r", deriver, vis)}",
                new { input.Id }, tx).ConfigureAwait(false)
                ?? throw new StoreException(403, "Input not visible", $"{input} does not exist or the deriving organisation may not see it");
            if (EnumText.TryParseDataMode(row.DataMode, out var m) && m > mode) mode = m;
            if (row.IsPublic == 1) continue;
            var orgs = (await conn.QueryAsync<long>(
                "SELECT mp.principal_id FROM marking_principal mp JOIN principal p ON p.id = mp.principal_id WHERE mp.marking_id = @MarkingId AND p.kind = 'org' " +
                "UNION SELECT gm.org_id FROM marking_principal mp JOIN group_member gm ON gm.group_id = mp.principal_id WHERE mp.marking_id = @MarkingId",
                new { row.MarkingId }, tx).ConfigureAwait(false)).ToHashSet();
            orgs.Add(row.OriginatorId);
            if (audience == null) audience = orgs; else audience.IntersectWith(orgs);
        }
        if (audience == null) return (Releasability.Public, mode);
        if (!audience.Contains(deriver.OrgId)) throw new InvalidOperationException("deriving organisation outside the intersection of its inputs' audiences");
        var names = new List<string>();
        foreach (var id in audience)
            names.Add(await conn.ExecuteScalarAsync<string>("SELECT name FROM principal WHERE id = @id", new { id }, tx).ConfigureAwait(false) ?? "");
        return (Releasability.To(names), mode);
    }

    private async Task<List<StreamEvent>> RaiseAlertsAsync(DbConnection conn, DbTransaction tx, ConjunctionView c, Audience audience, string at)
    {
        var events = new List<StreamEvent>();
        var hits = await conn.QueryAsync<(long ListId, long OrgId, int NoradId)>(
            "SELECT w.id, w.org_id, i.norad_id FROM watch_item i JOIN watch_list w ON w.id = i.watch_list_id WHERE i.norad_id IN (@a, @b) ORDER BY w.id, i.norad_id",
            new { a = c.PrimaryNoradId, b = c.SecondaryNoradId }, tx).ConfigureAwait(false);
        var done = new HashSet<long>();
        foreach (var h in hits)
        {
            if (!done.Add(h.ListId)) continue;
            var groups = await conn.QueryAsync<long>("SELECT group_id FROM group_member WHERE org_id = @OrgId", new { h.OrgId }, tx).ConfigureAwait(false);
            var recipient = new Caller(h.OrgId, "", 0, Role.Viewer, Principals(h.OrgId, groups));
            if (!audience.Admits(recipient)) continue; // the watch list's owner may not see this conjunction
            var msg = string.Create(CultureInfo.InvariantCulture, $"conjunction {c.Id}: {c.PrimaryNoradId} and {c.SecondaryNoradId} at {c.Tca}, miss {c.MissKm:0.###} km{(c.Pc is { } pc ? $", Pc {pc:0.###e0}" : "")}");
            var id = await conn.ExecuteScalarAsync<long>(
                "INSERT INTO alert (org_id, watch_list_id, conjunction_id, norad_id, message, created_at) VALUES (@OrgId, @ListId, @cid, @NoradId, @msg, @at) RETURNING id",
                new { h.OrgId, h.ListId, cid = c.Id, h.NoradId, msg, at }, tx).ConfigureAwait(false);
            events.Add(new StreamEvent("alert", new AlertView(id, h.ListId, c.Id, h.NoradId, msg, at), new Audience(false, h.OrgId, new HashSet<long>())));
        }
        return events;
    }

    // ------------------------------------------------------------------ screening runs

    private sealed class RunRow
    {
        public long Id { get; set; }
        public string Status { get; set; } = "";
        public double Progress { get; set; }
        public string Parameters { get; set; } = "";
        public string? Message { get; set; }
        public long Conjunctions { get; set; }
        public string CreatedAt { get; set; } = "";
        public string? FinishedAt { get; set; }

        public ScreeningRunView View() => new(Id, Status, Progress, Parameters, Message, (int)Conjunctions, CreatedAt, FinishedAt);
    }

    private sealed class AlertRow
    {
        public long Id { get; set; }
        public long WatchListId { get; set; }
        public long ConjunctionId { get; set; }
        public long NoradId { get; set; }
        public string Message { get; set; } = "";
        public string CreatedAt { get; set; } = "";

        public AlertView View() => new(Id, WatchListId, ConjunctionId, (int)NoradId, Message, CreatedAt);
    }

    public Task<ScreeningRunView> StartScreeningRunAsync(Caller caller, string parameters, CancellationToken ct = default)
    {
        RequireRole(caller, Role.Analyst);
        return WriteAsync(async (conn, tx, audit) =>
        {
            var at = Now();
            var id = await conn.ExecuteScalarAsync<long>(
                "INSERT INTO screening_run (org_id, key_id, status, progress, parameters, message, conjunctions, created_at) VALUES (@OrgId, @KeyId, 'queued', 0, @parameters, NULL, 0, @at) RETURNING id",
                new { caller.OrgId, caller.KeyId, parameters, at }, tx).ConfigureAwait(false);
            audit.Add(Audit.Entry(caller, "screening.start", $"screening-run:{id}", null));
            return new ScreeningRunView(id, "queued", 0, parameters, null, 0, at, null);
        }, ct);
    }

    public async Task<Page<ScreeningRunView>> ListScreeningRunsAsync(Caller caller, Paging paging, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var total = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM screening_run WHERE org_id = @OrgId", new { caller.OrgId }).ConfigureAwait(false);
        var rows = (await conn.QueryAsync<RunRow>(
            "SELECT id, status, progress, parameters, message, conjunctions, created_at AS CreatedAt, finished_at AS FinishedAt FROM screening_run WHERE org_id = @OrgId ORDER BY id DESC LIMIT @Limit OFFSET @Offset",
            new { caller.OrgId, paging.Limit, paging.Offset }).ConfigureAwait(false)).Select(r => r.View()).ToList();
        await Audit.RecordAsync(caller, "read", "screening-runs", null, $"{rows.Count} of {total}").ConfigureAwait(false);
        return new Page<ScreeningRunView>(total, paging.Offset, paging.Limit, rows);
    }

    /// <summary>A screening run of the caller's own organisation, or null.</summary>
    public async Task<ScreeningRunView?> GetScreeningRunAsync(Caller caller, long id, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var row = (await conn.QuerySingleOrDefaultAsync<RunRow>(
            "SELECT id, status, progress, parameters, message, conjunctions, created_at AS CreatedAt, finished_at AS FinishedAt FROM screening_run WHERE id = @id AND org_id = @OrgId",
            new { id, caller.OrgId }).ConfigureAwait(false))?.View();
        await Audit.RecordAsync(caller, "read", $"screening-run:{id}", null, row == null ? "not-found" : "ok").ConfigureAwait(false);
        return row;
    }

    /// <summary>
    /// The organisations that watch at least one object, each as an analyst caller acting for its organisation without a key
    /// (key id 0): whom scheduled screening runs for.
    /// </summary>
    public async Task<IReadOnlyList<Caller>> WatchingOrganisationsAsync(CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var orgs = (await conn.QueryAsync<(long OrgId, string Name)>(
            "SELECT DISTINCT w.org_id, p.name FROM watch_list w JOIN watch_item i ON i.watch_list_id = w.id JOIN principal p ON p.id = w.org_id ORDER BY w.org_id").ConfigureAwait(false)).ToList();
        var callers = new List<Caller>(orgs.Count);
        foreach (var (orgId, name) in orgs)
        {
            var groups = await conn.QueryAsync<long>("SELECT group_id FROM group_member WHERE org_id = @orgId", new { orgId }).ConfigureAwait(false);
            callers.Add(new Caller(orgId, name, 0, Role.Analyst, Principals(orgId, groups)));
        }
        return callers;
    }

    /// <summary>The organisation and key that started a run (for the engine to act as them), or null.</summary>
    public async Task<Caller?> ScreeningRunOwnerAsync(long runId, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var row = await conn.QuerySingleOrDefaultAsync<(long OrgId, long KeyId, string Name)?>(
            "SELECT r.org_id, r.key_id, p.name FROM screening_run r JOIN principal p ON p.id = r.org_id WHERE r.id = @runId", new { runId }).ConfigureAwait(false);
        if (row is not { } r) return null;
        var groups = await conn.QueryAsync<long>("SELECT group_id FROM group_member WHERE org_id = @OrgId", new { r.OrgId }).ConfigureAwait(false);
        return new Caller(r.OrgId, r.Name, r.KeyId, Role.Analyst, Principals(r.OrgId, groups));
    }

    public Task UpdateScreeningRunAsync(long runId, string status, double progress, string? message, int conjunctions, bool finished, CancellationToken ct = default) =>
        WriteAsync(async (conn, tx, audit) =>
        {
            await conn.ExecuteAsync("UPDATE screening_run SET status = @status, progress = @progress, message = @message, conjunctions = @conjunctions, finished_at = @fin WHERE id = @runId",
                new { status, progress, message, conjunctions, fin = finished ? Now() : null, runId }, tx).ConfigureAwait(false);
            if (finished) audit.Add(new AuditEntry(Now(), null, null, "screening.finish", $"screening-run:{runId}", null, status));
            return 0;
        }, ct);

    /// <summary>
    /// What a screening run of <paramref name="caller"/> screens: for each object the caller may see, its current element
    /// set (the newest epoch among those visible, whichever originator and source) and its current operator ephemeris
    /// (the one reaching latest, then the newest record), each with the record it came from. The documented source
    /// preference, operator ephemeris over element set and newer over older, is applied by the screening: an object's
    /// ephemeris stands in for its element set over the ephemeris's span.
    /// </summary>
    public async Task<ScreeningCatalog> ScreeningCatalogAsync(Caller caller, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var catalog = await CurrentCatalogAsync(conn, caller, vis).ConfigureAwait(false);
        await Audit.RecordAsync(caller, "read", "catalog for screening",
            Markings(catalog.Elsets.Select(e => e.Marking).Concat(catalog.Ephemerides.Select(e => e.Marking))),
            $"{catalog.Elsets.Count} element sets, {catalog.Ephemerides.Count} ephemerides").ConfigureAwait(false);
        return catalog;
    }

    /// <summary>
    /// Each object's current element set (the newest epoch among those visible) and current operator ephemeris (the
    /// one reaching latest, then the newest record) that <paramref name="caller"/> may see (<paramref name="vis"/>:
    /// <see cref="VisibleMarkingsAsync"/>), with originator and marking: the query behind
    /// <see cref="ScreeningCatalogAsync"/> and the server's web catalogue. Audits nothing; callers do.
    /// </summary>
    internal static async Task<ScreeningCatalog> CurrentCatalogAsync(DbConnection conn, Caller caller, string vis)
    {
        const string joins = " JOIN principal op ON op.id = r.originator_id JOIN marking mk ON mk.id = r.marking_id ";
        var elsets = (await conn.QueryAsync<ScreeningElset>(
            "SELECT Id, NoradId, Name, IntlDesignator, Epoch, MeanMotionRevPerDay, Eccentricity, InclinationDeg, RaanDeg, ArgPerigeeDeg, MeanAnomalyDeg, Bstar, MeanMotionDot, MeanMotionDdot, Originator, Marking FROM (" +
            "SELECT r.id AS Id, r.norad_id AS NoradId, r.name AS Name, r.intl_designator AS IntlDesignator, r.epoch AS Epoch, r.mean_motion_rev_per_day AS MeanMotionRevPerDay, " +
            "r.eccentricity AS Eccentricity, r.inclination_deg AS InclinationDeg, r.raan_deg AS RaanDeg, r.arg_perigee_deg AS ArgPerigeeDeg, r.mean_anomaly_deg AS MeanAnomalyDeg, " +
            "r.bstar AS Bstar, r.mean_motion_dot AS MeanMotionDot, r.mean_motion_ddot AS MeanMotionDdot, op.name AS Originator, mk.text AS Marking, " +
            "ROW_NUMBER() OVER (PARTITION BY r.norad_id ORDER BY r.epoch DESC, r.id DESC) AS rn " +
            $"FROM elset r {joins} WHERE {Visible("r", caller, vis)}) q WHERE rn = 1 ORDER BY NoradId").ConfigureAwait(false)).ToList();
        var ephs = (await conn.QueryAsync<ScreeningEphemeris>(
            "SELECT Id, NoradId, ObjectName, RefFrame, CenterName, TimeSystem, StartTime, StopTime, Points, Originator, Marking FROM (" +
            "SELECT r.id AS Id, r.norad_id AS NoradId, r.object_name AS ObjectName, r.ref_frame AS RefFrame, r.center_name AS CenterName, r.time_system AS TimeSystem, " +
            "r.start_time AS StartTime, r.stop_time AS StopTime, r.points AS Points, op.name AS Originator, mk.text AS Marking, " +
            "ROW_NUMBER() OVER (PARTITION BY r.norad_id ORDER BY r.stop_time DESC, r.id DESC) AS rn " +
            $"FROM ephemeris r {joins} WHERE {Visible("r", caller, vis)}) q WHERE rn = 1 ORDER BY NoradId").ConfigureAwait(false)).ToList();
        return new ScreeningCatalog(elsets, ephs);
    }

    // ------------------------------------------------------------------ watch lists and alerts

    public Task<WatchListView> CreateWatchListAsync(Caller caller, string name, IReadOnlyList<int> noradIds, CancellationToken ct = default)
    {
        RequireRole(caller, Role.Analyst);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw new StoreException(400, "Invalid watch list", "name must have 1 to 200 characters");
        if (noradIds.Count > 10_000) throw new StoreException(400, "Invalid watch list", "at most 10,000 objects per watch list");
        return WriteAsync(async (conn, tx, audit) =>
        {
            var at = Now();
            var id = await conn.ExecuteScalarAsync<long>("INSERT INTO watch_list (org_id, name, created_at) VALUES (@OrgId, @name, @at) RETURNING id",
                new { caller.OrgId, name, at }, tx).ConfigureAwait(false);
            var ids = noradIds.Distinct().Order().ToList();
            await conn.ExecuteAsync("INSERT INTO watch_item (watch_list_id, norad_id) VALUES (@id, @n)", ids.Select(n => new { id, n }), tx).ConfigureAwait(false);
            audit.Add(Audit.Entry(caller, "watchlist.create", $"watch-list:{id}", null));
            return new WatchListView(id, name, ids, at);
        }, ct);
    }

    public async Task<IReadOnlyList<WatchListView>> ListWatchListsAsync(Caller caller, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var lists = await conn.QueryAsync<(long Id, string Name, string CreatedAt)>("SELECT id, name, created_at FROM watch_list WHERE org_id = @OrgId ORDER BY id", new { caller.OrgId }).ConfigureAwait(false);
        var items = (await conn.QueryAsync<(long ListId, int NoradId)>(
            "SELECT i.watch_list_id, i.norad_id FROM watch_item i JOIN watch_list w ON w.id = i.watch_list_id WHERE w.org_id = @OrgId ORDER BY i.norad_id", new { caller.OrgId }).ConfigureAwait(false))
            .ToLookup(x => x.ListId, x => x.NoradId);
        await Audit.RecordAsync(caller, "read", "watch-lists", null).ConfigureAwait(false);
        return lists.Select(l => new WatchListView(l.Id, l.Name, items[l.Id].ToList(), l.CreatedAt)).ToList();
    }

    public async Task<WatchListView?> GetWatchListAsync(Caller caller, long id, CancellationToken ct = default)
    {
        var all = await ListWatchListsAsync(caller, ct).ConfigureAwait(false);
        return all.FirstOrDefault(w => w.Id == id);
    }

    public Task<bool> DeleteWatchListAsync(Caller caller, long id, CancellationToken ct = default)
    {
        RequireRole(caller, Role.Analyst);
        return WriteAsync(async (conn, tx, audit) =>
        {
            var owned = await conn.ExecuteScalarAsync<long?>("SELECT id FROM watch_list WHERE id = @id AND org_id = @OrgId", new { id, caller.OrgId }, tx).ConfigureAwait(false);
            if (owned == null) return false;
            await conn.ExecuteAsync("DELETE FROM alert WHERE watch_list_id = @id", new { id }, tx).ConfigureAwait(false);
            await conn.ExecuteAsync("DELETE FROM watch_item WHERE watch_list_id = @id", new { id }, tx).ConfigureAwait(false);
            await conn.ExecuteAsync("DELETE FROM watch_list WHERE id = @id", new { id }, tx).ConfigureAwait(false);
            audit.Add(Audit.Entry(caller, "watchlist.delete", $"watch-list:{id}", null));
            return true;
        }, ct);
    }

    /// <summary>Alerts raised for the caller's organisation, newest first.</summary>
    public async Task<Page<AlertView>> ListAlertsAsync(Caller caller, Paging paging, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var w = $"a.org_id = @OrgId AND EXISTS (SELECT 1 FROM conjunction r WHERE r.id = a.conjunction_id AND {Visible("r", caller, vis)})";
        var total = await conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM alert a WHERE {w}", new { caller.OrgId }).ConfigureAwait(false);
        var rows = (await conn.QueryAsync<AlertRow>(
            $"SELECT a.id, a.watch_list_id AS WatchListId, a.conjunction_id AS ConjunctionId, a.norad_id AS NoradId, a.message, a.created_at AS CreatedAt FROM alert a WHERE {w} ORDER BY a.id DESC LIMIT @Limit OFFSET @Offset",
            new { caller.OrgId, paging.Limit, paging.Offset }).ConfigureAwait(false)).Select(r => r.View()).ToList();
        await Audit.RecordAsync(caller, "read", "alerts", null, $"{rows.Count} of {total}").ConfigureAwait(false);
        return new Page<AlertView>(total, paging.Offset, paging.Limit, rows);
    }
}
