using System.CommandLine;
using System.Globalization;
using OpenSda.Cli.Infrastructure;
using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Time;
using Spectre.Console;

namespace OpenSda.Cli.Commands;

/// <summary><c>opensda catalog summary|check</c>.</summary>
internal static class CatalogCommand
{
    public static Command Create()
    {
        var command = new Command("catalog", "Inspect an element-set catalog (TLE/3LE, OMM KVN/XML/JSON/CSV; gzip allowed).");
        command.Subcommands.Add(CreateSummary());
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateSummary()
    {
        var file = new Argument<string?>("CATALOG_FILE")
        {
            Description = "Catalog file; the format is detected from its content. Default: the bundled 2024-11-01 CelesTrak catalog.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var at = new Option<string?>("--at")
        {
            Description = "Reference time for element-set ages (ISO-8601 UTC). Default: the snapshot time of the bundled catalog, else the newest epoch.",
        };
        var format = new Option<string?>("--format")
        {
            Description = "Output: table (default on a terminal) or csv (default when redirected).",
        }.AcceptOnlyFromAmong("table", "csv");
        var command = new Command("summary", "Counts by orbit regime and element-set age, and the rejected records.") { file, at, format };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            var path = parse.GetValue(file);
            var catalog = CatalogInput.Load(io, path, quiet: true);
            if (catalog is null) return ExitCodes.BadInput;
            Instant reference;
            var atText = parse.GetValue(at);
            if (atText is not null)
            {
                if (!Instant.TryParseIso(atText, scales.Utc, out reference, out var error))
                {
                    io.Error("--at: " + error);
                    return ExitCodes.Usage;
                }
            }
            else
            {
                reference = CatalogInput.ReferenceTime(catalog, CatalogInput.IsBundled(path), scales);
            }
            var summary = CatalogSummary.Compute(catalog, reference.ToJulianDate(scales.Utc));
            var asTable = (parse.GetValue(format) ?? (io.StdoutIsTerminal ? "table" : "csv")) == "table";
            if (asTable)
                summary.WriteTable(io, reference.ToIsoString(scales.Utc, 0));
            else
                summary.WriteCsv(io.Out, reference.ToIsoString(scales.Utc, 0));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var file = new Argument<string>("CATALOG_FILE") { Description = "Catalog file to check; the format is detected from its content." };
        var strict = new Option<bool>("--strict") { Description = "Reject TLEs with a wrong or missing checksum (default: warn and keep)." };
        var command = new Command("check",
            "Load a catalog and report every rejected record (FILE:LINE: FIELD: message) on stderr.\n" +
            "The last line on stdout is 'loaded N, rejected M'. Exit code 3 when any record was rejected or the file could not be read.")
        { file, strict };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var catalog = CatalogInput.Load(io, parse.GetValue(file), parse.GetValue(strict), quiet: true);
            if (catalog is null) return ExitCodes.BadInput;
            foreach (var d in catalog.Diagnostics)
                io.Err.WriteLine((d.IsError ? "error: " : "warning: ") + d);
            io.Out.WriteLine($"format {catalog.Format}");
            io.Out.WriteLine($"loaded {catalog.LoadedCount}, rejected {catalog.RejectedCount}");
            return catalog.RejectedCount > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>Counts of a catalog by regime and element-set age.</summary>
internal sealed record CatalogSummary(
    string Source, string Format, int Loaded, int Rejected, int Warnings,
    IReadOnlyList<(string Key, int Count)> Regimes, IReadOnlyList<(string Key, int Count)> Ages)
{
    private static readonly (string Label, double MaxDays)[] AgeBuckets =
    [
        ("under 1 d", 1), ("1-3 d", 3), ("3-7 d", 7), ("7-30 d", 30), ("30 d or more", double.PositiveInfinity),
    ];

    public static CatalogSummary Compute(CatalogLoadResult catalog, JulianDate referenceUtc)
    {
        var regimes = Enum.GetValues<OrbitRegime>().ToDictionary(r => r, _ => 0);
        var ages = new int[AgeBuckets.Length];
        var future = 0;
        foreach (var entry in catalog.Entries)
        {
            regimes[OrbitGeometry.Regime(entry.Elements)]++;
            var age = referenceUtc.DaysSince(entry.Elements.EpochUtc);
            if (age < 0) { future++; continue; }
            ages[Array.FindIndex(AgeBuckets, b => age < b.MaxDays)]++;
        }
        var ageRows = AgeBuckets.Select((b, i) => (b.Label, ages[i])).ToList();
        if (future > 0) ageRows.Insert(0, ("epoch after reference", future));
        return new CatalogSummary(
            catalog.Source, catalog.Format.ToString(), catalog.LoadedCount, catalog.RejectedCount,
            catalog.Warnings.Count(),
            regimes.Select(kv => (kv.Key.ToString().ToUpperInvariant(), kv.Value)).ToList(), ageRows);
    }

    public void WriteCsv(TextWriter w, string referenceIso)
    {
        w.WriteLine("section,key,count");
        w.WriteLine($"records,loaded,{Loaded}");
        w.WriteLine($"records,rejected,{Rejected}");
        w.WriteLine($"records,warnings,{Warnings}");
        foreach (var (k, c) in Regimes) w.WriteLine($"regime,{k},{c}");
        foreach (var (k, c) in Ages) w.WriteLine($"epoch_age_at_{referenceIso},{k},{c}");
    }

    public void WriteTable(CliIo io, string referenceIso)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(Source))}[/] ({Format}): " +
                           $"[green]{Loaded.ToString("N0", CultureInfo.InvariantCulture)} loaded[/], " +
                           $"{(Rejected > 0 ? "[red]" : "[grey]")}{Rejected} rejected[/], {Warnings} warnings");
        var grid = new Grid().AddColumns(2);
        grid.AddRow(Table("Orbit regime", Regimes, Loaded), Table($"Element-set age at {referenceIso}", Ages, Loaded));
        console.Write(grid);
    }

    private static Table Table(string title, IReadOnlyList<(string Key, int Count)> rows, int total)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("");
        table.AddColumn(new TableColumn("objects").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        foreach (var (k, c) in rows)
            table.AddRow(Markup.Escape(k), c.ToString("N0", CultureInfo.InvariantCulture),
                total == 0 ? "-" : (100.0 * c / total).ToString("0.0", CultureInfo.InvariantCulture) + " %");
        return table;
    }
}
