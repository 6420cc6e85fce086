using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenSda.Cli.Infrastructure;
using OpenSda.MultiDomain;
using OpenSda.Orbits;
using OpenSda.Time;
using Spectre.Console;

namespace OpenSda.Cli.Commands;

/// <summary>
/// <c>opensda passes</c>: rise, culmination and set of satellites over a ground site, with azimuth, elevation, range
/// and optical visibility (satellite sunlit, site dark).
/// </summary>
internal static class PassesCommand
{
    /// <summary>The CSV header; later checks depend on it exactly.</summary>
    public const string CsvHeader =
        "norad_id,name,rise_utc,rise_az_deg,culmination_utc,culmination_az_deg,culmination_el_deg,culmination_range_km," +
        "set_utc,set_az_deg,duration_s,visible,visible_from_utc,visible_to_utc,rise_clipped,set_clipped";

    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "Site LAT,LON[,ALT_M] (degrees, degrees, metres).", Required = true };
        var minEl = new Option<double>("--min-el-deg") { Description = "Minimum elevation, degrees.", DefaultValueFactory = _ => 10 };
        var from = new Option<string?>("--from") { Description = "Window start (ISO-8601 UTC). Default: the bundled snapshot 2024-11-01T00:00:00Z, else the catalog's newest epoch." };
        var to = new Option<string?>("--to") { Description = "Window end (ISO-8601 UTC). Default: 24 h after --from." };
        var sats = new Option<string?>("--sats") { Description = "Catalog numbers (comma-separated, ranges a-b). Default: the whole catalog." };
        var tag = new Option<string?>("--tag") { Description = "Type tag from data/satellite-types.csv (imaging, sar, sigint, …)." };
        var owner = ThreatCli.OwnerOption();
        var owners = ThreatCli.OwnersFileOption();
        var file = ThreatCli.CatalogArgument();
        var format = ThreatCli.FormatOption();
        var command = new Command("passes",
            "Passes over a ground site: rise/culmination/set with azimuth, elevation (geodetic, no refraction) and range;\n" +
            "'visible' when the satellite is sunlit while the Sun is 6° or more below the site's horizon. CSV columns:\n" + CsvHeader)
        { site, minEl, from, to, sats, tag, owner, owners, file, format };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            if (!GroundSite.TryParse(parse.GetValue(site), out var groundSite, out var siteError)) { io.Error("--site: " + siteError); return ExitCodes.Usage; }
            var min = parse.GetValue(minEl);
            if (min is < -5 or > 89) { io.Error("--min-el-deg must lie in [-5, 89]"); return ExitCodes.Usage; }
            var path = parse.GetValue(file);
            var catalog = CatalogInput.Load(io, path);
            if (catalog is null) return ExitCodes.BadInput;
            if (!ThreatCli.TryWindow(io, scales, catalog, path, parse.GetValue(from), parse.GetValue(to), null, out var t0, out var t1)) return ExitCodes.Usage;
            if (!ThreatCli.TrySelect(io, catalog.Entries.Select(e => e.Elements), parse.GetValue(sats), parse.GetValue(tag), parse.GetValue(owner), parse.GetValue(owners), out var selected)) return ExitCodes.Usage;
            var result = io.WithProgress("Finding passes", _ =>
                PassFinder.Find(selected, groundSite!, t0, t1, scales, new PassSearchOptions { MinElevationDeg = min }));
            if (result.FailedCatalogNumbers.Count > 0)
                io.Message($"{result.FailedCatalogNumbers.Count} objects skipped: SGP4 cannot initialise them");
            string T(Instant t) => t.ToIsoString(scales.Utc, 3);
            var rows = result.Items.Select(p => new object?[]
            {
                p.CatalogNumber, p.Name, T(p.Rise.Time), p.Rise.AzimuthDeg, T(p.Culmination.Time), p.Culmination.AzimuthDeg,
                p.Culmination.ElevationDeg, p.Culmination.RangeKm, T(p.Set.Time), p.Set.AzimuthDeg, p.Duration.TotalSeconds,
                p.Visible, p.VisibleFrom is { } vf ? T(vf) : null, p.VisibleTo is { } vt ? T(vt) : null, p.RiseClipped, p.SetClipped,
            });
            ThreatCli.Write(io, parse.GetValue(format), CsvHeader, rows, $"Passes over {groundSite!.Name} from {T(t0)} to {T(t1)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>Options, parsing and output shared by the threat and multi-domain commands.</summary>
internal static class ThreatCli
{
    public static Argument<string?> CatalogArgument() => new("CATALOG_FILE")
    {
        Description = "Catalog file (TLE/3LE, OMM KVN/XML/JSON/CSV, gzip allowed). Default: the bundled 2024-11-01 CelesTrak catalog.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> FormatOption() => new Option<string?>("--format")
    {
        Description = "Output: csv (default when redirected), json, or table (default on a terminal).",
    }.AcceptOnlyFromAmong("csv", "json", "table");

    /// <summary>Window from --from/--to or --from/--duration; defaults: the catalog's reference time and 24 h.</summary>
    public static bool TryWindow(CliIo io, TimeScales scales, Formats.Catalog.CatalogLoadResult catalog, string? path,
                                 string? fromText, string? toText, string? durationText, out Instant t0, out Instant t1)
    {
        t1 = default;
        if (fromText is null) t0 = CatalogInput.ReferenceTime(catalog, CatalogInput.IsBundled(path), scales);
        else if (!Instant.TryParseIso(fromText, scales.Utc, out t0, out var e0)) { io.Error("--from: " + e0); return false; }
        if (toText is not null)
        {
            if (!Instant.TryParseIso(toText, scales.Utc, out t1, out var e1)) { io.Error("--to: " + e1); return false; }
        }
        else
        {
            var span = TimeSpan.FromDays(1);
            if (durationText is not null && !TryDuration(durationText, out span)) { io.Error($"--duration: '{durationText}' is not a duration such as 7d, 36h, 90m"); return false; }
            t1 = t0 + span;
        }
        if (t1 <= t0) { io.Error("the window ends before it starts"); return false; }
        if (t1 - t0 > TimeSpan.FromDays(60)) { io.Error("the window is longer than 60 days"); return false; }
        return true;
    }

    public static bool TryDuration(string text, out TimeSpan span)
    {
        span = default;
        if (text.Length < 2) return false;
        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0)) return false;
        span = char.ToLowerInvariant(text[^1]) switch
        {
            'd' => TimeSpan.FromDays(v),
            'h' => TimeSpan.FromHours(v),
            'm' => TimeSpan.FromMinutes(v),
            's' => TimeSpan.FromSeconds(v),
            _ => TimeSpan.Zero,
        };
        return span > TimeSpan.Zero;
    }

    /// <summary>--owner: owner codes from data/satellite-owners.csv (or --owners FILE).</summary>
    public static Option<string?> OwnerOption() => new("--owner")
    {
        Description = "Owner codes, comma-separated (CelesTrak SATCAT codes: US, CIS, PRC, ESA, UK, FR, JPN, IND, …), from data/satellite-owners.csv or --owners.",
    };

    /// <summary>--owners FILE: an owner table or CelesTrak SATCAT CSV laid over the bundled owner table.</summary>
    public static Option<string?> OwnersFileOption() => new("--owners")
    {
        Description = "Owner table (match,owner,operator,note) or CelesTrak SATCAT CSV (satcat.csv); its rows win over data/satellite-owners.csv.",
    };

    /// <summary>
    /// Objects by catalog numbers (--sats) or type tag (--tag), then by owner (--owner, with --owners FILE laid over the
    /// bundled owner table); the whole catalog when none is given.
    /// </summary>
    public static bool TrySelect(CliIo io, IEnumerable<MeanElements> catalog, string? ids, string? tag, string? owners, string? ownersFile,
                                 out IReadOnlyList<MeanElements> selected)
    {
        selected = [];
        if (ownersFile is not null && owners is null) { io.Error("--owners needs --owner"); return false; }
        if (!TrySelect(io, catalog, ids, tag, out var first)) return false;
        if (owners is null) { selected = first; return true; }
        var codes = owners.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (codes.Length == 0) { io.Error("--owner: no owner code given"); return false; }
        var table = SatelliteOwnerTable.LoadBundled();
        if (ownersFile is not null)
        {
            if (!File.Exists(ownersFile)) { io.Error($"--owners: {ownersFile}: no such file"); return false; }
            var given = SatelliteOwnerTable.Load(ownersFile);
            if (given.Rules.Count == 0)
            {
                foreach (var d in given.Diagnostics.Take(5)) io.Error(d.ToString());
                io.Error($"--owners: {ownersFile}: no owner rows read");
                return false;
            }
            table = table.Overlay(given);
        }
        foreach (var d in table.Diagnostics.Take(20)) io.Message("warning: " + d);
        foreach (var unknown in codes.Where(c => !table.Owners.Contains(c, StringComparer.OrdinalIgnoreCase)))
            io.Message($"--owner: '{unknown}' is not an owner code in {table.Source}");
        selected = table.Select(first, codes).ToList();
        io.Message($"{selected.Count} objects owned by {string.Join(", ", codes)}");
        return true;
    }

    /// <summary>Objects by catalog numbers (--sats) or type tag (--tag); the whole catalog when neither is given.</summary>
    public static bool TrySelect(CliIo io, IEnumerable<MeanElements> catalog, string? ids, string? tag, out IReadOnlyList<MeanElements> selected)
    {
        selected = [];
        if (ids is not null && tag is not null) { io.Error("give --sats or --tag, not both"); return false; }
        if (ids is not null)
        {
            if (!SatelliteSelection.TryParseIds(ids, out var set, out var error)) { io.Error("--sats: " + error); return false; }
            selected = catalog.Where(e => set.Contains(e.CatalogNumber)).ToList();
            foreach (var missing in set.Except(selected.Select(e => e.CatalogNumber)).Take(20))
                io.Message($"catalog number {missing} is not in the catalog");
            return true;
        }
        if (tag is not null)
        {
            var table = SatelliteTagTable.LoadBundled();
            foreach (var d in table.Diagnostics) io.Message("warning: " + d);
            if (!table.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                io.Error($"--tag: unknown tag '{tag}'; the table ({table.Source}) has: {string.Join(", ", table.Tags)}");
                return false;
            }
            selected = table.Select(catalog, tag).ToList();
            io.Message($"{selected.Count} objects tagged '{tag}'");
            return true;
        }
        selected = catalog.ToList();
        return true;
    }

    /// <summary>Writes rows as CSV (header given), JSON (an array of objects) or a table on a terminal.</summary>
    public static void Write(CliIo io, string? format, string header, IEnumerable<object?[]> rows, string title)
    {
        var columns = header.Split(',');
        format ??= io.StdoutIsTerminal ? "table" : "csv";
        var list = rows.ToList();
        switch (format)
        {
            case "json":
            {
                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartArray();
                    foreach (var row in list)
                    {
                        json.WriteStartObject();
                        for (var i = 0; i < columns.Length; i++) WriteJson(json, columns[i], row[i]);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                io.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                break;
            }
            case "table":
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
                var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
                foreach (var c in columns) table.AddColumn(Markup.Escape(c));
                foreach (var row in list) table.AddRow(row.Select(v => Markup.Escape(Text(v))).ToArray());
                console.Write(table);
                break;
            }
            default:
            {
                io.Out.WriteLine(header);
                var sb = new StringBuilder();
                foreach (var row in list)
                {
                    sb.Clear();
                    for (var i = 0; i < row.Length; i++)
                    {
                        if (i > 0) sb.Append(',');
                        sb.Append(Csv(Text(row[i])));
                    }
                    io.Out.WriteLine(sb);
                }
                io.Out.Flush();
                break;
            }
        }
    }

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Text(object? v) => v switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static void WriteJson(Utf8JsonWriter json, string name, object? v)
    {
        switch (v)
        {
            case null: json.WriteNull(name); break;
            case double d when !double.IsFinite(d): json.WriteNull(name); break;
            case double d: json.WriteNumber(name, Math.Round(d, 6)); break;
            case int i: json.WriteNumber(name, i); break;
            case long l: json.WriteNumber(name, l); break;
            case bool b: json.WriteBoolean(name, b); break;
            default: json.WriteString(name, Text(v)); break;
        }
    }
}
