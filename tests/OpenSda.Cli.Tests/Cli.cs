using OpenSda.Cli;

namespace OpenSda.Cli.Tests;

/// <summary>Runs <c>opensda</c> in-process with captured stdout and stderr.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                                             .Select(l => l.TrimEnd('\r')).ToArray();
    }

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = OpenSdaCommand.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
