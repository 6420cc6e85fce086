using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenSda.Cli.Infrastructure;
using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Formats.Ccsds.Oem;
using OpenSda.Formats.Tle;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Screening;
using OpenSda.Screening.Probability;
using OpenSda.Screening.Reporting;
using OpenSda.Time;
using Spectre.Console;

namespace OpenSda.Cli.Commands;

/// <summary>
/// <c>opensda screen</c>: all-vs-all (or primaries-vs-all) conjunction screening of a catalog with
/// the leak-proof engine of <see cref="ConjunctionScreener"/>, with Pc from default covariances.
/// </summary>
internal static class ScreenCommand
{
    /// <summary>CSV columns; the first five are fixed by the contract.</summary>
    public const string CsvHeader =
        "norad_a,norad_b,tca_utc,miss_km,rel_speed_kms,name_a,name_b,intl_a,intl_b,primary," +
        "r_km,t_km,n_km,age_a_days,age_b_days,low_rel_speed,pc,pc_covariance";

    internal static readonly string[] Stages = ["orbit filter", "propagation", "broad phase", "refinement"];

    public static Command Create()
    {
        var file = new Argument<string?>("CATALOG_FILE")
        {
            Description = "Catalog file (any supported format). Default: the bundled 2024-11-01 CelesTrak catalog.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var start = new Option<string?>("--start") { Description = "Window start, ISO-8601 UTC. Default: the catalog's snapshot time (2024-11-01T00:00:00Z for the bundled one; else its newest epoch)." };
        var duration = new Option<string>("--duration") { Description = "Window length: e.g. 90m, 24h, 7d.", DefaultValueFactory = _ => "24h" };
        var threshold = new Option<double>("--threshold-km") { Description = "Report minima of range at or below this, km (up to 50).", DefaultValueFactory = _ => 5.0 };
        var primaries = new Option<string?>("--primaries") { Description = "One-against-all: a file of catalog numbers, or a comma-separated list." };
        var format = new Option<string?>("--format") { Description = "csv or json. Default: csv, or a table when stdout is a terminal." }
            .AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the events to this file." };
        var cdmDir = new Option<string?>("--cdm-dir") { Description = "Also write one CCSDS CDM (KVN) per event into this folder." };
        var hbr = new Option<double>("--hbr-m") { Description = "Combined hard-body radius for Pc, metres.", DefaultValueFactory = _ => EventProbability.DefaultHardBodyRadiusM };
        var oem = new Option<string[]>("--oem")
        {
            Description = "Operators' ephemerides (CCSDS OEM, KVN or XML): each object's OEM replaces its TLE over the OEM's span " +
                          "(OBJECT_ID: catalog number or international designator). Objects with only an OEM are screened over its span.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("screen",
            "Screen a catalog for conjunctions: every local minimum of SGP4 range strictly inside the window and at or below the threshold.\n" +
            "CSV columns: " + CsvHeader + "\n" +
            "RTN components are the other object's position relative to 'primary', in the primary's radial/transverse/normal frame. " +
            "pc is Pc2D (Foster 1992). pc_covariance says where the covariances came from: 'default' (OpenSDA's default covariance model " +
            "by object kind and element-set age: indicative, for ranking), 'provided' (both from --oem covariance blocks, interpolated to TCA " +
            "in RTN), or 'mixed'.")
        { file, start, duration, threshold, primaries, format, output, cdmDir, hbr, oem };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            if (!TryParseDuration(parse.GetValue(duration)!, out var window))
            {
                io.Error($"--duration: '{parse.GetValue(duration)}' is not a duration such as 90m, 24h or 7d");
                return ExitCodes.Usage;
            }
            var thresholdKm = parse.GetValue(threshold);
            if (!(thresholdKm > 0) || thresholdKm > 50)
            {
                io.Error("--threshold-km must be greater than 0 and at most 50");
                return ExitCodes.Usage;
            }
            var hbrM = parse.GetValue(hbr);
            if (!(hbrM > 0)) { io.Error("--hbr-m must be positive"); return ExitCodes.Usage; }
            HashSet<int>? primarySet = null;
            if (parse.GetValue(primaries) is { } primariesText)
            {
                if (!TryReadIds(primariesText, out primarySet, out var idError)) { io.Error("--primaries: " + idError); return ExitCodes.Usage; }
            }

            var path = parse.GetValue(file);
            var catalog = CatalogInput.Load(io, path);
            if (catalog is null) return ExitCodes.BadInput;
            if (!CatalogInput.TryResolveStart(io, parse.GetValue(start), catalog, path, scales, out var t0))
                return ExitCodes.Usage;
            foreach (var warning in scales.Warnings(t0))
                io.Message("warning: " + warning);

            var options = new ScreeningOptions
            {
                StartUtc = t0.ToJulianDate(scales.Utc),
                Duration = window,
                ThresholdKm = thresholdKm,
                Primaries = primarySet,
            };
            var elements = catalog.Entries.Select(e => e.Elements).ToList();
            var ephemerides = new List<EphemerisObject>();
            var covariances = new Dictionary<int, CovarianceHistory>();
            foreach (var oemPath in parse.GetValue(oem) ?? [])
                if (!TryReadOem(io, oemPath, elements, scales, ephemerides, covariances)) return ExitCodes.BadInput;
            var result = io.WithStages(Stages, report => ephemerides.Count == 0
                ? ConjunctionScreener.Screen(elements, options, new SyncProgress(report))
                : ConjunctionScreener.Screen(elements, ephemerides, scales, options, new SyncProgress(report)));
            var provided = ProvidedCovariance(covariances, scales);
            var conjunctions = result.Events.Select(e => EventProbability.ToConjunction(e, hbrM, provided)).ToArray();
            var pcs = conjunctions.Select(c => CollisionProbability.Compute(c, PcMethodNames.Pc2D)).ToArray();
            var covarianceLabels = conjunctions.Select(EventProbability.CovarianceLabel).ToArray();

            var fmt = parse.GetValue(format);
            var outPath = parse.GetValue(output);
            var tableOnly = outPath is null && fmt is null && io.StdoutIsTerminal;
            if (!tableOnly)
            {
                using var writer = outPath is null ? null : new StreamWriter(outPath, false, new UTF8Encoding(false), 1 << 16);
                var target = writer ?? io.Out;
                if (fmt == "json")
                    WriteJson(target, result, pcs, covarianceLabels, t0, window, thresholdKm, scales);
                else
                    WriteCsv(target, result, pcs, covarianceLabels, scales);
                target.Flush();
            }
            if (parse.GetValue(cdmDir) is { } dir)
            {
                var written = WriteCdms(dir, result, pcs, conjunctions, new ConjunctionCdm.ScreeningContext(t0, t0 + window, thresholdKm, hbrM), scales, io.Clock);
                io.Message($"wrote {written} CDMs to {dir}");
            }
            var summaryConsole = tableOnly
                ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) })
                : io.Interactive ? io.ErrConsole : null;
            if (summaryConsole is not null)
                WriteSummary(summaryConsole, result, pcs, scales);
            else
                WriteSummaryLine(io, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Reads one OEM file into TEME ephemeris objects, one per segment; the catalog number is OBJECT_ID when numeric,
    /// else the catalog object with that international designator. False, with the file, line and keyword on stderr, on error.
    /// </summary>
    internal static bool TryReadOem(CliIo io, string path, IReadOnlyList<Orbits.MeanElements> catalog, TimeScales scales, List<EphemerisObject> into,
        Dictionary<int, CovarianceHistory>? covariances = null)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { io.Error($"--oem: {path}: {e.Message}"); return false; }
        var read = OemReader.Read(text, path);
        if (read.Message is not { } message)
        {
            foreach (var d in read.Errors) io.Error(d.ToString());
            return false;
        }
        var frames = new FrameTree(scales);
        foreach (var seg in message.Segments)
        {
            var id = seg.ObjectId.Trim();
            int number;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out number) && !Alpha5.TryDecode(id, out number))
            {
                var match = catalog.FirstOrDefault(e => string.Equals(e.InternationalDesignator, id, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    io.Error($"{path}: line {seg.Metadata.Line("OBJECT_ID")}: OBJECT_ID: '{id}' is neither a catalog number nor the international designator of a catalog object");
                    return false;
                }
                number = match.CatalogNumber;
            }
            if (!seg.TryCreateEphemeris(scales, frames, frames.Teme, out var source, out var error))
            {
                io.Error($"{path}: {error}");
                return false;
            }
            into.Add(new EphemerisObject(number, seg.ObjectName.Length > 0 ? seg.ObjectName : null, id.Contains('-', StringComparison.Ordinal) ? id : null, source));
            if (covariances is null || seg.Covariances.Count == 0) continue;
            if (!seg.TryGetCovariances(scales, frames, frames.Teme, out var blocks, out error))
            {
                io.Error($"{path}: {error}");
                return false;
            }
            var history = new CovarianceHistory(blocks.Select(b => (b.Epoch, b.ValuesKm, b.IsRtn)), source);
            if (history.Count > 0 && (!covariances.TryGetValue(number, out var known) || known.Count < history.Count))
                covariances[number] = history; // one history per object: the segment with the most blocks
        }
        return true;
    }

    /// <summary>The provided covariance of an object at TCA (its OEM covariance blocks, interpolated), or null for the default model.</summary>
    internal static Func<int, JulianDate, StateVector, StateCovariance?>? ProvidedCovariance(Dictionary<int, CovarianceHistory> covariances, TimeScales scales) =>
        covariances.Count == 0 ? null
            : (number, tcaUtc, teme) => covariances.TryGetValue(number, out var h) ? h.At(Instant.FromJulianDate(tcaUtc, scales.Utc), teme) : null;

    /// <summary>Progress reporting on the caller's thread (the engine reports from worker threads).</summary>
    internal sealed class SyncProgress(Action<string, double> report) : IProgress<(string Stage, double Fraction)>
    {
        public void Report((string Stage, double Fraction) value) => report(value.Stage, value.Fraction);
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2) return false;
        var unit = char.ToLowerInvariant(text[^1]);
        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !(n > 0) || !double.IsFinite(n))
            return false;
        double seconds = unit switch { 's' => n, 'm' => n * 60, 'h' => n * 3600, 'd' => n * 86400, _ => double.NaN };
        if (!double.IsFinite(seconds) || seconds > 366 * 86400.0) return false;
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Catalog numbers from a file (whitespace/comma separated, # comments) or a comma-separated list; Alpha-5 allowed.</summary>
    internal static bool TryReadIds(string text, out HashSet<int> ids, out string? error)
    {
        ids = [];
        error = null;
        string content;
        if (File.Exists(text))
        {
            content = string.Join('\n', File.ReadLines(text).Select(l => l.Split('#')[0]));
        }
        else
        {
            content = text;
        }
        foreach (var token in content.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || Alpha5.TryDecode(token, out id))
            {
                ids.Add(id);
                continue;
            }
            error = File.Exists(text)
                ? $"{text}: '{token}' is not a catalog number"
                : $"'{token}' is not a catalog number and '{text}' is not a file";
            return false;
        }
        if (ids.Count == 0) { error = "no catalog numbers given"; return false; }
        return true;
    }

    private static string Tca(ConjunctionEvent e, TimeScales scales) =>
        Instant.FromJulianDate(e.TcaUtc, scales.Utc).ToIsoString(scales.Utc, 3);

    private static void WriteCsv(TextWriter w, ScreeningResult result, PcResult[] pcs, string[] covarianceLabels, TimeScales scales)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(CsvHeader);
        var sb = new StringBuilder(256);
        for (var i = 0; i < result.Events.Count; i++)
        {
            var e = result.Events[i];
            var (a, b) = e.Primary.CatalogNumber < e.Secondary.CatalogNumber ? (e.Primary, e.Secondary) : (e.Secondary, e.Primary);
            var (ageA, ageB) = ReferenceEquals(a, e.Primary) ? (e.PrimaryElementAgeDays, e.SecondaryElementAgeDays) : (e.SecondaryElementAgeDays, e.PrimaryElementAgeDays);
            sb.Clear();
            sb.Append(a.CatalogNumber.ToString(inv)).Append(',')
              .Append(b.CatalogNumber.ToString(inv)).Append(',')
              .Append(Tca(e, scales)).Append(',')
              .Append(e.MissKm.ToString("F6", inv)).Append(',')
              .Append(e.RelativeSpeedKmS.ToString("F6", inv)).Append(',')
              .Append(Csv(a.Name)).Append(',').Append(Csv(b.Name)).Append(',')
              .Append(Csv(a.InternationalDesignator)).Append(',').Append(Csv(b.InternationalDesignator)).Append(',')
              .Append(e.Primary.CatalogNumber.ToString(inv)).Append(',')
              .Append(e.MissRtnKm.X.ToString("F6", inv)).Append(',')
              .Append(e.MissRtnKm.Y.ToString("F6", inv)).Append(',')
              .Append(e.MissRtnKm.Z.ToString("F6", inv)).Append(',')
              .Append(ageA.ToString("F4", inv)).Append(',')
              .Append(ageB.ToString("F4", inv)).Append(',')
              .Append(e.IsLowRelativeSpeed ? "true" : "false").Append(',')
              .Append(pcs[i].Pc.ToString("G6", inv)).Append(',')
              .Append(covarianceLabels[i]);
            w.WriteLine(sb);
        }
    }

    private static string Csv(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        return s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    private static void WriteJson(TextWriter target, ScreeningResult result, PcResult[] pcs, string[] covarianceLabels, Instant t0, TimeSpan window,
                                  double thresholdKm, TimeScales scales)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartObject();
            j.WriteString("start_utc", t0.ToIsoString(scales.Utc, 3));
            j.WriteString("stop_utc", (t0 + window).ToIsoString(scales.Utc, 3));
            j.WriteNumber("threshold_km", thresholdKm);
            var s = result.Statistics;
            j.WriteStartObject("statistics");
            j.WriteNumber("objects", s.Objects);
            j.WriteNumber("pairs_considered", s.PairsConsidered);
            j.WriteNumber("pairs_after_orbit_filter", s.PairsAfterOrbitFilter);
            j.WriteNumber("box_overlaps", s.BoxOverlaps);
            j.WriteNumber("chord_candidates", s.ChordCandidates);
            j.WriteNumber("events", s.Events);
            j.WriteNumber("orbit_filter_s", s.OrbitFilterTime.TotalSeconds);
            j.WriteNumber("propagation_s", s.PropagationTime.TotalSeconds);
            j.WriteNumber("broad_phase_s", s.BroadPhaseTime.TotalSeconds);
            j.WriteNumber("refinement_s", s.RefinementTime.TotalSeconds);
            j.WriteNumber("total_s", s.TotalTime.TotalSeconds);
            j.WriteEndObject();
            j.WriteStartArray("events");
            for (var i = 0; i < result.Events.Count; i++)
            {
                var e = result.Events[i];
                var (a, b) = e.Primary.CatalogNumber < e.Secondary.CatalogNumber ? (e.Primary, e.Secondary) : (e.Secondary, e.Primary);
                j.WriteStartObject();
                j.WriteNumber("norad_a", a.CatalogNumber);
                j.WriteNumber("norad_b", b.CatalogNumber);
                j.WriteString("tca_utc", Tca(e, scales));
                j.WriteNumber("miss_km", e.MissKm);
                j.WriteNumber("rel_speed_kms", e.RelativeSpeedKmS);
                j.WriteString("name_a", a.Name);
                j.WriteString("name_b", b.Name);
                j.WriteString("intl_a", a.InternationalDesignator);
                j.WriteString("intl_b", b.InternationalDesignator);
                j.WriteNumber("primary", e.Primary.CatalogNumber);
                j.WriteNumber("r_km", e.MissRtnKm.X);
                j.WriteNumber("t_km", e.MissRtnKm.Y);
                j.WriteNumber("n_km", e.MissRtnKm.Z);
                j.WriteNumber("age_primary_days", e.PrimaryElementAgeDays);
                j.WriteNumber("age_secondary_days", e.SecondaryElementAgeDays);
                j.WriteBoolean("low_rel_speed", e.IsLowRelativeSpeed);
                if (double.IsFinite(pcs[i].Pc)) j.WriteNumber("pc", pcs[i].Pc); else j.WriteNull("pc");
                j.WriteString("pc_covariance", covarianceLabels[i]);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartObject("diagnostics");
            j.WriteStartArray("errored_objects");
            foreach (var o in result.Diagnostics.ErroredObjects)
            {
                j.WriteStartObject();
                j.WriteNumber("norad_id", o.Object.CatalogNumber);
                j.WriteString("name", o.Object.Name);
                j.WriteNumber("sgp4_error", o.ErrorCode);
                j.WriteNumber("seconds_from_start", o.SecondsFromStart);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("co_located_pairs");
            foreach (var p in result.Diagnostics.CoLocatedPairs)
            {
                j.WriteStartArray();
                j.WriteNumberValue(p.A.CatalogNumber);
                j.WriteNumberValue(p.B.CatalogNumber);
                j.WriteEndArray();
            }
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteEndObject();
        }
        target.Write(Encoding.UTF8.GetString(stream.ToArray()));
        target.WriteLine();
    }

    private static int WriteCdms(string dir, ScreeningResult result, PcResult[] pcs, Conjunction[] conjunctions, ConjunctionCdm.ScreeningContext context,
                                 TimeScales scales, TimeProvider clock)
    {
        Directory.CreateDirectory(dir);
        var frames = new FrameTree(scales);
        var now = Instant.Now(clock, scales);
        for (var i = 0; i < result.Events.Count; i++)
        {
            var cdm = ConjunctionCdm.Build(result.Events[i], pcs[i], context, frames, now, conjunctions[i]);
            File.WriteAllText(Path.Combine(dir, cdm.MessageId + ".cdm"), CdmWriter.WriteKvn(cdm), new UTF8Encoding(false));
        }
        return result.Events.Count;
    }

    private static void WriteSummaryLine(CliIo io, ScreeningResult result)
    {
        var s = result.Statistics;
        io.Message(string.Create(CultureInfo.InvariantCulture,
            $"screened {s.Objects} objects: {s.Events} events, {result.Diagnostics.ErroredObjects.Count} objects left out (SGP4 errors), " +
            $"{result.Diagnostics.CoLocatedPairs.Count} co-located pairs; {s.TotalTime.TotalSeconds:F1} s"));
    }

    private static void WriteSummary(IAnsiConsole console, ScreeningResult result, PcResult[] pcs, TimeScales scales)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = result.Statistics;
        var stages = new Table().Border(TableBorder.Rounded).Title("Stages");
        stages.AddColumn("stage");
        stages.AddColumn(new TableColumn("time_s").RightAligned());
        stages.AddColumn(new TableColumn("count").RightAligned());
        stages.AddRow("orbit filter", s.OrbitFilterTime.TotalSeconds.ToString("F2", inv), $"{s.PairsAfterOrbitFilter.ToString("N0", inv)} of {s.PairsConsidered.ToString("N0", inv)} pairs");
        stages.AddRow("propagation", s.PropagationTime.TotalSeconds.ToString("F2", inv), $"{s.ObjectsPropagated.ToString("N0", inv)} objects");
        stages.AddRow("broad phase", s.BroadPhaseTime.TotalSeconds.ToString("F2", inv), $"{s.ChordCandidates.ToString("N0", inv)} candidates");
        stages.AddRow("refinement", s.RefinementTime.TotalSeconds.ToString("F2", inv), $"{s.Events.ToString("N0", inv)} events");
        stages.AddRow("[bold]total[/]", s.TotalTime.TotalSeconds.ToString("F2", inv), "");
        console.Write(stages);

        var closest = new Table().Border(TableBorder.Rounded).Title("20 closest approaches");
        foreach (var c in new[] { "tca_utc", "norad_a", "name_a", "norad_b", "name_b", "miss_km", "rel_speed_kms", "pc" })
            closest.AddColumn(new TableColumn(c));
        foreach (var i in Enumerable.Range(0, result.Events.Count).OrderBy(i => result.Events[i].MissKm).Take(20))
        {
            var e = result.Events[i];
            var (a, b) = e.Primary.CatalogNumber < e.Secondary.CatalogNumber ? (e.Primary, e.Secondary) : (e.Secondary, e.Primary);
            closest.AddRow(Tca(e, scales), a.CatalogNumber.ToString(inv), Markup.Escape(a.Name ?? ""),
                b.CatalogNumber.ToString(inv), Markup.Escape(b.Name ?? ""), e.MissKm.ToString("F3", inv),
                e.RelativeSpeedKmS.ToString("F3", inv), pcs[i].Pc.ToString("G3", inv));
        }
        console.Write(closest);
        console.MarkupLine(string.Create(inv,
            $"{s.Events:N0} events; {result.Diagnostics.ErroredObjects.Count} objects left out for SGP4 errors; " +
            $"{result.Diagnostics.CoLocatedPairs.Count} co-located pairs (identical element sets) not reported; Pc uses default covariances except where --oem gives covariance blocks."));
    }
}
