using System.Text;
using Microsoft.AspNetCore.Mvc;
using OpenSda.Storage;

namespace OpenSda.Server.Api;

/// <summary><c>POST /api/v1/ingest</c>: one file of any supported format, detected from its content.</summary>
internal static class IngestApi
{
    public sealed record Rejection(int Line, string Field, string Message);

    public sealed record IngestResponse(int Accepted, IReadOnlyList<Rejection> Rejected, long? IngestId, string Format);

    public static RouteGroupBuilder MapIngestApi(this RouteGroupBuilder api)
    {
        api.MapPost("/ingest", async Task<IResult> (HttpContext ctx, OpenSdaStore store, ScreeningQueue screening,
            [FromQuery] string? releasability, [FromQuery] string? dataMode, [FromQuery] string? fileName, CancellationToken ct) =>
        {
            var caller = ctx.Caller();
            if (!Releasability.TryParse(releasability, out var marking, out var error))
                return TypedResults.Problem(statusCode: 400, title: "Invalid releasability", detail: error);
            var mode = DataMode.Real;
            if (dataMode != null && !EnumText.TryParseDataMode(dataMode, out mode))
                return TypedResults.Problem(statusCode: 400, title: "Invalid data mode", detail: "dataMode must be REAL, TEST, SIMULATED or EXERCISE");
            string body;
            using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
                body = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            if (body.Trim().Length == 0) return TypedResults.Problem(statusCode: 400, title: "Empty upload", detail: "the request body holds no file");
            var result = await store.IngestAsync(caller, new IngestRequest(body, marking, mode, "upload", string.IsNullOrWhiteSpace(fileName) ? "upload" : fileName), ct).ConfigureAwait(false);
            var rejected = result.Rejected.Select(r => new Rejection(r.Line, r.Field, r.Message)).ToList();
            if (result.Accepted > 0) screening.AfterIngest(caller);
            if (rejected.Count == 0) return TypedResults.Ok(new IngestResponse(result.Accepted, rejected, result.IngestId, result.Format));
            // Any rejected record: 400 naming each line and field. Valid records of the same file are committed
            // (accepted > 0) unless nothing was valid (accepted = 0, nothing written).
            return TypedResults.Problem(statusCode: 400,
                title: result.Accepted == 0 ? "Nothing in the upload is valid" : "Some records were rejected",
                detail: string.Join("; ", rejected.Take(20).Select(r => $"line {r.Line}: {r.Field}: {r.Message}")),
                extensions: new Dictionary<string, object?> { ["accepted"] = result.Accepted, ["rejected"] = rejected, ["ingestId"] = result.IngestId, ["format"] = result.Format });
        })
        .WithTags("ingest").WithName("Ingest")
        .WithSummary("Uploads one file (TLE/3LE, OMM KVN/XML/JSON/CSV, OEM, TDM, CDM; detected from content) with a releasability and data mode (provider).")
        .WithDescription("Answer: {accepted, rejected:[{line, field, message}]}. 200 when every record was accepted; 400 (problem+json with the same fields) when any record was rejected — the valid records of the file are still committed, in one transaction — or when nothing was valid (nothing committed).")
        .Accepts<string>("text/plain", "application/json", "application/xml", "text/csv", "application/octet-stream")
        .Produces<IngestResponse>();
        return api;
    }
}
