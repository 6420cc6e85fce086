using System.CommandLine;
using OpenSda.Cli.Infrastructure;
using OpenSda.Formats;
using OpenSda.Formats.Ccsds.Common;

namespace OpenSda.Cli.Commands;

/// <summary><c>opensda ccsds validate|convert</c>: CCSDS messages (CDM, OEM, OPM, OMM, TDM; KVN, XML, GP JSON/CSV).</summary>
internal static class CcsdsCommand
{
    public static Command Create()
    {
        var command = new Command("ccsds", "Check and convert CCSDS navigation messages: CDM (508.0-B-1), OEM/OPM/OMM (502.0-B-3), TDM (503.0-B-2).");
        command.Subcommands.Add(CreateValidate());
        command.Subcommands.Add(CreateConvert());
        return command;
    }

    private static Command CreateValidate()
    {
        var files = new Argument<string[]>("FILE") { Description = "CCSDS message files (type and encoding found from the content).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate",
            "Read each file as a CCSDS message and report every problem on stderr as FILE:LINE: KEYWORD: message\n" +
            "(warnings as FILE:LINE: KEYWORD: warning: message). One summary line per file on stdout.\n" +
            "Exit code 0 when all files are valid, 3 when any is invalid or unreadable.") { files };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var allValid = true;
            foreach (var path in parse.GetValue(files) ?? [])
            {
                var doc = Load(io, path);
                if (doc is null)
                {
                    allValid = false;
                    io.Out.WriteLine($"{path}: unreadable");
                    continue;
                }
                foreach (var d in doc.Diagnostics)
                    io.Err.WriteLine(Format(d));
                var errors = doc.Diagnostics.Count(d => d.IsError);
                var what = $"{Name(doc.Type)} ({doc.Encoding.ToString().ToUpperInvariant()})";
                if (doc.IsValid)
                    io.Out.WriteLine($"{path}: valid {what}");
                else
                {
                    allValid = false;
                    io.Out.WriteLine($"{path}: invalid {what}, {errors} error{(errors == 1 ? "" : "s")}");
                }
            }
            return allValid ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    private static Command CreateConvert()
    {
        var file = new Argument<string>("FILE") { Description = "A CCSDS message file." };
        var to = new Option<string>("--to")
        {
            Description = "Target encoding. CDM and OEM: kvn or xml. OMM (KVN, XML, GP JSON or CSV in): kvn, xml or json. OPM and TDM are read-only.",
            Required = true,
        }.AcceptOnlyFromAmong("kvn", "xml", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var command = new Command("convert",
            "Convert a CCSDS message to another encoding, keyword for keyword (reading the output gives the same content).\n" +
            "Supported: CDM kvn<->xml, OEM kvn<->xml, OMM to kvn/xml/json. Exit code 3 when the input is invalid, 2 when the conversion is not supported.")
        { file, to, output };
        command.SetAction(parse =>
        {
            var io = CliIo.From(parse);
            var path = parse.GetValue(file)!;
            var doc = Load(io, path);
            if (doc is null)
                return ExitCodes.BadInput;
            foreach (var d in doc.Diagnostics)
                io.Err.WriteLine(Format(d));
            if (!doc.IsValid)
                return ExitCodes.BadInput;
            var target = parse.GetValue(to) switch { "xml" => CcsdsEncoding.Xml, "json" => CcsdsEncoding.Json, _ => CcsdsEncoding.Kvn };
            var text = doc.Convert(target, out var error);
            if (text is null)
            {
                io.Error($"{path}: cannot convert to {parse.GetValue(to)}: {error}");
                return ExitCodes.Usage;
            }
            var outPath = parse.GetValue(output);
            if (outPath is null)
                io.Out.Write(text);
            else
                File.WriteAllText(outPath, text);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CcsdsDocument? Load(CliIo io, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine($"{path}: FILE: cannot read: {ex.Message}");
            return null;
        }
        return CcsdsDocument.Read(text, path);
    }

    private static string Format(FormatDiagnostic d) =>
        d.IsError ? d.ToString() : d.ToString().Replace($": {d.Field}: ", $": {d.Field}: warning: ", StringComparison.Ordinal);

    private static string Name(CcsdsMessageType t) => t == CcsdsMessageType.Unknown ? "message" : t.ToString().ToUpperInvariant();
}
