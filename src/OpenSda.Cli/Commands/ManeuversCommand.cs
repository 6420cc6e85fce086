using System.CommandLine;
using OpenSda.Cli.Infrastructure;
using OpenSda.Threats;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary><c>opensda maneuvers</c>: manoeuvres (impulsive changes) detected in an element-set history.</summary>
internal static class ManeuversCommand
{
    /// <summary>The CSV header; later checks depend on it exactly.</summary>
    public const string CsvHeader =
        "norad_id,name,estimated_utc,previous_epoch_utc,epoch_utc,delta_v_m_s,dv_radial_m_s,dv_along_track_m_s,dv_cross_track_m_s," +
        "delta_sma_km,delta_inc_deg,score,trigger,epoch_miss_km";

    public static Command Create()
    {
        var file = new Argument<string>("HISTORY_FILE") { Description = "Element-set history (TLE/3LE, OMM CSV/KVN/XML/JSON; several objects allowed)." };
        var threshold = new Option<double>("--threshold-sigma") { Description = "Flag above this many robust sigmas of the object's own residuals.", DefaultValueFactory = _ => 6 };
        var format = ThreatCli.FormatOption();
        var command = new Command("maneuvers",
            "Manoeuvre detection: each element set is compared with the previous one propagated to its epoch; the noise model is\n" +
            "learned per object. 'score' is the largest feature in units of the threshold (> 1 flagged). CSV columns:\n" + CsvHeader)
        { file, threshold, format };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            var sigma = parse.GetValue(threshold);
            if (!(sigma > 0)) { io.Error("--threshold-sigma must be positive"); return ExitCodes.Usage; }
            var catalog = CatalogInput.Load(io, parse.GetValue(file));
            if (catalog is null) return ExitCodes.BadInput;
            var report = ManeuverDetector.Analyze(catalog.Entries.Select(e => e.Elements), scales, new ManeuverDetectorOptions { ThresholdSigma = sigma });
            foreach (var w in report.Warnings) io.Message("warning: " + w);
            io.Message($"{report.Comparisons.Count} element-set comparisons, {report.Events.Count} events");
            string T(Instant t) => t.ToIsoString(scales.Utc, 3);
            var rows = report.Events.Select(e => new object?[]
            {
                e.CatalogNumber, e.Name, T(e.EstimatedTime), T(e.PreviousEpoch), T(e.Epoch), e.DeltaVMs, e.DeltaVRadialMs, e.DeltaVAlongTrackMs,
                e.DeltaVCrossTrackMs, e.DeltaSemiMajorAxisKm, e.DeltaInclinationDeg, e.Score, e.Trigger, e.EpochMissKm,
            });
            ThreatCli.Write(io, parse.GetValue(format), CsvHeader, rows, "Manoeuvres in " + Path.GetFileName(parse.GetValue(file)));
            return catalog.RejectedCount > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }
}
