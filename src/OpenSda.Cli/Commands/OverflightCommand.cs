using System.CommandLine;
using System.Diagnostics;
using OpenSda.Cli.Infrastructure;
using OpenSda.MultiDomain;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary>
/// <c>opensda overflight</c>: every pass during which a satellite can see into an area of operations (entry, best view,
/// exit; elevation, range, off-nadir; sunlit area), or with <c>--dark-windows</c> the periods when none can.
/// </summary>
internal static class OverflightCommand
{
    /// <summary>The CSV header of overflights; later checks depend on it exactly.</summary>
    public const string CsvHeader =
        "norad_id,name,tag,entry_utc,best_utc,exit_utc,duration_s,elevation_deg,range_km,off_nadir_deg,area_sunlit,sun_elevation_deg,entry_clipped,exit_clipped";

    /// <summary>The CSV header of dark windows.</summary>
    public const string DarkCsvHeader = "start_utc,end_utc,duration_s";

    public static Command Create()
    {
        var area = new Option<string>("--area") { Description = "Area: a GeoJSON file (Polygon/MultiPolygon, or Point with radius_km) or LAT,LON,RADIUS_KM.", Required = true };
        var from = new Option<string?>("--from") { Description = "Window start (ISO-8601 UTC). Default: the bundled snapshot 2024-11-01T00:00:00Z, else the catalog's newest epoch." };
        var to = new Option<string?>("--to") { Description = "Window end (ISO-8601 UTC). Default: 24 h after --from." };
        var sats = new Option<string?>("--sats") { Description = "Catalog numbers (comma-separated, ranges a-b)." };
        var tag = new Option<string?>("--tag") { Description = "Type tag from data/satellite-types.csv (imaging, sar, sigint, …)." };
        var owner = ThreatCli.OwnerOption();
        var owners = ThreatCli.OwnersFileOption();
        var halfAngle = new Option<double>("--half-angle-deg") { Description = "Sensor half-angle from nadir, degrees (0 < η < 90).", DefaultValueFactory = _ => 30 };
        var minEl = new Option<double>("--min-el-deg") { Description = "Minimum elevation seen from the ground, degrees.", DefaultValueFactory = _ => 0 };
        var dark = new Option<bool>("--dark-windows") { Description = "Write the dark windows (" + DarkCsvHeader + ") instead of the overflights." };
        var timing = new Option<bool>("--timing") { Description = "Report objects, propagations and run time on stderr." };
        var file = ThreatCli.CatalogArgument();
        var format = ThreatCli.FormatOption();
        var command = new Command("overflight",
            "Overflights of an area of operations: a satellite sees into the area while some point of it is within the sensor\n" +
            "half-angle of nadir and above the minimum elevation. Best view: closest approach of the sub-satellite point to\n" +
            "the area's centre; elevation/range/off-nadir towards the nearest point of the area. CSV columns:\n" + CsvHeader)
        { area, from, to, sats, tag, owner, owners, halfAngle, minEl, dark, timing, file, format };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            if (!AreaOfOperations.TryParse(parse.GetValue(area)!, out var aoo, out var areaError))
            {
                io.Error("--area: " + areaError);
                return File.Exists(parse.GetValue(area)) ? ExitCodes.BadInput : ExitCodes.Usage;
            }
            var eta = parse.GetValue(halfAngle);
            if (!(eta > 0 && eta < 90)) { io.Error("--half-angle-deg must lie in (0, 90)"); return ExitCodes.Usage; }
            var path = parse.GetValue(file);
            var stopwatch = Stopwatch.StartNew();
            var catalog = CatalogInput.Load(io, path);
            if (catalog is null) return ExitCodes.BadInput;
            var loadSeconds = stopwatch.Elapsed.TotalSeconds;
            if (!ThreatCli.TryWindow(io, scales, catalog, path, parse.GetValue(from), parse.GetValue(to), null, out var t0, out var t1)) return ExitCodes.Usage;
            if (!ThreatCli.TrySelect(io, catalog.Entries.Select(e => e.Elements), parse.GetValue(sats), parse.GetValue(tag), parse.GetValue(owner), parse.GetValue(owners), out var selected)) return ExitCodes.Usage;
            stopwatch.Restart();
            var result = io.WithProgress("Finding overflights", _ => OverflightFinder.Find(selected, aoo!, t0, t1, scales,
                new OverflightOptions { HalfAngleDeg = eta, MinElevationDeg = parse.GetValue(minEl) }));
            var searchSeconds = stopwatch.Elapsed.TotalSeconds;
            if (parse.GetValue(timing))
                io.Message(FormattableString.Invariant(
                    $"timing: {result.ObjectCount} objects, {result.Items.Count} overflights, {result.PropagationCount} propagations; load {loadSeconds:F2} s, search {searchSeconds:F2} s on {Environment.ProcessorCount} cores"));
            string T(Instant t) => t.ToIsoString(scales.Utc, 3);
            if (parse.GetValue(dark))
            {
                var windows = DarkWindows.FromOverflights(result.Items, t0, t1);
                ThreatCli.Write(io, parse.GetValue(format), DarkCsvHeader,
                    windows.Select(w => new object?[] { T(w.Start), T(w.End), w.Duration.TotalSeconds }),
                    $"Dark windows over {aoo!.Description}");
                return ExitCodes.Ok;
            }
            var tags = SatelliteTagTable.LoadBundled();
            var byId = selected.GroupBy(s => s.CatalogNumber).ToDictionary(g => g.Key, g => g.First());
            var rows = result.Items.Select(o => new object?[]
            {
                o.CatalogNumber, o.Name, tags.TagOf(byId[o.CatalogNumber]), T(o.Entry), T(o.Best), T(o.Exit),
                o.Duration.TotalSeconds, o.ElevationDeg, o.RangeKm, o.OffNadirDeg, o.AreaSunlit, o.SunElevationDeg, o.EntryClipped, o.ExitClipped,
            });
            ThreatCli.Write(io, parse.GetValue(format), CsvHeader, rows, $"Overflights of {aoo!.Description} from {T(t0)} to {T(t1)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
