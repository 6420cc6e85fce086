using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Dapper;

namespace OpenSda.Storage;

/// <summary>One audited action: who (organisation, key), what (action, resource), when, the marking involved, and the outcome.</summary>
public sealed record AuditEntry(string At, string? Org, long? KeyId, string Action, string Resource, string? Marking, string Outcome);

public sealed record AuditVerification(bool Ok, long Entries, long? FirstBadSeq, string Message);

/// <summary>How a read's audit entry relates to its answer.</summary>
public enum AuditReadMode
{
    /// <summary>
    /// The read is answered once its entry is queued; the background writer commits queued entries within
    /// milliseconds. A crash of the process can lose the entries still queued (at most the queue's capacity,
    /// in practice the last few milliseconds of reads), never a write's.
    /// </summary>
    Queued,

    /// <summary>The read is answered only after the batch holding its entry is committed (group commit).</summary>
    Committed,
}

/// <summary>
/// The append-only, hash-chained audit log. Entry <c>n</c> stores
/// <c>hash_n = SHA-256(hash_{n-1} | n | at | org | key | action | resource | marking | outcome)</c>
/// (hex, fields separated by U+001F), starting from 64 zeros, and a one-row head holds the last
/// sequence number and hash. Changing, inserting or deleting any entry breaks every later hash or the
/// head; the tables also refuse UPDATE and DELETE with triggers.
/// <para>
/// Writes are audited inside their own transaction, so a committed write always has its entry and a
/// rolled-back one never does. Reads go through a bounded queue to one background writer, which appends
/// whatever has queued up as one transaction in the same chain (group commit: the busier the server, the
/// bigger the batch), so that auditing every read does not serialise the readers. Nothing is ever dropped:
/// when the queue is full, readers wait for room. With <see cref="AuditReadMode.Queued"/> a read is answered
/// once its entry is queued; with <see cref="AuditReadMode.Committed"/> only after its batch commits.
/// </para>
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const int MaxBatch = 4096;
    private readonly ConnectionFactory _db;
    private readonly SemaphoreSlim _writeLock;
    private readonly TimeProvider _clock;
    private readonly Channel<(AuditEntry? Entry, TaskCompletionSource? Done)> _queue;
    private readonly Task _pump;

    internal AuditLog(ConnectionFactory db, SemaphoreSlim writeLock, TimeProvider clock, AuditReadMode mode = AuditReadMode.Queued, int capacity = 16384)
    {
        _db = db;
        _writeLock = writeLock;
        _clock = clock;
        Mode = mode;
        _queue = Channel.CreateBounded<(AuditEntry?, TaskCompletionSource?)>(new BoundedChannelOptions(Math.Max(16, capacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _pump = Task.Run(PumpAsync);
    }

    public AuditReadMode Mode { get; }

    /// <summary>Queues an audit entry for a read (waiting for room when the queue is full; in committed mode, for its commit).</summary>
    public ValueTask RecordAsync(Caller? caller, string action, string resource, string? marking, string outcome = "ok") =>
        RecordAsync(new AuditEntry(Iso.Now(_clock), caller?.OrgName, caller?.KeyId, action, resource, marking, outcome));

    public ValueTask RecordAsync(AuditEntry entry)
    {
        if (Mode == AuditReadMode.Committed)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Enqueue((entry, done), done.Task);
        }
        return _queue.Writer.TryWrite((entry, null)) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync((entry, null));
    }

    private async ValueTask Enqueue((AuditEntry?, TaskCompletionSource?) item, Task done)
    {
        if (!_queue.Writer.TryWrite(item)) await _queue.Writer.WriteAsync(item).ConfigureAwait(false);
        await done.ConfigureAwait(false);
    }

    internal AuditEntry Entry(Caller? caller, string action, string resource, string? marking, string outcome = "ok") =>
        new(Iso.Now(_clock), caller?.OrgName, caller?.KeyId, action, resource, marking, outcome);

    /// <summary>Waits until every entry queued before this call is committed.</summary>
    public async Task FlushAsync()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try { await _queue.Writer.WriteAsync((null, tcs)).ConfigureAwait(false); }
        catch (ChannelClosedException) { return; }
        await tcs.Task.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var batch = new List<AuditEntry>();
        var waiters = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Whatever has queued up since the last commit is the next batch.
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item.Entry != null) batch.Add(item.Entry);
                if (item.Done != null) waiters.Add(item.Done);
            }
            try
            {
                if (batch.Count > 0) await AppendBatchAsync(batch).ConfigureAwait(false);
                foreach (var w in waiters) w.TrySetResult();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
            {
                foreach (var w in waiters) w.TrySetException(ex);
            }
            batch.Clear();
            waiters.Clear();
        }
    }

    private async Task AppendBatchAsync(List<AuditEntry> batch)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var conn = await _db.OpenAsync().ConfigureAwait(false);
            await using var tx = await conn.BeginTransactionAsync().ConfigureAwait(false);
            await AppendAsync(conn, tx, batch).ConfigureAwait(false);
            await tx.CommitAsync().ConfigureAwait(false);
        }
        finally { _writeLock.Release(); }
    }

    /// <summary>Appends entries inside the caller's transaction (used by every write).</summary>
    internal async Task AppendAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<AuditEntry> entries)
    {
        var head = await conn.QuerySingleAsync<(long Seq, string Hash)>(
            "SELECT seq, hash FROM audit_head WHERE id = 1" + _db.Dialect.ForUpdate, transaction: tx).ConfigureAwait(false);
        // prev_hash of each row is the hash of the row before it.
        var prev = head.Hash;
        var seq = head.Seq;
        var n = entries.Count;
        var seqs = new long[n];
        var prevs = new string[n];
        var hashes = new string[n];
        for (var i = 0; i < n; i++)
        {
            seq++;
            seqs[i] = seq;
            prevs[i] = prev;
            prev = hashes[i] = Hash(prev, seq, entries[i]);
        }
        if (_db.Dialect.Provider == DatabaseProvider.Postgres)
        {
            // One statement for the whole batch: the columns as arrays.
            await conn.ExecuteAsync(
                "INSERT INTO audit_log (seq, at, org, key_id, action, resource, marking, outcome, prev_hash, hash) " +
                "SELECT * FROM unnest(@seqs::bigint[], @ats::text[], @orgs::text[], @keys::bigint[], @actions::text[], @resources::text[], @markings::text[], @outcomes::text[], @prevs::text[], @hashes::text[])",
                new
                {
                    seqs,
                    ats = entries.Select(e => e.At).ToArray(),
                    orgs = entries.Select(e => e.Org).ToArray(),
                    keys = entries.Select(e => e.KeyId).ToArray(),
                    actions = entries.Select(e => e.Action).ToArray(),
                    resources = entries.Select(e => e.Resource).ToArray(),
                    markings = entries.Select(e => e.Marking).ToArray(),
                    outcomes = entries.Select(e => e.Outcome).ToArray(),
                    prevs,
                    hashes,
                }, tx).ConfigureAwait(false);
        }
        else
        {
            // One prepared statement, executed per row inside the one transaction.
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO audit_log (seq, at, org, key_id, action, resource, marking, outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
            var ps = new DbParameter[10];
            for (var k = 0; k < ps.Length; k++)
            {
                ps[k] = cmd.CreateParameter();
                ps[k].ParameterName = "$" + (k + 1).ToString(CultureInfo.InvariantCulture);
                cmd.Parameters.Add(ps[k]);
            }
            for (var i = 0; i < n; i++)
            {
                var e = entries[i];
                ps[0].Value = seqs[i];
                ps[1].Value = e.At;
                ps[2].Value = (object?)e.Org ?? DBNull.Value;
                ps[3].Value = (object?)e.KeyId ?? DBNull.Value;
                ps[4].Value = e.Action;
                ps[5].Value = e.Resource;
                ps[6].Value = (object?)e.Marking ?? DBNull.Value;
                ps[7].Value = e.Outcome;
                ps[8].Value = prevs[i];
                ps[9].Value = hashes[i];
                if (i == 0) await cmd.PrepareAsync().ConfigureAwait(false);
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        await conn.ExecuteAsync("UPDATE audit_head SET seq = @seq, hash = @prev WHERE id = 1", new { seq, prev }, tx).ConfigureAwait(false);
    }

    internal static string Hash(string prev, long seq, AuditEntry e)
    {
        const char Sep = '\u001F';
        var text = string.Join(Sep, prev, seq.ToString(CultureInfo.InvariantCulture), e.At, e.Org ?? "", e.KeyId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.Action, e.Resource, e.Marking ?? "", e.Outcome);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Recomputes the whole chain and compares it with the stored hashes and the head.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await FlushAsync().ConfigureAwait(false);
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var prev = Genesis;
        long expected = 0;
        var rows = await conn.QueryAsync<(long Seq, string At, string? Org, long? KeyId, string Action, string Resource, string? Marking, string Outcome, string PrevHash, string Hash)>(
            new CommandDefinition("SELECT seq, at, org, key_id, action, resource, marking, outcome, prev_hash, hash FROM audit_log ORDER BY seq",
                cancellationToken: ct)).ConfigureAwait(false);
        foreach (var r in rows)
        {
            expected++;
            if (r.Seq != expected) return new(false, expected - 1, expected, $"entry {expected} is missing (found {r.Seq} next)");
            if (r.PrevHash != prev) return new(false, expected - 1, r.Seq, $"entry {r.Seq}: prev_hash does not match the hash of entry {r.Seq - 1}");
            var h = Hash(prev, r.Seq, new AuditEntry(r.At, r.Org, r.KeyId, r.Action, r.Resource, r.Marking, r.Outcome));
            if (h != r.Hash) return new(false, expected - 1, r.Seq, $"entry {r.Seq}: content does not match its hash (altered)");
            prev = h;
        }
        var head = await conn.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM audit_head WHERE id = 1").ConfigureAwait(false);
        if (head.Seq != expected || head.Hash != prev)
            return new(false, expected, expected + 1, $"head says {head.Seq} entries, the log holds {expected}: entries were removed from the end");
        return new(true, expected, null, $"audit chain intact: {expected} entries");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
