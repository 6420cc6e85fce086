using System.Globalization;
using Dapper;

namespace OpenSda.Storage;

public sealed partial class OpenSdaStore
{
    private const string RecordJoins = " JOIN principal op ON op.id = r.originator_id JOIN marking mk ON mk.id = r.marking_id LEFT JOIN ingest ig ON ig.id = r.ingest_id ";

    private static string Markings(IEnumerable<string> texts)
    {
        var s = string.Join(" | ", texts.Distinct().Order(StringComparer.Ordinal));
        return s.Length > 500 ? s[..500] + "…" : s;
    }

    private static string Like(string s) => "%" + s.ToUpperInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";

    // ------------------------------------------------------------------ objects

    private sealed class ObjectRow
    {
        public long NoradId { get; set; }
        public string? Name { get; set; }
        public string? IntlDesignator { get; set; }
        public string? Regime { get; set; }

        public ObjectSummary View() => new((int)NoradId, Name, IntlDesignator, Regime);
    }

    /// <summary>Searches the objects the caller may see by catalog number, name, international designator or regime.</summary>
    public async Task<Page<ObjectSummary>> SearchObjectsAsync(Caller caller, ObjectQuery q, Paging paging, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var where = new List<string> { Visible("e", caller, vis) };
        var p = new DynamicParameters();
        if (q.NoradId is { } id) { where.Add("e.norad_id = @id"); p.Add("id", id); }
        if (!string.IsNullOrWhiteSpace(q.Name)) { where.Add("UPPER(e.name) LIKE @name"); p.Add("name", Like(q.Name)); }
        if (!string.IsNullOrWhiteSpace(q.IntlDesignator)) { where.Add("UPPER(e.intl_designator) LIKE @intl"); p.Add("intl", q.IntlDesignator.Trim().ToUpperInvariant() + "%"); }
        if (!string.IsNullOrWhiteSpace(q.Regime)) { where.Add("e.regime = @regime"); p.Add("regime", q.Regime.Trim().ToUpperInvariant()); }
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var t = q.Q.Trim();
            if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) { where.Add("(e.norad_id = @qn OR UPPER(e.name) LIKE @ql)"); p.Add("qn", n); }
            else where.Add("(UPPER(e.name) LIKE @ql OR UPPER(e.intl_designator) LIKE @ql)");
            p.Add("ql", Like(t));
        }
        var w = string.Join(" AND ", where);
        // The catalog numbers this organisation may see under this filter, in order (an audience list); the page is a slice of it.
        var (all, total) = await AudienceListAsync(conn, caller, "objects", q.ToString(),
            $"SELECT DISTINCT e.norad_id FROM object_entry e WHERE {w} ORDER BY e.norad_id",
            $"SELECT COUNT(DISTINCT e.norad_id) FROM object_entry e WHERE {w}", p).ConfigureAwait(false);
        IReadOnlyList<long> page;
        if (all != null) page = Slice(all, paging);
        else
        {
            p.Add("limit", paging.Limit);
            p.Add("offset", paging.Offset);
            page = (await conn.QueryAsync<long>($"SELECT DISTINCT e.norad_id FROM object_entry e WHERE {w} ORDER BY e.norad_id LIMIT @limit OFFSET @offset", p).ConfigureAwait(false)).ToList();
        }
        var items = page.Count == 0 ? [] : (await lease.QueryAsync<ObjectRow>(
            $"SELECT e.norad_id AS NoradId, MAX(e.name) AS Name, MAX(e.intl_designator) AS IntlDesignator, MAX(e.regime) AS Regime " +
            $"FROM object_entry e WHERE {_db.Dialect.InIds("e.norad_id")} AND {Visible("e", caller, vis)} GROUP BY e.norad_id ORDER BY e.norad_id",
            new { ids = _db.Dialect.Ids(page) }).ConfigureAwait(false)).Select(r => r.View()).ToList();
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", "objects?" + Describe(q), null, $"{items.Count} of {total}").ConfigureAwait(false);
        return new Page<ObjectSummary>(total, paging.Offset, paging.Limit, items);
    }

    private static string Describe(object q) => q.ToString() ?? "";

    /// <summary>One object with its sources as the caller may see them, or null when it may see none.</summary>
    public async Task<ObjectDetail?> GetObjectAsync(Caller caller, int noradId, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var entrySql = $"SELECT e.norad_id AS NoradId, MAX(e.name) AS Name, MAX(e.intl_designator) AS IntlDesignator, MAX(e.regime) AS Regime FROM object_entry e WHERE e.norad_id = @noradId AND {Visible("e", caller, vis)} GROUP BY e.norad_id";
        // Current element set per (originator, source): the newest epoch among those the caller may see.
        var elsetSql = $"SELECT r.id, r.source, op.name, mk.text, r.data_mode, r.epoch FROM elset r {RecordJoins} WHERE r.norad_id = @noradId AND {Visible("r", caller, vis)} " +
            $"AND NOT EXISTS (SELECT 1 FROM elset n WHERE n.norad_id = r.norad_id AND n.originator_id = r.originator_id AND n.source = r.source AND {Visible("n", caller, vis)} AND (n.epoch > r.epoch OR (n.epoch = r.epoch AND n.id > r.id)))";
        var ephSql = $"SELECT r.id, op.name, mk.text, r.data_mode, r.stop_time FROM ephemeris r {RecordJoins} WHERE r.norad_id = @noradId AND {Visible("r", caller, vis)} " +
            $"AND NOT EXISTS (SELECT 1 FROM ephemeris n WHERE n.norad_id = r.norad_id AND n.originator_id = r.originator_id AND {Visible("n", caller, vis)} AND (n.stop_time > r.stop_time OR (n.stop_time = r.stop_time AND n.id > r.id)))";
        ObjectSummary? entry;
        IEnumerable<(long Id, string Source, string Originator, string Marking, string DataMode, string Epoch)> elsets;
        IEnumerable<(long Id, string Originator, string Marking, string DataMode, string StopTime)> ephs;
        if (lease.IsSqlite)
        {
            // Three prepared statements on the in-process database.
            entry = (await lease.FirstOrDefaultAsync<ObjectRow>(entrySql, new { noradId }).ConfigureAwait(false))?.View();
            elsets = entry == null ? [] : await lease.QueryAsync<(long, string, string, string, string, string)>(elsetSql, new { noradId }).ConfigureAwait(false);
            ephs = entry == null ? [] : await lease.QueryAsync<(long, string, string, string, string)>(ephSql, new { noradId }).ConfigureAwait(false);
        }
        else
        {
            // One round trip to the server for the three.
            using var multi = await conn.QueryMultipleAsync($"{entrySql}; {elsetSql}; {ephSql}", new { noradId }).ConfigureAwait(false);
            entry = (await multi.ReadFirstOrDefaultAsync<ObjectRow>().ConfigureAwait(false))?.View();
            elsets = (await multi.ReadAsync<(long, string, string, string, string, string)>().ConfigureAwait(false)).AsList();
            ephs = (await multi.ReadAsync<(long, string, string, string, string)>().ConfigureAwait(false)).AsList();
        }
        if (entry == null)
        {
            lease.Dispose();
            await Audit.RecordAsync(caller, "read", $"object:{noradId}", null, "not-found").ConfigureAwait(false);
            return null;
        }
        var sources = ephs.Select(e => new SourceRef("ephemeris", e.Id, "oem", e.Originator, e.Marking, e.DataMode, e.StopTime))
            .OrderByDescending(s => s.Epoch, StringComparer.Ordinal)
            .Concat(elsets.Select(e => new SourceRef("elset", e.Id, e.Source, e.Originator, e.Marking, e.DataMode, e.Epoch)).OrderByDescending(s => s.Epoch, StringComparer.Ordinal))
            .ToList();
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", $"object:{noradId}", Markings(sources.Select(s => s.Releasability))).ConfigureAwait(false);
        return new ObjectDetail(entry.NoradId, entry.Name, entry.IntlDesignator, entry.Regime, sources.FirstOrDefault(), sources);
    }

    // ------------------------------------------------------------------ element sets

    private sealed class ElsetRow
    {
        public long Id { get; set; }
        public int NoradId { get; set; }
        public string? Name { get; set; }
        public string? IntlDesignator { get; set; }
        public string Source { get; set; } = "";
        public string Format { get; set; } = "";
        public string Epoch { get; set; } = "";
        public double MeanMotionRevPerDay { get; set; }
        public double Eccentricity { get; set; }
        public double InclinationDeg { get; set; }
        public double RaanDeg { get; set; }
        public double ArgPerigeeDeg { get; set; }
        public double MeanAnomalyDeg { get; set; }
        public double Bstar { get; set; }
        public double MeanMotionDot { get; set; }
        public double MeanMotionDdot { get; set; }
        public int ElementSetNo { get; set; }
        public int RevNo { get; set; }
        public string? Line1 { get; set; }
        public string? Line2 { get; set; }
        public string Originator { get; set; } = "";
        public string Marking { get; set; } = "";
        public string DataMode { get; set; } = "";
        public long? IngestId { get; set; }
        public string? File { get; set; }
        public int SourceLine { get; set; }

        public ElsetView View() => new(Id, NoradId, Name, IntlDesignator, Source, Format, Epoch, MeanMotionRevPerDay, Eccentricity, InclinationDeg,
            RaanDeg, ArgPerigeeDeg, MeanAnomalyDeg, Bstar, MeanMotionDot, MeanMotionDdot, ElementSetNo, RevNo, Line1, Line2, Originator, Marking,
            DataMode, new Lineage(IngestId, File, SourceLine, []));
    }

    private const string ElsetSelect = "SELECT r.id, r.norad_id, r.name, r.intl_designator, r.source, r.format, r.epoch, r.mean_motion_rev_per_day, r.eccentricity, " +
        "r.inclination_deg, r.raan_deg, r.arg_perigee_deg, r.mean_anomaly_deg, r.bstar, r.mean_motion_dot, r.mean_motion_ddot, r.element_set_no, r.rev_no, " +
        "r.line1, r.line2, op.name AS originator, mk.text AS marking, r.data_mode, r.ingest_id, ig.source AS file, r.source_line FROM elset r" + RecordJoins;

    /// <summary>
    /// The element sets of an object that the caller may see, newest epoch first: the whole history, or
    /// with <paramref name="currentOnly"/> the newest per originator and source.
    /// </summary>
    public async Task<Page<ElsetView>> GetElsetsAsync(Caller caller, int noradId, bool currentOnly, Paging paging, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var w = $"r.norad_id = @noradId AND {Visible("r", caller, vis)}";
        if (currentOnly)
            w += $" AND NOT EXISTS (SELECT 1 FROM elset n WHERE n.norad_id = r.norad_id AND n.originator_id = r.originator_id AND n.source = r.source AND {Visible("n", caller, vis)} AND (n.epoch > r.epoch OR (n.epoch = r.epoch AND n.id > r.id)))";
        var countSql = $"SELECT COUNT(*) FROM elset r WHERE {w}";
        var pageSql = $"{ElsetSelect} WHERE {w} ORDER BY r.epoch DESC, r.id DESC LIMIT @Limit OFFSET @Offset";
        long total;
        List<ElsetView> rows;
        if (lease.IsSqlite)
        {
            total = await lease.CountAsync(countSql, new { noradId }).ConfigureAwait(false);
            rows = (await lease.QueryAsync<ElsetRow>(pageSql, new { noradId, paging.Limit, paging.Offset }).ConfigureAwait(false)).Select(r => r.View()).ToList();
        }
        else
        {
            using var multi = await conn.QueryMultipleAsync($"{countSql}; {pageSql}", new { noradId, paging.Limit, paging.Offset }).ConfigureAwait(false);
            total = await multi.ReadSingleAsync<long>().ConfigureAwait(false);
            rows = (await multi.ReadAsync<ElsetRow>().ConfigureAwait(false)).Select(r => r.View()).ToList();
        }
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", $"object:{noradId}/elsets{(currentOnly ? "?current" : "")}", Markings(rows.Select(r => r.Releasability)), $"{rows.Count} of {total}").ConfigureAwait(false);
        return new Page<ElsetView>(total, paging.Offset, paging.Limit, rows);
    }

    public async Task<ElsetView?> GetElsetAsync(Caller caller, long id, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var row = await lease.FirstOrDefaultAsync<ElsetRow>($"{ElsetSelect} WHERE r.id = @id AND {Visible("r", caller, vis)}", new { id }).ConfigureAwait(false);
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", $"elset:{id}", row?.Marking, row == null ? "not-found" : "ok").ConfigureAwait(false);
        return row?.View();
    }

    // ------------------------------------------------------------------ ephemerides

    private sealed class EphemerisRow
    {
        public long Id { get; set; }
        public int NoradId { get; set; }
        public string? ObjectName { get; set; }
        public string RefFrame { get; set; } = "";
        public string CenterName { get; set; } = "";
        public string TimeSystem { get; set; } = "";
        public string StartTime { get; set; } = "";
        public string StopTime { get; set; } = "";
        public int PointCount { get; set; }
        public string? Points { get; set; }
        public string Originator { get; set; } = "";
        public string Marking { get; set; } = "";
        public string DataMode { get; set; } = "";
        public long? IngestId { get; set; }
        public string? File { get; set; }
        public int SourceLine { get; set; }

        public EphemerisView View(bool withPoints) => new(Id, NoradId, ObjectName, RefFrame, CenterName, TimeSystem, StartTime, StopTime, PointCount,
            Originator, Marking, DataMode, new Lineage(IngestId, File, SourceLine, []), withPoints && Points != null ? ParsePoints(Points) : null);
    }

    /// <summary>Points as <c>[seconds since start, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s]</c>.</summary>
    internal static List<double[]> ParsePoints(string text)
    {
        var list = new List<double[]>();
        DateTime? t0 = null;
        foreach (var p in text.Split(';'))
        {
            var f = p.Split(',');
            var t = Iso.Parse(f[0]);
            t0 ??= t;
            var v = new double[7];
            v[0] = (t - t0.Value).TotalSeconds;
            for (var k = 1; k < 7; k++) v[k] = double.Parse(f[k], CultureInfo.InvariantCulture);
            list.Add(v);
        }
        return list;
    }

    private static string EphemerisSelect(bool points) =>
        "SELECT r.id, r.norad_id, r.object_name, r.ref_frame, r.center_name, r.time_system, r.start_time, r.stop_time, r.point_count, " +
        (points ? "r.points, " : "") + "op.name AS originator, mk.text AS marking, r.data_mode, r.ingest_id, ig.source AS file, r.source_line FROM ephemeris r" + RecordJoins;

    public async Task<Page<EphemerisView>> ListEphemeridesAsync(Caller caller, int? noradId, Paging paging, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var w = Visible("r", caller, vis) + (noradId != null ? " AND r.norad_id = @noradId" : "");
        var total = await conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ephemeris r WHERE {w}", new { noradId }).ConfigureAwait(false);
        var rows = (await conn.QueryAsync<EphemerisRow>($"{EphemerisSelect(false)} WHERE {w} ORDER BY r.id DESC LIMIT @Limit OFFSET @Offset",
            new { noradId, paging.Limit, paging.Offset }).ConfigureAwait(false)).Select(r => r.View(false)).ToList();
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", noradId != null ? $"object:{noradId}/ephemerides" : "ephemerides", Markings(rows.Select(r => r.Releasability)), $"{rows.Count} of {total}").ConfigureAwait(false);
        return new Page<EphemerisView>(total, paging.Offset, paging.Limit, rows);
    }

    public async Task<EphemerisView?> GetEphemerisAsync(Caller caller, long id, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var row = await lease.FirstOrDefaultAsync<EphemerisRow>($"{EphemerisSelect(true)} WHERE r.id = @id AND {Visible("r", caller, vis)}", new { id }).ConfigureAwait(false);
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", $"ephemeris:{id}", row?.Marking, row == null ? "not-found" : "ok").ConfigureAwait(false);
        return row?.View(true);
    }

    // ------------------------------------------------------------------ observations

    private sealed class ObservationRow
    {
        public long Id { get; set; }
        public int? NoradId { get; set; }
        public string Participants { get; set; } = "";
        public string StartTime { get; set; } = "";
        public string StopTime { get; set; } = "";
        public int DataCount { get; set; }
        public string Originator { get; set; } = "";
        public string Marking { get; set; } = "";
        public string DataMode { get; set; } = "";
        public long? IngestId { get; set; }
        public string? File { get; set; }
        public int SourceLine { get; set; }

        public ObservationView View() => new(Id, NoradId, Participants, StartTime, StopTime, DataCount, Originator, Marking, DataMode, new Lineage(IngestId, File, SourceLine, []));
    }

    private const string ObservationSelect = "SELECT r.id, r.norad_id, r.participants, r.start_time, r.stop_time, r.data_count, op.name AS originator, mk.text AS marking, r.data_mode, r.ingest_id, ig.source AS file, r.source_line FROM observation r" + RecordJoins;

    public async Task<Page<ObservationView>> ListObservationsAsync(Caller caller, int? noradId, Paging paging, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var w = Visible("r", caller, vis) + (noradId != null ? " AND r.norad_id = @noradId" : "");
        var total = await conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM observation r WHERE {w}", new { noradId }).ConfigureAwait(false);
        var rows = (await conn.QueryAsync<ObservationRow>($"{ObservationSelect} WHERE {w} ORDER BY r.id DESC LIMIT @Limit OFFSET @Offset",
            new { noradId, paging.Limit, paging.Offset }).ConfigureAwait(false)).Select(r => r.View()).ToList();
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", "observations", Markings(rows.Select(r => r.Releasability)), $"{rows.Count} of {total}").ConfigureAwait(false);
        return new Page<ObservationView>(total, paging.Offset, paging.Limit, rows);
    }

    public async Task<ObservationView?> GetObservationAsync(Caller caller, long id, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var row = await lease.FirstOrDefaultAsync<ObservationRow>($"{ObservationSelect} WHERE r.id = @id AND {Visible("r", caller, vis)}", new { id }).ConfigureAwait(false);
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", $"observation:{id}", row?.Marking, row == null ? "not-found" : "ok").ConfigureAwait(false);
        return row?.View();
    }

    // ------------------------------------------------------------------ conjunctions

    private sealed class ConjunctionRow
    {
        public long Id { get; set; }
        public int PrimaryNorad { get; set; }
        public int SecondaryNorad { get; set; }
        public string Tca { get; set; } = "";
        public double MissKm { get; set; }
        public double? Pc { get; set; }
        public double? RelativeSpeedKmS { get; set; }
        public string Source { get; set; } = "";
        public long? ScreeningRunId { get; set; }
        public string Lineage { get; set; } = "";
        public string Originator { get; set; } = "";
        public string Marking { get; set; } = "";
        public string DataMode { get; set; } = "";
        public long? IngestId { get; set; }
        public string? File { get; set; }
        public string CreatedAt { get; set; } = "";

        public ConjunctionView View() => new(Id, PrimaryNorad, SecondaryNorad, Tca, MissKm, Pc, RelativeSpeedKmS, Source, ScreeningRunId, Originator, Marking, DataMode,
            new Lineage(IngestId, File, null, Lineage.Length == 0 || Lineage.StartsWith("ingest:", StringComparison.Ordinal) ? [] : Lineage.Split(',')), CreatedAt);
    }

    private const string ConjunctionSelect = "SELECT r.id, r.primary_norad, r.secondary_norad, r.tca, r.miss_km, r.pc, r.relative_speed_km_s, r.source, r.screening_run_id, r.lineage, " +
        "op.name AS originator, mk.text AS marking, r.data_mode, r.ingest_id, ig.source AS file, r.created_at FROM conjunction r" + RecordJoins;

    /// <summary>Conjunctions the caller may see, by TCA window, miss distance, Pc, object, watch list or screening run; soonest TCA first.</summary>
    public async Task<Page<ConjunctionView>> SearchConjunctionsAsync(Caller caller, ConjunctionQuery q, Paging paging, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var where = new List<string> { Visible("r", caller, vis) };
        var p = new DynamicParameters();
        if (q.From is { } from) { where.Add("r.tca >= @from"); p.Add("from", Iso.Of(from)); }
        if (q.To is { } to) { where.Add("r.tca <= @to"); p.Add("to", Iso.Of(to)); }
        if (q.MaxMissKm is { } miss) { where.Add("r.miss_km <= @miss"); p.Add("miss", miss); }
        if (q.MinPc is { } pc) { where.Add("r.pc >= @pc"); p.Add("pc", pc); }
        if (q.NoradId is { } n) { where.Add("(r.primary_norad = @n OR r.secondary_norad = @n)"); p.Add("n", n); }
        if (q.ScreeningRunId is { } run) { where.Add("r.screening_run_id = @run"); p.Add("run", run); }
        if (q.WatchListId is { } wl)
        {
            where.Add("EXISTS (SELECT 1 FROM watch_item i JOIN watch_list w ON w.id = i.watch_list_id WHERE w.id = @wl AND w.org_id = @org AND i.norad_id IN (r.primary_norad, r.secondary_norad))");
            p.Add("wl", wl);
            p.Add("org", caller.OrgId);
        }
        var w = string.Join(" AND ", where);
        // The ids this organisation may see under this filter, soonest TCA first (an audience list); the page is a slice of it.
        var (all, total) = await AudienceListAsync(conn, caller, "conjunctions", q.ToString(),
            $"SELECT r.id FROM conjunction r WHERE {w} ORDER BY r.tca, r.id",
            $"SELECT COUNT(*) FROM conjunction r WHERE {w}", p).ConfigureAwait(false);
        List<ConjunctionView> rows;
        if (all != null)
        {
            var page = Slice(all, paging);
            rows = page.Count == 0 ? [] : (await lease.QueryAsync<ConjunctionRow>(
                $"{ConjunctionSelect} WHERE {_db.Dialect.InIds("r.id")} AND {Visible("r", caller, vis)} ORDER BY r.tca, r.id",
                new { ids = _db.Dialect.Ids(page) }).ConfigureAwait(false)).Select(r => r.View()).ToList();
        }
        else
        {
            p.Add("limit", paging.Limit);
            p.Add("offset", paging.Offset);
            rows = (await conn.QueryAsync<ConjunctionRow>($"{ConjunctionSelect} WHERE {w} ORDER BY r.tca, r.id LIMIT @limit OFFSET @offset", p).ConfigureAwait(false))
                .Select(r => r.View()).ToList();
        }
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", "conjunctions?" + Describe(q), Markings(rows.Select(r => r.Releasability)), $"{rows.Count} of {total}").ConfigureAwait(false);
        return new Page<ConjunctionView>(total, paging.Offset, paging.Limit, rows);
    }

    public async Task<ConjunctionView?> GetConjunctionAsync(Caller caller, long id, CancellationToken ct = default)
    {
        using var lease = await _db.ReadAsync(ct).ConfigureAwait(false);
        var conn = lease.Connection;
        var vis = await VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var row = await lease.FirstOrDefaultAsync<ConjunctionRow>($"{ConjunctionSelect} WHERE r.id = @id AND {Visible("r", caller, vis)}", new { id }).ConfigureAwait(false);
        lease.Dispose();
        await Audit.RecordAsync(caller, "read", $"conjunction:{id}", row?.Marking, row == null ? "not-found" : "ok").ConfigureAwait(false);
        return row?.View();
    }
}
