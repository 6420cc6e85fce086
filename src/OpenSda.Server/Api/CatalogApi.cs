using OpenSda.Storage;

namespace OpenSda.Server.Api;

/// <summary>Objects, their element sets (with history), ephemerides and observations, as the caller may see them.</summary>
internal static class CatalogApi
{
    internal static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"no {what} that this key may see");

    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var o = api.MapGroup("/objects").WithTags("objects");
        o.MapGet("", async (HttpContext ctx, OpenSdaStore store, string? q, int? noradId, string? name, string? intlDesignator, string? regime, int? offset, int? limit, CancellationToken ct) =>
            TypedResults.Ok(await store.SearchObjectsAsync(ctx.Caller(), new ObjectQuery(q, noradId, name, intlDesignator, regime), Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("SearchObjects").WithSummary("Objects by catalog number, name, international designator (prefix) or regime (LEO, MEO, GEO, HEO); q searches all.");
        o.MapGet("/{noradId:int}", async Task<IResult> (int noradId, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetObjectAsync(ctx.Caller(), noradId, ct).ConfigureAwait(false) is { } d ? TypedResults.Ok(d) : NotFound($"object {noradId}"))
            .WithName("GetObject").WithSummary("One object with its sources; 'preferred' is an operator ephemeris over an element set, newer over older.")
            .Produces<ObjectDetail>();
        o.MapGet("/{noradId:int}/elsets", async (int noradId, bool? current, int? offset, int? limit, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.GetElsetsAsync(ctx.Caller(), noradId, current ?? false, Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("GetObjectElsets").WithSummary("Element sets of the object the caller may see, newest first, each with originator and releasability; current=true keeps the newest per originator and source.");
        o.MapGet("/{noradId:int}/ephemerides", async (int noradId, int? offset, int? limit, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListEphemeridesAsync(ctx.Caller(), noradId, Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("GetObjectEphemerides");

        api.MapGet("/elsets/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetElsetAsync(ctx.Caller(), id, ct).ConfigureAwait(false) is { } e ? TypedResults.Ok(e) : NotFound($"element set {id}"))
            .WithTags("elsets").WithName("GetElset").Produces<ElsetView>();

        var e = api.MapGroup("/ephemerides").WithTags("ephemerides");
        e.MapGet("", async (int? noradId, int? offset, int? limit, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListEphemeridesAsync(ctx.Caller(), noradId, Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("ListEphemerides");
        e.MapGet("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetEphemerisAsync(ctx.Caller(), id, ct).ConfigureAwait(false) is { } v ? TypedResults.Ok(v) : NotFound($"ephemeris {id}"))
            .WithName("GetEphemeris").WithSummary("One ephemeris with its points [t_s since start, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s].").Produces<EphemerisView>();

        var ob = api.MapGroup("/observations").WithTags("observations");
        ob.MapGet("", async (int? noradId, int? offset, int? limit, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListObservationsAsync(ctx.Caller(), noradId, Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("ListObservations");
        ob.MapGet("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetObservationAsync(ctx.Caller(), id, ct).ConfigureAwait(false) is { } v ? TypedResults.Ok(v) : NotFound($"observation {id}"))
            .WithName("GetObservation").Produces<ObservationView>();
        return api;
    }

    public static RouteGroupBuilder MapConjunctionApi(this RouteGroupBuilder api)
    {
        var c = api.MapGroup("/conjunctions").WithTags("conjunctions");
        c.MapGet("", async (DateTime? from, DateTime? to, double? maxMissKm, double? minPc, int? noradId, long? watchListId, long? screeningRunId, int? offset, int? limit,
            HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.SearchConjunctionsAsync(ctx.Caller(),
                new ConjunctionQuery(from?.ToUniversalTime(), to?.ToUniversalTime(), maxMissKm, minPc, noradId, watchListId, screeningRunId), Paging.Of(offset, limit), ct).ConfigureAwait(false)))
            .WithName("SearchConjunctions").WithSummary("Conjunctions by TCA window (from, to), miss distance, Pc, object, watch list or screening run; soonest first.");
        c.MapGet("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.GetConjunctionAsync(ctx.Caller(), id, ct).ConfigureAwait(false) is { } v ? TypedResults.Ok(v) : NotFound($"conjunction {id}"))
            .WithName("GetConjunction").Produces<ConjunctionView>();
        return api;
    }
}
