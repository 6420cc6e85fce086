namespace OpenSda.Cli.Infrastructure;

/// <summary>Process exit codes of <c>opensda</c>; documented in every command's help.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal failure (a bug): the message is on stderr.</summary>
    public const int InternalError = 1;

    /// <summary>The command line was wrong: unknown option, bad value, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>The input had rejected records, or could not be read.</summary>
    public const int BadInput = 3;
}
