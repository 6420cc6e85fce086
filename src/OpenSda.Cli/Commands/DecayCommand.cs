using System.CommandLine;
using OpenSda.Cli.Infrastructure;
using OpenSda.MultiDomain;
using OpenSda.Threats;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary><c>opensda decay</c>: re-entry estimates with uncertainty windows for low objects.</summary>
internal static class DecayCommand
{
    /// <summary>The CSV header; later checks depend on it exactly.</summary>
    public const string CsvHeader =
        "norad_id,name,epoch_utc,perigee_km,apogee_km,ndot_rev_day2,ballistic_m2_kg,basis,reentry_utc,earliest_utc,latest_utc,lifetime_days,note";

    public static Command Create()
    {
        var ids = new Argument<string?>("IDS") { Description = "Catalog numbers (comma-separated); default: every object with perigee under --max-perigee-km.", Arity = ArgumentArity.ZeroOrOne };
        var file = ThreatCli.CatalogArgument();
        var f107 = new Option<double>("--f107") { Description = "Solar flux F10.7 (sfu), now and assumed for the future (window ±30 sfu).", DefaultValueFactory = _ => 150 };
        var maxPerigee = new Option<double>("--max-perigee-km") { Description = "Only objects with perigee below this, km.", DefaultValueFactory = _ => 400 };
        var format = ThreatCli.FormatOption();
        var command = new Command("decay",
            "Orbital lifetime and re-entry window from the element sets (history when the file holds several per object):\n" +
            "exponential atmosphere (Vallado Table 8-4) scaled by F10.7, drag calibrated on the observed decay. CSV columns:\n" + CsvHeader)
        { ids, file, f107, maxPerigee, format };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            var idsText = parse.GetValue(ids);
            var path = parse.GetValue(file);
            // One positional argument that is a file is the catalog.
            if (idsText is not null && path is null && (File.Exists(idsText) || !char.IsDigit(idsText[0])))
            {
                path = idsText;
                idsText = null;
            }
            HashSet<int>? wanted = null;
            if (idsText is not null)
            {
                if (!SatelliteSelection.TryParseIds(idsText, out var set, out var err)) { io.Error("IDS: " + err); return ExitCodes.Usage; }
                wanted = set;
            }
            var catalog = CatalogInput.Load(io, path);
            if (catalog is null) return ExitCodes.BadInput;
            var limit = parse.GetValue(maxPerigee);
            var sets = catalog.Entries.Select(e => e.Elements).Where(e => wanted is null || wanted.Contains(e.CatalogNumber)).ToList();
            var options = new DecayOptions
            {
                F107Now = parse.GetValue(f107), F107Future = parse.GetValue(f107),
                MaximumPerigeeKm = wanted is null ? limit : 2000,
            };
            var estimates = DecayEstimator.EstimateAll(sets, scales, options).OrderBy(e => e.LifetimeDays ?? double.MaxValue).ToList();
            string? T(Instant? t) => t?.ToIsoString(scales.Utc, 0);
            var rows = estimates.Select(e => new object?[]
            {
                e.CatalogNumber, e.Name, T(e.Epoch), e.PerigeeKm, e.ApogeeKm, e.DecayRateRevPerDay2, e.BallisticFactorM2Kg, e.Basis,
                T(e.Nominal), T(e.Earliest), T(e.Latest), e.LifetimeDays, e.Note,
            });
            ThreatCli.Write(io, parse.GetValue(format), CsvHeader, rows, "Re-entry estimates");
            return ExitCodes.Ok;
        });
        return command;
    }
}
