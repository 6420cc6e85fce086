using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>The outcome of one pull: fetched and ingested, not modified (304), or skipped without asking because the last fetch is too recent.</summary>
public sealed record PullResult(string Feed, string Url, string Outcome, int Accepted, int Rejected, DateTime? NextAllowedUtc);

/// <summary>
/// Pulls element sets from CelesTrak GP and Space-Track, politely:
/// <list type="bullet">
/// <item>never the same query again within the service's stated interval (<see cref="FeedOptions.MinInterval"/>:
/// CelesTrak's GP data changes about every 2 hours and it asks clients not to fetch more often; Space-Track's
/// API guidance is at most one GP query per hour, under 30 requests a minute and 300 an hour);</item>
/// <item>conditional requests with the stored <c>ETag</c>/<c>Last-Modified</c>, so an unchanged set costs a 304;</item>
/// <item>one pull at a time per server.</item>
/// </list>
/// CelesTrak data is public and is stored PUBLIC under the organisation CELESTRAK. Space-Track data is
/// pulled with the caller's own credentials (never stored) and stored under the caller's organisation,
/// releasable by default to that organisation only, as Space-Track's user agreement limits redistribution.
/// </summary>
public sealed class FeedPuller(OpenSdaStore store, IHttpClientFactory http, IOptions<ServerOptions> options, TimeProvider clock, ILogger<FeedPuller> log)
{
    public const string HttpClientName = "feeds";
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<PullResult> PullCelesTrakAsync(string? group, CancellationToken ct)
    {
        var o = options.Value.CelesTrak;
        var g = string.IsNullOrWhiteSpace(group) ? o.Query ?? "active" : group;
        var url = $"{o.BaseUrl.TrimEnd('/')}/NORAD/elements/gp.php?GROUP={Uri.EscapeDataString(g)}&FORMAT=json";
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var system = await store.SystemCallerAsync("CELESTRAK", ct).ConfigureAwait(false);
            using var client = http.CreateClient(HttpClientName);
            return await FetchAsync("celestrak-gp", url, url, o, client, body => store.IngestAsync(system,
                new IngestRequest(body, Releasability.Public, DataMode.Real, "celestrak-gp", url), ct), ct).ConfigureAwait(false);
        }
        finally { _one.Release(); }
    }

    public async Task<PullResult> PullSpaceTrackAsync(Caller caller, string username, string password, Releasability? marking, string? query, CancellationToken ct)
    {
        var o = options.Value.SpaceTrack;
        var q = query ?? o.Query ?? "class/gp/decay_date/null-val/epoch/%3Enow-30/orderby/norad_cat_id/format/json";
        var baseUrl = o.BaseUrl.TrimEnd('/');
        var url = $"{baseUrl}/basicspacedata/query/{q.TrimStart('/')}";
        var stateKey = $"{url} user={username}";
        var rel = marking ?? Releasability.To([caller.OrgName]);
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
            var loggedIn = false;
            try
            {
                return await FetchAsync("space-track", url, stateKey, o, client, body => store.IngestAsync(caller,
                    new IngestRequest(body, rel, DataMode.Real, "space-track", url), ct), ct, async () =>
                    {
                        using var login = await client.PostAsync($"{baseUrl}/ajaxauth/login",
                            new FormUrlEncodedContent([new("identity", username), new("password", password)]), ct).ConfigureAwait(false);
                        if (!login.IsSuccessStatusCode) throw new StoreException(502, "Space-Track login failed", $"login answered {(int)login.StatusCode}");
                        var text = await login.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                        if (text.Contains("\"Login\":\"Failed\"", StringComparison.OrdinalIgnoreCase))
                            throw new StoreException(401, "Space-Track login failed", "Space-Track rejected the credentials");
                        loggedIn = true;
                    }).ConfigureAwait(false);
            }
            finally
            {
                if (loggedIn)
                {
                    try { using var _ = await client.GetAsync($"{baseUrl}/ajaxauth/logout", CancellationToken.None).ConfigureAwait(false); }
                    catch (HttpRequestException) { }
                }
            }
        }
        finally { _one.Release(); }
    }

    private async Task<PullResult> FetchAsync(string feed, string url, string stateKey, FeedOptions o, HttpClient client,
        Func<string, Task<IngestResult>> ingest, CancellationToken ct, Func<Task>? beforeRequest = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await store.GetFeedStateAsync(stateKey, ct).ConfigureAwait(false);
        if (state != null && now < state.FetchedAtUtc + o.MinInterval)
        {
            log.LogInformation("Feed {Feed}: skipped, fetched at {FetchedAt:o}", feed, state.FetchedAtUtc);
            return new PullResult(feed, url, "skipped", 0, 0, state.FetchedAtUtc + o.MinInterval);
        }
        if (beforeRequest != null) await beforeRequest().ConfigureAwait(false);
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.UserAgent.Add(new ProductInfoHeaderValue("OpenSDA", "1.0"));
        if (state?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) req.Headers.IfNoneMatch.Add(tag);
        if (state?.LastModified is { } lm && DateTimeOffset.TryParse(lm, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            req.Headers.IfModifiedSince = since;
        using var resp = await client.SendAsync(req, ct).ConfigureAwait(false);
        if (resp.StatusCode == HttpStatusCode.NotModified)
        {
            await store.SaveFeedStateAsync(new FeedState(stateKey, state?.ETag, state?.LastModified, now, 304), ct).ConfigureAwait(false);
            return new PullResult(feed, url, "not-modified", 0, 0, now + o.MinInterval);
        }
        if (!resp.IsSuccessStatusCode)
        {
            await store.SaveFeedStateAsync(new FeedState(stateKey, state?.ETag, state?.LastModified, now, (int)resp.StatusCode), ct).ConfigureAwait(false);
            throw new StoreException(502, "Feed failed", $"{feed} answered {(int)resp.StatusCode}");
        }
        var body = await resp.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var result = await ingest(body).ConfigureAwait(false);
        await store.SaveFeedStateAsync(new FeedState(stateKey, resp.Headers.ETag?.ToString(),
            resp.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), now, 200), ct).ConfigureAwait(false);
        log.LogInformation("Feed {Feed}: accepted {Accepted}, rejected {Rejected}", feed, result.Accepted, result.Rejected.Count);
        return new PullResult(feed, url, "fetched", result.Accepted, result.Rejected.Count, now + o.MinInterval);
    }
}

/// <summary>Background pulls of CelesTrak on <see cref="FeedOptions.PullEvery"/>, when configured.</summary>
internal sealed class FeedScheduler(FeedPuller puller, IOptions<ServerOptions> options, ILogger<FeedScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CelesTrak.PullEvery is not { } every || every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every);
        do
        {
            try { await puller.PullCelesTrakAsync(null, stoppingToken).ConfigureAwait(false); }
            catch (Exception e) when (e is HttpRequestException or StoreException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("CelesTrak pull failed: {Reason}", e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

internal static class FeedApi
{
    public sealed record SpaceTrackPull(string Username, string Password, string? Releasability, string? Query);

    public static RouteGroupBuilder MapFeedApi(this RouteGroupBuilder api)
    {
        var f = api.MapGroup("/feeds").WithTags("feeds");
        f.MapPost("/celestrak/pull", async (string? group, HttpContext ctx, FeedPuller puller, CancellationToken ct) =>
        {
            var c = ctx.Caller();
            OpenSdaStore.RequireRole(c, Role.Provider);
            return TypedResults.Ok(await puller.PullCelesTrakAsync(group, ct).ConfigureAwait(false));
        }).WithName("PullCelesTrak").WithSummary("Pulls a CelesTrak GP group now (provider), unless fetched within the last 2 hours.");
        f.MapPost("/space-track/pull", async Task<IResult> (SpaceTrackPull body, HttpContext ctx, FeedPuller puller, CancellationToken ct) =>
        {
            var c = ctx.Caller();
            OpenSdaStore.RequireRole(c, Role.Provider);
            Releasability? marking = null;
            if (body.Releasability != null)
            {
                if (!Releasability.TryParse(body.Releasability, out var m, out var error)) return TypedResults.Problem(statusCode: 400, title: "Invalid releasability", detail: error);
                marking = m;
            }
            return TypedResults.Ok(await puller.PullSpaceTrackAsync(c, body.Username, body.Password, marking, body.Query, ct).ConfigureAwait(false));
        }).WithName("PullSpaceTrack").WithSummary("Pulls Space-Track GP with the caller's credentials (provider); stored under the caller's organisation.");
        return api;
    }
}
