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

/// <summary>
/// The append-only, hash-chained audit log. Entry <c>n</c> stores
/// <c>hash_n = SHA-256(hash_{n-1} | n | at | org | key | action | resource | marking | outcome)</c>
/// (hex, fields separated by U+001F), starting from 64 zeros, and a one-row head holds the last
/// sequence number and hash. Changing, inserting or deleting any entry breaks every later hash or the
/// head; the tables also refuse UPDATE and DELETE with triggers.
/// <para>
/// Writes are audited inside their own transaction, so a committed write always has its entry and a
/// rolled-back one never does. Reads are queued and appended in batches (one transaction per batch,
/// within about 50 ms), so that auditing every read does not serialise the readers; a crash can lose
/// the read entries of the last batch, never a write's.
/// </para>
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private readonly ConnectionFactory _db;
    private readonly SemaphoreSlim _writeLock;
    private readonly TimeProvider _clock;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    internal AuditLog(ConnectionFactory db, SemaphoreSlim writeLock, TimeProvider clock)
    {
        _db = db;
        _writeLock = writeLock;
        _clock = clock;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Queues an audit entry for a read.</summary>
    public void Record(Caller? caller, string action, string resource, string? marking, string outcome = "ok") =>
        _queue.Writer.TryWrite(new AuditEntry(Iso.Now(_clock), caller?.OrgName, caller?.KeyId, action, resource, marking, outcome));

    public void Record(AuditEntry entry) => _queue.Writer.TryWrite(entry);

    internal AuditEntry Entry(Caller? caller, string action, string resource, string? marking, string outcome = "ok") =>
        new(Iso.Now(_clock), caller?.OrgName, caller?.KeyId, action, resource, marking, outcome);

    /// <summary>Waits until every entry queued before this call is committed.</summary>
    public Task FlushAsync()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(tcs)) tcs.TrySetResult();
        return tcs.Task;
    }

    private async Task PumpAsync()
    {
        var batch = new List<AuditEntry>();
        var waiters = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await Task.Delay(20).ConfigureAwait(false); // gather a batch
            while (batch.Count < 5000 && _queue.Reader.TryRead(out var item))
            {
                if (item is AuditEntry e) batch.Add(e); else waiters.Add((TaskCompletionSource)item);
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
        var rows = new List<object>(entries.Count);
        foreach (var e in entries)
        {
            seq++;
            var h = Hash(prev, seq, e);
            rows.Add(new { seq, e.At, e.Org, e.KeyId, e.Action, e.Resource, e.Marking, e.Outcome, prev, h });
            prev = h;
        }
        await conn.ExecuteAsync(
            "INSERT INTO audit_log (seq, at, org, key_id, action, resource, marking, outcome, prev_hash, hash) VALUES (@seq, @At, @Org, @KeyId, @Action, @Resource, @Marking, @Outcome, @prev, @h)",
            rows, tx).ConfigureAwait(false);
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
