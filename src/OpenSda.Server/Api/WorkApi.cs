using System.Text.Json;
using OpenSda.Storage;

namespace OpenSda.Server.Api;

/// <summary>Screening runs, watch lists and alerts of the caller's organisation.</summary>
internal static class WorkApi
{
    /// <summary>A screening run: threshold (km, default 5), window start (ISO-8601 UTC, default now) and length (hours, default 24, at most 168).</summary>
    public sealed record ScreeningRequest(double? ThresholdKm, DateTime? Start = null, double? DurationHours = null);

    public sealed record WatchListRequest(string Name, IReadOnlyList<int> NoradIds);

    public static RouteGroupBuilder MapScreeningApi(this RouteGroupBuilder api)
    {
        var s = api.MapGroup("/screening-runs").WithTags("screening");
        s.MapPost("", async Task<IResult> (ScreeningRequest? body, HttpContext ctx, OpenSdaStore store, ScreeningQueue queue, CancellationToken ct) =>
        {
            var threshold = body?.ThresholdKm ?? 5.0;
            if (threshold is <= 0 or > 1000) return TypedResults.Problem(statusCode: 400, title: "Invalid threshold", detail: "thresholdKm must lie in (0, 1000]");
            if (body?.DurationHours is { } h && (!(h > 0) || h > 168)) return TypedResults.Problem(statusCode: 400, title: "Invalid duration", detail: "durationHours must lie in (0, 168]");
            var parameters = body?.Start is null && body?.DurationHours is null
                ? JsonSerializer.Serialize(new { thresholdKm = threshold })
                : JsonSerializer.Serialize(new { thresholdKm = threshold, start = body?.Start?.ToUniversalTime(), durationHours = body?.DurationHours });
            var run = await store.StartScreeningRunAsync(ctx.Caller(), parameters, ct).ConfigureAwait(false);
            queue.Enqueue(run.Id);
            return TypedResults.Accepted($"/api/v1/screening-runs/{run.Id}", run);
        }).WithName("StartScreeningRun").WithSummary("Screens what the caller's organisation may see (analyst); poll the run for progress.");
        s.MapGet("", async (int? offset, int? limit, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListScreeningRunsAsync(ctx.Caller(), Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("ListScreeningRuns");
        s.MapGet("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetScreeningRunAsync(ctx.Caller(), id, ct).ConfigureAwait(false) is { } r ? TypedResults.Ok(r) : CatalogApi.NotFound($"screening run {id}"))
            .WithName("GetScreeningRun").Produces<ScreeningRunView>();
        return api;
    }

    public static RouteGroupBuilder MapWatchApi(this RouteGroupBuilder api)
    {
        var w = api.MapGroup("/watch-lists").WithTags("watch-lists");
        w.MapGet("", async (HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListWatchListsAsync(ctx.Caller(), ct).ConfigureAwait(false))).WithName("ListWatchLists");
        w.MapPost("", async Task<IResult> (WatchListRequest body, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
        {
            var list = await store.CreateWatchListAsync(ctx.Caller(), body.Name, body.NoradIds ?? [], ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/v1/watch-lists/{list.Id}", list);
        }).WithName("CreateWatchList");
        w.MapGet("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetWatchListAsync(ctx.Caller(), id, ct).ConfigureAwait(false) is { } l ? TypedResults.Ok(l) : CatalogApi.NotFound($"watch list {id}"))
            .WithName("GetWatchList").Produces<WatchListView>();
        w.MapDelete("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.DeleteWatchListAsync(ctx.Caller(), id, ct).ConfigureAwait(false) ? TypedResults.NoContent() : CatalogApi.NotFound($"watch list {id}"))
            .WithName("DeleteWatchList");

        api.MapGet("/alerts", async (int? offset, int? limit, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAlertsAsync(ctx.Caller(), Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithTags("alerts").WithName("ListAlerts").WithSummary("Alerts raised for the caller's watch lists, newest first.");
        return api;
    }
}
