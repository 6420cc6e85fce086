using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenSda.Cli.Infrastructure;
using OpenSda.MultiDomain;
using OpenSda.Threats;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary>
/// <c>opensda watch</c>: proximity operations around protected assets: keep-out entries, co-orbital drifters and
/// repeated slow approaches, ranked by threat score; JSON adds each object's timeline.
/// </summary>
internal static class WatchCommand
{
    /// <summary>The CSV header; later checks depend on it exactly.</summary>
    public const string CsvHeader =
        "asset_id,norad_id,name,threat_score,closest_utc,min_range_km,r_km,t_km,n_km,rel_speed_km_s,approaches,slow_approaches," +
        "keep_out_entries,first_entry_utc,co_orbital,drifting_towards,delta_sma_km,plane_angle_deg,phase_deg,manoeuvrable";

    public static Command Create()
    {
        var assets = new Option<string>("--assets") { Description = "Protected assets: catalog numbers, comma-separated.", Required = true };
        var keepOut = new Option<string>("--keep-out-km") { Description = "Keep-out half-extents R,T,N in km (radial, along-track, cross-track).", Required = true };
        var shape = new Option<string>("--shape") { Description = "Keep-out shape.", DefaultValueFactory = _ => "box" }.AcceptOnlyFromAmong("box", "ellipsoid");
        var from = new Option<string?>("--from") { Description = "Window start (ISO-8601 UTC). Default: the bundled snapshot 2024-11-01T00:00:00Z, else the catalog's newest epoch." };
        var duration = new Option<string>("--duration") { Description = "Window length: 7d, 36h, 90m.", DefaultValueFactory = _ => "7d" };
        var approach = new Option<double>("--approach-km") { Description = "Range under which a local minimum counts as an approach, km.", DefaultValueFactory = _ => 50 };
        var file = ThreatCli.CatalogArgument();
        var format = ThreatCli.FormatOption();
        var command = new Command("watch",
            "Proximity (RPO) watch of protected assets. Threat score 0-100 = 35 closeness + 25 slowness + 20 recurrence +\n" +
            "20 manoeuvre (see OpenSda.Threats.ProximityAnalyzer). RTN of the closest approach in the asset's frame. CSV columns:\n" + CsvHeader)
        { assets, keepOut, shape, from, duration, approach, file, format };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            if (!SatelliteSelection.TryParseIds(parse.GetValue(assets)!, out var ids, out var idError)) { io.Error("--assets: " + idError); return ExitCodes.Usage; }
            var parts = parse.GetValue(keepOut)!.Split(',');
            var k = new double[3];
            if (parts.Length != 3 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out k[i]) && k[i] > 0).All(b => b))
            {
                io.Error($"--keep-out-km: '{parse.GetValue(keepOut)}' is not three positive numbers R,T,N");
                return ExitCodes.Usage;
            }
            KeepOutVolume volume = parse.GetValue(shape) == "ellipsoid" ? new RtnEllipsoid(k[0], k[1], k[2]) : new RtnBox(k[0], k[1], k[2]);
            var path = parse.GetValue(file);
            var catalog = CatalogInput.Load(io, path);
            if (catalog is null) return ExitCodes.BadInput;
            if (!ThreatCli.TryWindow(io, scales, catalog, path, parse.GetValue(from), null, parse.GetValue(duration), out var t0, out var t1)) return ExitCodes.Usage;
            var elements = catalog.Entries.Select(e => e.Elements).ToList();
            var present = elements.Select(e => e.CatalogNumber).ToHashSet();
            var missing = ids.Where(i => !present.Contains(i)).ToList();
            if (missing.Count > 0) { io.Error("assets not in the catalog: " + string.Join(", ", missing)); return ExitCodes.BadInput; }
            var watch = new WatchList(ids.Order().Select(i => new ProtectedAsset(i, volume)).ToList());
            var reports = io.WithProgress("Watching", _ => ProximityAnalyzer.Analyze(watch, elements, t0, t1, scales,
                new ProximityOptions { ApproachRangeKm = parse.GetValue(approach) }));
            string T(Instant t) => t.ToIsoString(scales.Utc, 3);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(io, reports, T);
                return ExitCodes.Ok;
            }
            var rows = reports.Select(r => new object?[]
            {
                r.AssetCatalogNumber, r.CatalogNumber, r.Name, r.ThreatScore, T(r.Closest.Time), r.Closest.RangeKm, r.Closest.RtnKm.X,
                r.Closest.RtnKm.Y, r.Closest.RtnKm.Z, r.Closest.RelativeSpeedKmS, r.Approaches.Count, r.SlowApproaches, r.KeepOutEntries.Count,
                r.KeepOutEntries.Count > 0 ? T(r.KeepOutEntries[0].Entry) : null, r.CoOrbital, r.DriftingTowards, r.DeltaSmaKm,
                r.PlaneAngleDeg, r.PhaseAngleDeg, r.Manoeuvrable,
            });
            ThreatCli.Write(io, parse.GetValue(format), CsvHeader, rows, $"Watch {string.Join(",", ids.Order())} from {T(t0)} to {T(t1)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(CliIo io, IReadOnlyList<ProximityReport> reports, Func<Instant, string> t)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            void Sample(ProximitySample s)
            {
                json.WriteStartObject();
                json.WriteString("time_utc", t(s.Time));
                json.WriteNumber("range_km", Math.Round(s.RangeKm, 6));
                json.WriteNumber("r_km", Math.Round(s.RtnKm.X, 6));
                json.WriteNumber("t_km", Math.Round(s.RtnKm.Y, 6));
                json.WriteNumber("n_km", Math.Round(s.RtnKm.Z, 6));
                json.WriteNumber("rel_speed_km_s", Math.Round(s.RelativeSpeedKmS, 6));
                json.WriteNumber("keep_out_scale", Math.Round(s.KeepOutScale, 6));
                json.WriteEndObject();
            }
            json.WriteStartArray();
            foreach (var r in reports)
            {
                json.WriteStartObject();
                json.WriteNumber("asset_id", r.AssetCatalogNumber);
                json.WriteNumber("norad_id", r.CatalogNumber);
                json.WriteString("name", r.Name);
                json.WriteNumber("threat_score", Math.Round(r.ThreatScore, 3));
                json.WriteStartObject("score_terms");
                json.WriteNumber("closeness", Math.Round(r.Terms.Closeness, 4));
                json.WriteNumber("slowness", Math.Round(r.Terms.Slowness, 4));
                json.WriteNumber("recurrence", Math.Round(r.Terms.Recurrence, 4));
                json.WriteNumber("manoeuvre", Math.Round(r.Terms.Manoeuvre, 4));
                json.WriteEndObject();
                json.WriteBoolean("co_orbital", r.CoOrbital);
                json.WriteBoolean("drifting_towards", r.DriftingTowards);
                json.WriteNumber("delta_sma_km", Math.Round(r.DeltaSmaKm, 4));
                json.WriteNumber("plane_angle_deg", Math.Round(r.PlaneAngleDeg, 5));
                json.WriteNumber("phase_deg", Math.Round(r.PhaseAngleDeg, 4));
                json.WritePropertyName("closest");
                Sample(r.Closest);
                json.WriteStartArray("approaches");
                foreach (var a in r.Approaches) Sample(a);
                json.WriteEndArray();
                json.WriteStartArray("keep_out_entries");
                foreach (var (entry, exit) in r.KeepOutEntries)
                {
                    json.WriteStartObject();
                    json.WriteString("entry_utc", t(entry));
                    json.WriteString("exit_utc", t(exit));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("timeline");
                foreach (var s in r.Timeline) Sample(s);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        io.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
