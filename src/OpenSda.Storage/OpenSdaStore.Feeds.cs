using Dapper;

namespace OpenSda.Storage;

/// <summary>What the server last got from one feed URL: validators for conditional requests and when it asked.</summary>
public sealed record FeedState(string Url, string? ETag, string? LastModified, DateTime FetchedAtUtc, int Status);

public sealed partial class OpenSdaStore
{
    public async Task<FeedState?> GetFeedStateAsync(string url, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenAsync(ct).ConfigureAwait(false);
        var r = await conn.QuerySingleOrDefaultAsync<(string Url, string? ETag, string? LastModified, string FetchedAt, long Status)?>(
            "SELECT url, etag, last_modified, fetched_at, status FROM feed_state WHERE url = @url", new { url }).ConfigureAwait(false);
        return r is { } x ? new FeedState(x.Url, x.ETag, x.LastModified, Iso.Parse(x.FetchedAt), (int)x.Status) : null;
    }

    public Task SaveFeedStateAsync(FeedState s, CancellationToken ct = default) =>
        WriteAsync(async (conn, tx, audit) =>
        {
            await conn.ExecuteAsync(
                "INSERT INTO feed_state (url, etag, last_modified, fetched_at, status) VALUES (@Url, @ETag, @LastModified, @at, @Status) " +
                "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, status = excluded.status",
                new { s.Url, s.ETag, s.LastModified, at = Iso.Of(s.FetchedAtUtc), s.Status }, tx).ConfigureAwait(false);
            audit.Add(new AuditEntry(Now(), null, null, "feed.fetch", s.Url, null, s.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return 0;
        }, ct);
}
