using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using OpenSda.Storage.Ingest;

namespace OpenSda.Storage;

/// <summary>An upload: one file's text with the marking and data mode its records get.</summary>
/// <param name="Body">The file's text, in any supported format.</param>
/// <param name="Marking">Releasability of every record of the file.</param>
/// <param name="Mode">Data mode of every record of the file.</param>
/// <param name="Source">The feed: <c>upload</c>, <c>celestrak-gp</c>, <c>space-track</c>, <c>bundled</c>; "current" element sets are per source.</param>
/// <param name="FileName">The file name or URL, kept as lineage.</param>
public sealed record IngestRequest(string Body, Releasability Marking, DataMode Mode, string Source = "upload", string FileName = "upload");

public sealed partial class OpenSdaStore
{
    /// <summary>
    /// Reads one file and commits every valid record in one transaction, with its lineage and audit
    /// entry; rejected records come back with line and field. Nothing is written when nothing is valid.
    /// A crash before the commit leaves no trace of the ingest.
    /// </summary>
    public async Task<IngestResult> IngestAsync(Caller caller, IngestRequest req, CancellationToken ct = default)
    {
        RequireRole(caller, Role.Provider);
        var parsed = _options.Parser.Parse(req.Body, req.FileName);
        var rejected = new List<IngestIssue>(parsed.Rejected);

        // OEM OBJECT_ID: a catalog number, or an international designator the uploader can see in the catalog.
        var ephemerides = new List<(ParsedEphemeris E, int Norad)>();
        if (parsed.Ephemerides.Count > 0)
        {
            await using var rc = await _db.OpenAsync(ct).ConfigureAwait(false);
            var vis = await VisibleMarkingsAsync(rc, caller).ConfigureAwait(false);
            foreach (var e in parsed.Ephemerides)
            {
                var id = e.ObjectId.Trim();
                if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) { ephemerides.Add((e, n)); continue; }
                var found = await rc.QueryFirstOrDefaultAsync<int?>(
                    $"SELECT e.norad_id FROM object_entry e WHERE UPPER(e.intl_designator) = @id AND {Visible("e", caller, vis)}",
                    new { id = id.ToUpperInvariant() }).ConfigureAwait(false);
                if (found is { } f) ephemerides.Add((e, f));
                else rejected.Add(new IngestIssue(e.Line, "OBJECT_ID", $"'{id}' is neither a catalog number nor an international designator in the catalog you can see"));
            }
        }
        var accepted = parsed.Elsets.Count + ephemerides.Count + parsed.Observations.Count + parsed.Conjunctions.Count;
        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        var format = parsed.Format.ToString().ToUpperInvariant();
        if (accepted == 0)
        {
            await Audit.RecordAsync(caller, "ingest", $"file:{req.FileName} {format}", req.Marking.ToString(), $"rejected all ({rejected.Count})").ConfigureAwait(false);
            return new IngestResult(null, format, 0, rejected);
        }

        var events = new List<StreamEvent>();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(req.Body)));
        var ingestId = await WriteAsync(async (conn, tx, audit) =>
        {
            var at = Now();
            var markingId = await EnsureMarkingAsync(conn, tx, req.Marking).ConfigureAwait(false);
            var mode = req.Mode.ToText();
            var ingestId = await conn.ExecuteScalarAsync<long>(
                "INSERT INTO ingest (originator_id, key_id, marking_id, data_mode, format, source, sha256, received_at, accepted, rejected) " +
                "VALUES (@OrgId, @KeyId, @markingId, @mode, @format, @file, @sha, @at, @accepted, @r) RETURNING id",
                new { caller.OrgId, KeyId = caller.KeyId == 0 ? (long?)null : caller.KeyId, markingId, mode, format, file = req.FileName, sha, at, accepted, r = rejected.Count }, tx).ConfigureAwait(false);
            WriteProgress?.Invoke(ingestId, accepted);

            if (parsed.Elsets.Count > 0)
            {
                await InsertElsetsAsync(conn, tx, parsed.Elsets, req, caller.OrgId, markingId, mode, ingestId, format, at).ConfigureAwait(false);
                var entries = parsed.Elsets.GroupBy(e => e.Elements.CatalogNumber).Select(g => g.MaxBy(e => e.EpochUtc)!)
                    .Select(e => (e.Elements.CatalogNumber, e.Elements.Name, e.Elements.InternationalDesignator, Regimes.FromMeanMotion(e.Elements.MeanMotionRevPerDay, e.Elements.Eccentricity)));
                await UpsertObjectEntriesAsync(conn, tx, entries, caller.OrgId, markingId, mode, ingestId, at).ConfigureAwait(false);
            }
            foreach (var (e, norad) in ephemerides)
            {
                var pts = string.Join(";", e.Points.Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"{Iso.Of(p.TimeUtc)},{p.X:R},{p.Y:R},{p.Z:R},{p.Vx:R},{p.Vy:R},{p.Vz:R}")));
                await conn.ExecuteAsync(
                    "INSERT INTO ephemeris (norad_id, object_name, ref_frame, center_name, time_system, start_time, stop_time, point_count, points, originator_id, marking_id, data_mode, ingest_id, source_line, created_at) " +
                    "VALUES (@norad, @ObjectName, @RefFrame, @CenterName, @TimeSystem, @start, @stop, @count, @pts, @OrgId, @markingId, @mode, @ingestId, @Line, @at)",
                    new { norad, e.ObjectName, e.RefFrame, e.CenterName, e.TimeSystem, start = Iso.Of(e.Points[0].TimeUtc), stop = Iso.Of(e.Points[^1].TimeUtc),
                        count = e.Points.Count, pts, caller.OrgId, markingId, mode, ingestId, e.Line, at }, tx).ConfigureAwait(false);
                var p0 = e.Points[0];
                await UpsertObjectEntriesAsync(conn, tx, [(norad, e.ObjectName, e.ObjectId.Contains('-') ? e.ObjectId : null, Regimes.FromState(p0.X, p0.Y, p0.Z, p0.Vx, p0.Vy, p0.Vz))],
                    caller.OrgId, markingId, mode, ingestId, at).ConfigureAwait(false);
            }
            foreach (var o in parsed.Observations)
                await conn.ExecuteAsync(
                    "INSERT INTO observation (norad_id, participants, start_time, stop_time, data_count, body, originator_id, marking_id, data_mode, ingest_id, source_line, created_at) " +
                    "VALUES (@NoradId, @Participants, @start, @stop, @DataCount, @Body, @OrgId, @markingId, @mode, @ingestId, @Line, @at)",
                    new { o.NoradId, o.Participants, start = Iso.Of(o.StartUtc), stop = Iso.Of(o.StopUtc), o.DataCount, o.Body, caller.OrgId, markingId, mode, ingestId, o.Line, at }, tx).ConfigureAwait(false);
            if (parsed.Conjunctions.Count > 0)
            {
                var audience = await AudienceOfMarkingAsync(conn, tx, markingId, caller.OrgId).ConfigureAwait(false);
                foreach (var c in parsed.Conjunctions)
                {
                    var lineage = $"ingest:{ingestId}";
                    var id = await conn.ExecuteScalarAsync<long>(
                        "INSERT INTO conjunction (primary_norad, secondary_norad, tca, miss_km, pc, relative_speed_km_s, source, screening_run_id, lineage, originator_id, marking_id, data_mode, ingest_id, created_at) " +
                        "VALUES (@PrimaryNorad, @SecondaryNorad, @tca, @MissKm, @Pc, @RelativeSpeedKmS, 'CDM', NULL, @lineage, @OrgId, @markingId, @mode, @ingestId, @at) RETURNING id",
                        new { c.PrimaryNorad, c.SecondaryNorad, tca = Iso.Of(c.TcaUtc), c.MissKm, c.Pc, c.RelativeSpeedKmS, lineage, caller.OrgId, markingId, mode, ingestId, at }, tx).ConfigureAwait(false);
                    var view = new ConjunctionView(id, c.PrimaryNorad, c.SecondaryNorad, Iso.Of(c.TcaUtc), c.MissKm, c.Pc, c.RelativeSpeedKmS, "CDM", null,
                        caller.OrgName, req.Marking.ToString(), mode, new Lineage(ingestId, req.FileName, c.Line, []), at);
                    events.Add(new StreamEvent("conjunction", view, audience));
                    events.AddRange(await RaiseAlertsAsync(conn, tx, view, audience, at).ConfigureAwait(false));
                }
            }
            audit.Add(Audit.Entry(caller, "ingest", $"ingest:{ingestId} {format} {req.FileName}", req.Marking.ToString(), $"accepted {accepted} rejected {rejected.Count}"));
            return ingestId;
        }, ct).ConfigureAwait(false);
        foreach (var e in events) Publish(e);
        return new IngestResult(ingestId, format, accepted, rejected);
    }

    /// <summary>Called inside the ingest transaction once it has begun writing (ingest id, records); for logs and tests.</summary>
    public event Action<long, int>? WriteProgress;

    private async Task InsertElsetsAsync(DbConnection conn, DbTransaction tx, List<ParsedElset> elsets, IngestRequest req,
        long orgId, long markingId, string mode, long ingestId, string format, string at)
    {
        const string Cols = "norad_id, name, intl_designator, source, format, epoch, mean_motion_rev_per_day, eccentricity, inclination_deg, raan_deg, arg_perigee_deg, mean_anomaly_deg, bstar, mean_motion_dot, mean_motion_ddot, element_set_no, rev_no, line1, line2, originator_id, marking_id, data_mode, ingest_id, source_line, created_at";
        const int PerRow = 25;
        const int Chunk = 200;
        for (var start = 0; start < elsets.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, elsets.Count - start);
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var sb = new StringBuilder("INSERT INTO elset (").Append(Cols).Append(") VALUES ");
            for (var i = 0; i < n; i++)
            {
                var e = elsets[start + i];
                var m = e.Elements;
                if (i > 0) sb.Append(',');
                sb.Append('(');
                object?[] values =
                [
                    m.CatalogNumber, m.Name, m.InternationalDesignator, req.Source, format, Iso.Of(e.EpochUtc), m.MeanMotionRevPerDay,
                    m.Eccentricity, m.InclinationDeg, m.RaanDeg, m.ArgPerigeeDeg, m.MeanAnomalyDeg, m.BStar, m.MeanMotionDot, m.MeanMotionDDot,
                    m.ElementSetNumber, m.RevolutionNumber, e.Line1, e.Line2, orgId, markingId, mode, ingestId, e.Line, at,
                ];
                for (var k = 0; k < PerRow; k++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{i * PerRow + k}");
                    if (k > 0) sb.Append(',');
                    sb.Append(name);
                    var p = cmd.CreateParameter();
                    p.ParameterName = name;
                    p.Value = values[k] ?? DBNull.Value;
                    cmd.Parameters.Add(p);
                }
                sb.Append(')');
            }
            cmd.CommandText = sb.ToString();
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static async Task UpsertObjectEntriesAsync(DbConnection conn, DbTransaction tx,
        IEnumerable<(int Norad, string? Name, string? Intl, string Regime)> entries, long orgId, long markingId, string mode, long ingestId, string at)
    {
        var rows = entries.Select(e => new { e.Norad, e.Name, e.Intl, e.Regime, orgId, markingId, mode, ingestId, at }).ToList();
        await conn.ExecuteAsync(
            "INSERT INTO object_entry (norad_id, name, intl_designator, regime, originator_id, marking_id, data_mode, ingest_id, updated_at) " +
            "VALUES (@Norad, @Name, @Intl, @Regime, @orgId, @markingId, @mode, @ingestId, @at) " +
            "ON CONFLICT (norad_id, originator_id, marking_id, data_mode) DO UPDATE SET " +
            "name = COALESCE(excluded.name, object_entry.name), intl_designator = COALESCE(excluded.intl_designator, object_entry.intl_designator), " +
            "regime = excluded.regime, ingest_id = excluded.ingest_id, updated_at = excluded.updated_at",
            rows, tx).ConfigureAwait(false);
    }

    /// <summary>Ensures the named organisation exists and returns a caller acting for it without a key (server-side feeds).</summary>
    public async Task<Caller> SystemCallerAsync(string orgName, CancellationToken ct = default)
    {
        var org = await AddOrganisationAsync(orgName, null, "server", ct).ConfigureAwait(false);
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var groups = await conn.QueryAsync<long>("SELECT group_id FROM group_member WHERE org_id = @Id", new { org.Id }).ConfigureAwait(false);
        return new Caller(org.Id, org.Name, 0, Role.Admin, Principals(org.Id, groups));
    }

    /// <summary>Whether any element set is stored at all (first-start detection).</summary>
    public async Task<bool> HasElsetsAsync(CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        return await conn.ExecuteScalarAsync<long?>("SELECT id FROM elset LIMIT 1").ConfigureAwait(false) != null;
    }
}

/// <summary>
/// Orbit regimes as the catalog summary uses them, from the orbit's period and shape:
/// LEO (period under 128 min, the common definition of low Earth orbit), GEO (period within 5% of a
/// sidereal day and e &lt; 0.1), HEO (e ≥ 0.25), MEO otherwise.
/// </summary>
public static class Regimes
{
    private const double MuKm3S2 = 398600.4418;

    public static string FromMeanMotion(double revPerDay, double ecc)
    {
        var periodMin = 1440.0 / revPerDay;
        if (ecc >= 0.25) return "HEO";
        if (periodMin < 128) return "LEO";
        if (Math.Abs(periodMin - 1436.07) < 0.05 * 1436.07 && ecc < 0.1) return "GEO";
        return "MEO";
    }

    public static string FromState(double x, double y, double z, double vx, double vy, double vz)
    {
        var r = Math.Sqrt(x * x + y * y + z * z);
        var v2 = vx * vx + vy * vy + vz * vz;
        var energy = v2 / 2 - MuKm3S2 / r;
        if (energy >= 0) return "ESCAPE";
        var a = -MuKm3S2 / (2 * energy);
        // e from the eccentricity vector.
        var rv = x * vx + y * vy + z * vz;
        var ex = ((v2 - MuKm3S2 / r) * x - rv * vx) / MuKm3S2;
        var ey = ((v2 - MuKm3S2 / r) * y - rv * vy) / MuKm3S2;
        var ez = ((v2 - MuKm3S2 / r) * z - rv * vz) / MuKm3S2;
        var e = Math.Sqrt(ex * ex + ey * ey + ez * ez);
        var n = Math.Sqrt(MuKm3S2 / (a * a * a)) * 86400 / (2 * Math.PI);
        return FromMeanMotion(n, e);
    }
}
