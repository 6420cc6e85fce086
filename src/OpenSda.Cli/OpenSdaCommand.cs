using System.CommandLine;
using OpenSda.Cli.Commands;
using OpenSda.Cli.Infrastructure;

namespace OpenSda.Cli;

/// <summary>The root of the <c>opensda</c> command tree.</summary>
public static class OpenSdaCommand
{
    /// <summary>Builds the whole command tree.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "OpenSDA: open space domain awareness — catalog ingest, SGP4/SDP4 propagation and screening.\n" +
            "Data goes to stdout, messages to stderr. Exit codes: 0 ok, 2 usage error, 3 bad or rejected input.");
        root.Subcommands.Add(CatalogCommand.Create());
        root.Subcommands.Add(PropagateCommand.Create());
        root.Subcommands.Add(ScreenCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CcsdsCommand.Create());
        root.Subcommands.Add(PcCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(PassesCommand.Create());
        root.Subcommands.Add(OverflightCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        root.Subcommands.Add(ManeuversCommand.Create());
        root.Subcommands.Add(DecayCommand.Create());
        return root;
    }

    /// <summary>Runs <c>opensda</c> with the process's console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs <c>opensda</c> writing to the given streams (tests use this).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = Build().Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
                stderr.WriteLine("opensda: " + error.Message);
            foreach (var token in parse.UnmatchedTokens)
                stderr.WriteLine("opensda: not understood: " + token);
            stderr.WriteLine("Try 'opensda " + string.Join(' ', CommandPath(parse)) + " --help'.");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(config);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("opensda: " + ex.Message);
            return ExitCodes.BadInput;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var r = parse.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
            names.Push(r.Command.Name);
        return names;
    }
}
