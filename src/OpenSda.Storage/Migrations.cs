using Dapper;

namespace OpenSda.Storage;

/// <summary>
/// The one schema, as numbered migrations applied in order on SQLite and PostgreSQL alike. A migration
/// is never edited once released; a change is a new migration. <c>schema_version</c> records what ran.
/// Times are ISO-8601 UTC text (<c>2024-11-01T00:00:00.0000000Z</c>), which sorts as it reads on both.
/// </summary>
internal static class Migrations
{
    private static readonly Func<SqlDialect, string>[] Steps =
    [
        d => d.Expand("""
            CREATE TABLE principal (
              id {id},
              kind TEXT NOT NULL CHECK (kind IN ('org','group')),
              name TEXT NOT NULL UNIQUE,
              created_at TEXT NOT NULL);
            CREATE TABLE group_member (
              group_id {bigint} NOT NULL REFERENCES principal(id),
              org_id {bigint} NOT NULL REFERENCES principal(id),
              PRIMARY KEY (group_id, org_id));
            CREATE INDEX ix_group_member_org ON group_member(org_id);
            CREATE TABLE api_key (
              id {id},
              org_id {bigint} NOT NULL REFERENCES principal(id),
              role INTEGER NOT NULL,
              key_hash TEXT NOT NULL UNIQUE,
              prefix TEXT NOT NULL,
              label TEXT,
              created_at TEXT NOT NULL,
              revoked_at TEXT);
            CREATE TABLE marking (
              id {id},
              is_public INTEGER NOT NULL,
              text TEXT NOT NULL UNIQUE);
            CREATE TABLE marking_principal (
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              principal_id {bigint} NOT NULL REFERENCES principal(id),
              PRIMARY KEY (marking_id, principal_id));
            CREATE INDEX ix_marking_principal_p ON marking_principal(principal_id);
            CREATE TABLE ingest (
              id {id},
              originator_id {bigint} NOT NULL REFERENCES principal(id),
              key_id {bigint},
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              data_mode TEXT NOT NULL,
              format TEXT NOT NULL,
              source TEXT NOT NULL,
              sha256 TEXT NOT NULL,
              received_at TEXT NOT NULL,
              accepted INTEGER NOT NULL,
              rejected INTEGER NOT NULL);
            CREATE TABLE object_entry (
              id {id},
              norad_id INTEGER NOT NULL,
              name TEXT,
              intl_designator TEXT,
              regime TEXT,
              originator_id {bigint} NOT NULL REFERENCES principal(id),
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              data_mode TEXT NOT NULL,
              ingest_id {bigint} REFERENCES ingest(id),
              updated_at TEXT NOT NULL,
              UNIQUE (norad_id, originator_id, marking_id, data_mode));
            CREATE INDEX ix_object_entry_name ON object_entry(name);
            CREATE INDEX ix_object_entry_intl ON object_entry(intl_designator);
            CREATE TABLE elset (
              id {id},
              norad_id INTEGER NOT NULL,
              name TEXT,
              intl_designator TEXT,
              source TEXT NOT NULL,
              format TEXT NOT NULL,
              epoch TEXT NOT NULL,
              mean_motion_rev_per_day {real} NOT NULL,
              eccentricity {real} NOT NULL,
              inclination_deg {real} NOT NULL,
              raan_deg {real} NOT NULL,
              arg_perigee_deg {real} NOT NULL,
              mean_anomaly_deg {real} NOT NULL,
              bstar {real} NOT NULL,
              mean_motion_dot {real} NOT NULL,
              mean_motion_ddot {real} NOT NULL,
              element_set_no INTEGER NOT NULL,
              rev_no INTEGER NOT NULL,
              line1 TEXT,
              line2 TEXT,
              originator_id {bigint} NOT NULL REFERENCES principal(id),
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              data_mode TEXT NOT NULL,
              ingest_id {bigint} NOT NULL REFERENCES ingest(id),
              source_line INTEGER NOT NULL,
              created_at TEXT NOT NULL);
            CREATE INDEX ix_elset_object ON elset(norad_id, epoch);
            CREATE TABLE ephemeris (
              id {id},
              norad_id INTEGER NOT NULL,
              object_name TEXT,
              ref_frame TEXT NOT NULL,
              center_name TEXT NOT NULL,
              time_system TEXT NOT NULL,
              start_time TEXT NOT NULL,
              stop_time TEXT NOT NULL,
              point_count INTEGER NOT NULL,
              points TEXT NOT NULL,
              originator_id {bigint} NOT NULL REFERENCES principal(id),
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              data_mode TEXT NOT NULL,
              ingest_id {bigint} NOT NULL REFERENCES ingest(id),
              source_line INTEGER NOT NULL,
              created_at TEXT NOT NULL);
            CREATE INDEX ix_ephemeris_object ON ephemeris(norad_id, stop_time);
            CREATE TABLE observation (
              id {id},
              norad_id INTEGER,
              participants TEXT NOT NULL,
              start_time TEXT NOT NULL,
              stop_time TEXT NOT NULL,
              data_count INTEGER NOT NULL,
              body TEXT NOT NULL,
              originator_id {bigint} NOT NULL REFERENCES principal(id),
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              data_mode TEXT NOT NULL,
              ingest_id {bigint} NOT NULL REFERENCES ingest(id),
              source_line INTEGER NOT NULL,
              created_at TEXT NOT NULL);
            CREATE INDEX ix_observation_object ON observation(norad_id);
            CREATE TABLE screening_run (
              id {id},
              org_id {bigint} NOT NULL REFERENCES principal(id),
              key_id {bigint} NOT NULL,
              status TEXT NOT NULL,
              progress {real} NOT NULL,
              parameters TEXT NOT NULL,
              message TEXT,
              conjunctions INTEGER NOT NULL,
              created_at TEXT NOT NULL,
              finished_at TEXT);
            CREATE TABLE conjunction (
              id {id},
              primary_norad INTEGER NOT NULL,
              secondary_norad INTEGER NOT NULL,
              tca TEXT NOT NULL,
              miss_km {real} NOT NULL,
              pc {real},
              relative_speed_km_s {real},
              source TEXT NOT NULL,
              screening_run_id {bigint} REFERENCES screening_run(id),
              lineage TEXT NOT NULL,
              originator_id {bigint} NOT NULL REFERENCES principal(id),
              marking_id {bigint} NOT NULL REFERENCES marking(id),
              data_mode TEXT NOT NULL,
              ingest_id {bigint} REFERENCES ingest(id),
              created_at TEXT NOT NULL);
            CREATE INDEX ix_conjunction_tca ON conjunction(tca);
            CREATE INDEX ix_conjunction_primary ON conjunction(primary_norad);
            CREATE INDEX ix_conjunction_secondary ON conjunction(secondary_norad);
            CREATE TABLE watch_list (
              id {id},
              org_id {bigint} NOT NULL REFERENCES principal(id),
              name TEXT NOT NULL,
              created_at TEXT NOT NULL);
            CREATE TABLE watch_item (
              watch_list_id {bigint} NOT NULL REFERENCES watch_list(id),
              norad_id INTEGER NOT NULL,
              PRIMARY KEY (watch_list_id, norad_id));
            CREATE TABLE alert (
              id {id},
              org_id {bigint} NOT NULL REFERENCES principal(id),
              watch_list_id {bigint} NOT NULL REFERENCES watch_list(id),
              conjunction_id {bigint} NOT NULL REFERENCES conjunction(id),
              norad_id INTEGER NOT NULL,
              message TEXT NOT NULL,
              created_at TEXT NOT NULL);
            CREATE INDEX ix_alert_org ON alert(org_id);
            CREATE TABLE audit_log (
              seq {bigint} PRIMARY KEY,
              at TEXT NOT NULL,
              org TEXT,
              key_id {bigint},
              action TEXT NOT NULL,
              resource TEXT NOT NULL,
              marking TEXT,
              outcome TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL);
            CREATE TABLE audit_head (
              id INTEGER PRIMARY KEY,
              seq {bigint} NOT NULL,
              hash TEXT NOT NULL);
            INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
            INSERT INTO marking (is_public, text) VALUES (1, 'PUBLIC');
            """) + d.AppendOnly("audit_log"),
        // 2: conditional-request state of the external feeds (CelesTrak, Space-Track).
        d => d.Expand("""
            CREATE TABLE feed_state (
              url TEXT PRIMARY KEY,
              etag TEXT,
              last_modified TEXT,
              fetched_at TEXT NOT NULL,
              status INTEGER NOT NULL);
            """),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => Steps.Length;

    public static async Task<int> ApplyAsync(ConnectionFactory factory, CancellationToken ct = default)
    {
        await using var conn = await factory.OpenAsync(ct).ConfigureAwait(false);
        if (factory.Dialect.Provider == DatabaseProvider.Sqlite)
            await conn.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        else
            // Two servers starting at once on one PostgreSQL database must not both migrate.
            await conn.ExecuteAsync("SELECT pg_advisory_lock(7245001)").ConfigureAwait(false);
        try
        {
            await conn.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)").ConfigureAwait(false);
            var current = await conn.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_version").ConfigureAwait(false) ?? 0;
            if (current > Latest)
                throw new InvalidOperationException($"The database has schema version {current}, newer than this build's {Latest}.");
            for (var v = current + 1; v <= Latest; v++)
            {
                await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
                await conn.ExecuteAsync(Steps[v - 1](factory.Dialect), transaction: tx).ConfigureAwait(false);
                await conn.ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)",
                    new { v, at = Iso.Of(DateTime.UtcNow) }, tx).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }
            return Latest;
        }
        finally
        {
            if (factory.Dialect.Provider == DatabaseProvider.Postgres)
                await conn.ExecuteAsync("SELECT pg_advisory_unlock(7245001)").ConfigureAwait(false);
        }
    }

}
