using System.Globalization;
using OpenSda.Orbits;
using OpenSda.Storage;
using OpenSda.Threats;
using OpenSda.Time;

namespace OpenSda.Server.Api;

/// <summary>
/// <c>GET /api/v1/objects/{noradId}/maneuvers</c>: manoeuvres (impulsive changes) detected in the element-set history
/// of one object as the caller may see it, by <see cref="ManeuverDetector"/> (OpenSda.Threats, the code of
/// <c>opensda maneuvers</c>): each set is compared with the previous one propagated to its epoch, against a noise
/// model the object learns from its own residuals. Only the element sets releasable to the caller enter the analysis,
/// so two organisations may see different events; each event carries the markings of the two sets that bracket it.
/// The history is split where consecutive epochs are more than <see cref="MaxGapDays"/> apart (a comparison across
/// such a gap says nothing about a manoeuvre and its epoch search would be long); each run is analysed on its own.
/// </summary>
internal static class ManeuverApi
{
    public const int MaxElementSets = 5000;
    public const double MaxGapDays = 30;

    public sealed record Maneuver(string EstimatedTime, string PreviousEpoch, string Epoch, double? DeltaVMs, double? DeltaVRadialMs,
        double? DeltaVAlongTrackMs, double? DeltaVCrossTrackMs, double? DeltaSemiMajorAxisKm, double? DeltaInclinationDeg, double? Score,
        string Trigger, double? EpochMissKm, double? PeriodMinutes, IReadOnlyList<string> Markings);

    public sealed record ManeuverReportView(int NoradId, string? Name, int ElementSets, int Comparisons, double ThresholdSigma,
        IReadOnlyList<Maneuver> Maneuvers, IReadOnlyList<string> Warnings, IReadOnlyList<string> Markings, string Method);

    public static RouteGroupBuilder MapManeuverApi(this RouteGroupBuilder api)
    {
        api.MapGet("/objects/{noradId:int}/maneuvers", async Task<IResult> (int noradId, double? thresholdSigma, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
        {
            var sigma = thresholdSigma ?? 6;
            if (!(sigma > 0 && sigma <= 100)) return TypedResults.Problem(statusCode: 400, title: "Invalid threshold", detail: "thresholdSigma must lie in (0, 100]");
            var caller = ctx.Caller();
            var sets = new List<ElsetView>();
            for (var offset = 0; offset < MaxElementSets; offset += Paging.MaxLimit)
            {
                var page = await store.GetElsetsAsync(caller, noradId, false, Paging.Of(offset, Paging.MaxLimit), ct).ConfigureAwait(false);
                sets.AddRange(page.Items);
                if (page.Items.Count == 0 || sets.Count >= page.Total) break;
            }
            if (sets.Count == 0) return CatalogApi.NotFound($"element sets of object {noradId}");
            var report = await Task.Run(() => Analyze(sets, sigma), ct).ConfigureAwait(false);
            return TypedResults.Ok(report);
        }).WithTags("objects").WithName("GetObjectManeuvers")
          .WithSummary("Manoeuvres detected in the object's element-set history that the caller may see (the detector of opensda maneuvers), each with the markings of the two element sets that bracket it.")
          .Produces<ManeuverReportView>();
        return api;
    }

    internal static ManeuverReportView Analyze(IReadOnlyList<ElsetView> sets, double thresholdSigma)
    {
        var scales = TimeScales.Bundled;
        var ordered = sets.OrderBy(s => s.Epoch, StringComparer.Ordinal).ThenBy(s => s.Id).ToList();
        var elements = ordered.Select(WebCatalogSnapshot.ToElements).ToList();
        var byEpoch = new Dictionary<long, List<ElsetView>>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var key = Instant.FromJulianDate(elements[i].EpochUtc, scales.Utc).TaiNanosecondsSinceEpoch / 1_000_000; // to the millisecond
            if (!byEpoch.TryGetValue(key, out var list)) byEpoch[key] = list = [];
            list.Add(ordered[i]);
        }
        var options = new ManeuverDetectorOptions { ThresholdSigma = thresholdSigma };
        var events = new List<ManeuverEvent>();
        var warnings = new List<string>();
        var comparisons = 0;
        var start = 0;
        for (var i = 1; i <= elements.Count; i++)
        {
            if (i < elements.Count && elements[i].EpochUtc.DaysSince(elements[i - 1].EpochUtc) <= MaxGapDays) continue;
            if (i < elements.Count)
                warnings.Add(FormattableString.Invariant($"no comparison across the {elements[i].EpochUtc.DaysSince(elements[i - 1].EpochUtc):F0}-day gap before {ordered[i].Epoch} (more than {MaxGapDays} days)"));
            var r = ManeuverDetector.Analyze(elements.GetRange(start, i - start), scales, options);
            events.AddRange(r.Events);
            warnings.AddRange(r.Warnings);
            comparisons += r.Comparisons.Count;
            start = i;
        }
        IReadOnlyList<string> MarkingsAt(params Instant[] epochs) =>
            [.. epochs.SelectMany(t => byEpoch.TryGetValue(t.TaiNanosecondsSinceEpoch / 1_000_000, out var l) ? l.Select(s => s.Releasability) : [])
                      .Distinct().Order(StringComparer.Ordinal)];
        string T(Instant t) => t.ToIsoString(scales.Utc, 3) is var s && s.EndsWith('Z') ? s : s + "Z";
        static double? N(double x, int digits = 6) => double.IsFinite(x) ? Math.Round(x, digits) : null;
        var maneuvers = events.OrderBy(e => e.EstimatedTime).Select(e => new Maneuver(T(e.EstimatedTime), T(e.PreviousEpoch), T(e.Epoch), N(e.DeltaVMs), N(e.DeltaVRadialMs),
            N(e.DeltaVAlongTrackMs), N(e.DeltaVCrossTrackMs), N(e.DeltaSemiMajorAxisKm), N(e.DeltaInclinationDeg), N(e.Score, 3), e.Trigger, N(e.EpochMissKm), N(e.PeriodMinutes),
            MarkingsAt(e.PreviousEpoch, e.Epoch))).ToList();
        return new ManeuverReportView(ordered[0].NoradId, ordered[^1].Name, ordered.Count, comparisons, thresholdSigma, maneuvers, warnings,
            [.. ordered.Select(s => s.Releasability).Distinct().Order(StringComparer.Ordinal)],
            string.Create(CultureInfo.InvariantCulture, $"OpenSda.Threats ManeuverDetector (as opensda maneuvers): each element set against the previous one propagated by SGP4, flagged above {thresholdSigma} robust sigmas of the object's own residuals; runs split at gaps over {MaxGapDays} days"));
    }
}
