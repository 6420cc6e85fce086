using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace OpenSda.Storage;

public sealed partial class OpenSdaStore
{
    /// <summary>Bumped after every committed write of this store; any cached list older than it is dropped.</summary>
    private long _dataVersion;

    private readonly ConcurrentDictionary<(long OrgId, string Kind, string Query), AudienceList> _lists = new();

    /// <summary>
    /// The ordered ids of the rows one organisation may see under one filter: an audience index, computed by
    /// a query that applies the caller's releasability filter (<see cref="Visible"/>) in SQL, then kept so
    /// that paging is a slice and counting is its length. Lists longer than
    /// <see cref="StoreOptions.MaxAudienceListLength"/> keep only their count (pages then come from SQL).
    /// </summary>
    private sealed class AudienceList(long dataVersion, long markingVersion, DateTimeOffset until, Task<(long[]? Ids, long Count)> result)
    {
        public long DataVersion { get; } = dataVersion;
        public long MarkingVersion { get; } = markingVersion;
        public DateTimeOffset Until { get; } = until;
        public Task<(long[]? Ids, long Count)> Result { get; } = result;
        public int Refreshing;
    }

    private void DataChanged()
    {
        Interlocked.Increment(ref _dataVersion);
        _lists.Clear();
    }

    /// <summary>
    /// The audience list of <paramref name="caller"/>'s organisation for one filter. <paramref name="idsSql"/>
    /// selects the ids in page order and <paramref name="countSql"/> counts them; both must contain the
    /// caller's visibility condition. A list is reused while no write of this store and no new marking or
    /// membership happened since it was computed; past <see cref="StoreOptions.ListCacheTtl"/> (for writes made
    /// by other processes sharing the database) it is served once more while a fresh one is computed. One
    /// computation per list at a time, however many callers ask.
    /// Cached lists cannot widen what a caller sees: markings never change, memberships are only added, the
    /// list is per organisation, and the rows of a page are read with the visibility condition again.
    /// </summary>
    private async Task<(long[]? Ids, long Count)> AudienceListAsync(DbConnection conn, Caller caller, string kind, string query,
        string idsSql, string countSql, object? param)
    {
        var dv = Interlocked.Read(ref _dataVersion);
        var mv = Interlocked.Read(ref _markingVersion);
        var now = _options.Clock.GetUtcNow();
        var key = (caller.OrgId, kind, query);
        if (caller.OrgId > 0 && _lists.TryGetValue(key, out var hit) && hit.DataVersion == dv && hit.MarkingVersion == mv && !hit.Result.IsFaulted && !hit.Result.IsCanceled)
        {
            if (hit.Until <= now && hit.Result.IsCompletedSuccessfully && Interlocked.Exchange(ref hit.Refreshing, 1) == 0)
                _ = RefreshAsync(key, idsSql, countSql, param);
            return await hit.Result.ConfigureAwait(false);
        }
        var tcs = new TaskCompletionSource<(long[]?, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new AudienceList(dv, mv, now + _options.ListCacheTtl, tcs.Task);
        if (caller.OrgId > 0)
        {
            if (_lists.Count >= _options.MaxAudienceLists) _lists.Clear();
            var current = _lists.AddOrUpdate(key, mine, (_, old) =>
                old.DataVersion == dv && old.MarkingVersion == mv && !old.Result.IsFaulted && !old.Result.IsCanceled ? old : mine);
            if (!ReferenceEquals(current, mine)) return await current.Result.ConfigureAwait(false);
        }
        try
        {
            var r = await ComputeListAsync(conn, idsSql, countSql, param).ConfigureAwait(false);
            tcs.SetResult(r);
            return r;
        }
        catch (Exception e)
        {
            _lists.TryRemove(new KeyValuePair<(long, string, string), AudienceList>(key, mine));
            tcs.SetException(e);
            throw;
        }
    }

    private async Task RefreshAsync((long, string, string) key, string idsSql, string countSql, object? param)
    {
        var dv = Interlocked.Read(ref _dataVersion);
        var mv = Interlocked.Read(ref _markingVersion);
        try
        {
            using var lease = await _db.ReadAsync().ConfigureAwait(false);
            var r = await ComputeListAsync(lease.Connection, idsSql, countSql, param).ConfigureAwait(false);
            var fresh = new AudienceList(dv, mv, _options.Clock.GetUtcNow() + _options.ListCacheTtl, Task.FromResult(r));
            // Only replace an entry of the same versions: a write since then has made both stale anyway.
            _lists.AddOrUpdate(key, fresh, (_, old) => old.DataVersion == dv && old.MarkingVersion == mv ? fresh : old);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException)
        {
            _lists.TryRemove(key, out _); // the next caller computes it in line and sees the error
        }
    }

    private async Task<(long[]? Ids, long Count)> ComputeListAsync(DbConnection conn, string idsSql, string countSql, object? param)
    {
        var max = _options.MaxAudienceListLength;
        var ids = new List<long>();
        await using (var reader = await conn.ExecuteReaderAsync($"{idsSql} LIMIT {max + 1}", param).ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false)) ids.Add(reader.GetInt64(0));
        }
        if (ids.Count <= max) return (ids.ToArray(), ids.Count);
        return (null, await conn.ExecuteScalarAsync<long>(countSql, param).ConfigureAwait(false));
    }

    /// <summary>The slice of an audience list that one page shows.</summary>
    private static ArraySegment<long> Slice(long[] ids, Paging paging) =>
        paging.Offset >= ids.Length ? ArraySegment<long>.Empty : new ArraySegment<long>(ids, paging.Offset, Math.Min(paging.Limit, ids.Length - paging.Offset));

}
