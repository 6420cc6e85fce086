using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenSda.Cli.Infrastructure;
using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Frames;
using OpenSda.Screening.Probability;
using OpenSda.Time;

namespace OpenSda.Cli.Commands;

/// <summary><c>opensda pc CDM_FILE... [--hbr-m R] [--format csv|json] [--method NAME]</c>: collision probability from CDMs.</summary>
internal static class PcCommand
{
    /// <summary>The five methods of the CLI contract; nc2d (Hall's 2-D Nc) is available with --method.</summary>
    private static readonly string[] DefaultMethods =
        [PcMethodNames.Pc2D, PcMethodNames.Chan, PcMethodNames.Max, PcMethodNames.MonteCarlo, PcMethodNames.Nc3D];

    public static Command Create()
    {
        var files = new Argument<string[]>("CDM_FILE") { Description = "Conjunction Data Messages (KVN or XML).", Arity = ArgumentArity.OneOrMore };
        var hbr = new Option<double?>("--hbr-m") { Description = "Combined hard-body radius in metres, used when a CDM carries none (CDM 2.0 HBR, COMMENT HBR, or Space-Track exclusion volume radii)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "json");
        var method = new Option<string[]>("--method")
        {
            Description = "Methods to run (repeatable): pc2d, chan, max, mc, nc3d. Default: all five.",
            AllowMultipleArgumentsPerToken = true,
        }.AcceptOnlyFromAmong([.. PcMethodNames.All]);
        var command = new Command("pc",
            "Probability of collision for each CDM, by each method: pc2d (Foster 1992 exact circle integral, CARA conventions),\n" +
            "chan (Chan 1997 series), max (Alfano 2005 maximum Pc), mc (Monte Carlo with 95% interval), nc3d (Hall 2021 3-D Nc).\n" +
            "CSV columns: file,method,pc,notes. Exit code 3 when a CDM is invalid or a method fails, 2 when no HBR is known.")
        { files, hbr, format, method };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var scales = TimeScales.LoadBundled();
            var frames = new FrameTree(scales);
            var methods = parse.GetValue(method) is { Length: > 0 } m ? m : DefaultMethods;
            var rows = new List<Row>();
            var exit = ExitCodes.Ok;
            foreach (var path in parse.GetValue(files) ?? [])
            {
                string text;
                try { text = File.ReadAllText(path); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    io.Err.WriteLine($"{path}: FILE: cannot read: {ex.Message}");
                    exit = ExitCodes.BadInput;
                    continue;
                }
                var read = CdmReader.Read(text, path);
                foreach (var d in read.Diagnostics.Where(d => d.IsError))
                    io.Err.WriteLine(d.ToString());
                if (read.Message is not { } cdm)
                {
                    exit = ExitCodes.BadInput;
                    continue;
                }
                double hbrM;
                string hbrNote;
                if (cdm.HardBodyRadius is { } h)
                {
                    hbrM = h.RadiusM;
                    hbrNote = $"HBR {Num(hbrM)} m from CDM ({h.Source switch { CdmHbrSource.Keyword => "HBR keyword", CdmHbrSource.Comment => "COMMENT HBR", _ => "exclusion volume radii" }})";
                }
                else if (parse.GetValue(hbr) is { } given)
                {
                    hbrM = given;
                    hbrNote = $"HBR {Num(hbrM)} m from --hbr-m";
                }
                else
                {
                    io.Error($"{path}: HBR: the CDM carries no hard-body radius; give --hbr-m");
                    exit = Math.Max(exit, ExitCodes.Usage);
                    continue;
                }
                if (!TryConjunction(cdm, hbrM, scales, frames, out var conjunction, out var error))
                {
                    io.Err.WriteLine($"{path}: {error}");
                    exit = ExitCodes.BadInput;
                    continue;
                }
                foreach (var name in methods)
                {
                    try
                    {
                        var r = CollisionProbability.Compute(conjunction!, name);
                        var notes = new List<string> { hbrNote };
                        if (r.Lower95 is { } lo && r.Upper95 is { } hi)
                            notes.Add($"95% CI [{Num(lo)}, {Num(hi)}]" + (r.Samples is { } n ? $" from {n} samples" : ""));
                        if (r.Flags != PcUsageFlags.None)
                            notes.Add("flags: " + r.Flags);
                        notes.AddRange(r.Notes);
                        rows.Add(new Row(path, name, r.Pc, string.Join("; ", notes), hbrM, r.Flags.ToString(), r.Lower95, r.Upper95));
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
                    {
                        io.Err.WriteLine($"{path}: {name}: {ex.Message}");
                        rows.Add(new Row(path, name, double.NaN, "error: " + ex.Message, hbrM, "", null, null));
                        exit = ExitCodes.BadInput;
                    }
                }
            }
            if (parse.GetValue(format) == "json")
                WriteJson(io.Out, rows);
            else
            {
                io.Out.WriteLine("file,method,pc,notes");
                foreach (var r in rows)
                    io.Out.WriteLine($"{Csv(r.File)},{r.Method},{Num(r.Pc)},{Csv(r.Notes)}");
            }
            return exit;
        });
        return command;
    }

    private sealed record Row(string File, string Method, double Pc, string Notes, double HbrM, string Flags, double? Lower95, double? Upper95);

    /// <summary>Both objects' EME2000/GCRF states at TCA and RTN covariances (m-based), as CARA uses them.</summary>
    private static bool TryConjunction(CdmMessage cdm, double hbrM, TimeScales scales, FrameTree frames, out Conjunction? conjunction, out string? error)
    {
        conjunction = null;
        var tca = cdm.Relative.TcaInstant(scales);
        var objects = new List<ConjunctionObject>();
        foreach (var o in (CdmObject[])[cdm.Object1, cdm.Object2])
        {
            if (!o.TryGetState(frames, frames.Gcrf, tca, out var state, out error))
                return false;
            var cov = o.CovarianceRtn is { } c ? StateCovariance.FromMeters(c.ToMatrix6(), CovarianceFrame.Rtn) : null;
            objects.Add(new ConjunctionObject(state, cov));
        }
        error = null;
        conjunction = new Conjunction(objects[0], objects[1], hbrM);
        return true;
    }

    private static void WriteJson(TextWriter w, List<Row> rows)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartArray();
            foreach (var r in rows)
            {
                j.WriteStartObject();
                j.WriteString("file", r.File);
                j.WriteString("method", r.Method);
                if (double.IsFinite(r.Pc)) j.WriteNumber("pc", r.Pc); else j.WriteNull("pc");
                j.WriteNumber("hbr_m", r.HbrM);
                j.WriteString("flags", r.Flags);
                if (r.Lower95 is { } lo) j.WriteNumber("ci95_low", lo);
                if (r.Upper95 is { } hi) j.WriteNumber("ci95_high", hi);
                j.WriteString("notes", r.Notes);
                j.WriteEndObject();
            }
            j.WriteEndArray();
        }
        w.WriteLine(Encoding.UTF8.GetString(ms.ToArray()));
    }

    private static string Num(double v) => double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
