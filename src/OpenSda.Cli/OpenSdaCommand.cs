using System.CommandLine;

namespace OpenSda.Cli;

/// <summary>The root of the <c>opensda</c> command tree.</summary>
public static class OpenSdaCommand
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("OpenSDA: open space domain awareness.");
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.AdminCommand.Create());
        return root.Parse(args).Invoke();
    }
}
