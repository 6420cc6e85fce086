namespace OpenSda.Formats.Ccsds.Common;

/// <summary>
/// Outcome of reading one CCSDS message: the message when it was read without error, and every
/// warning and error, each naming the line (KVN) or element line (XML) and the keyword. Readers
/// never throw for bad input.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed class CcsdsReadResult<T> where T : class
{
    internal CcsdsReadResult(T? message, IReadOnlyList<FormatDiagnostic> diagnostics)
    {
        Message = message;
        Diagnostics = diagnostics;
    }

    /// <summary>The message, or null when there was any error.</summary>
    public T? Message { get; }

    /// <summary>Warnings and errors in input order.</summary>
    public IReadOnlyList<FormatDiagnostic> Diagnostics { get; }

    /// <summary>True when the message was read.</summary>
    public bool Success => Message is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<FormatDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The message, or an <see cref="InvalidDataException"/> listing the errors.</summary>
    public T GetOrThrow() => Message ?? throw new InvalidDataException(string.Join(Environment.NewLine, Errors));
}

/// <summary>Size limits for CCSDS readers (hostile or runaway input).</summary>
public sealed record CcsdsReadOptions
{
    /// <summary>Defaults: 64 Mi characters, 2 million data lines.</summary>
    public static CcsdsReadOptions Default { get; } = new();

    /// <summary>Largest message accepted, in characters (KVN and XML).</summary>
    public long MaxCharacters { get; init; } = 64L << 20;

    /// <summary>Most ephemeris/observation data lines accepted in one message.</summary>
    public int MaxDataLines { get; init; } = 2_000_000;
}

/// <summary>Collects diagnostics of one read.</summary>
internal sealed class DiagnosticBag(string source)
{
    public string Source { get; } = source;
    public List<FormatDiagnostic> List { get; } = [];
    public bool HasErrors { get; private set; }

    public void Error(int line, string field, string message)
    {
        HasErrors = true;
        List.Add(new FormatDiagnostic(DiagnosticSeverity.Error, Source, line, field, message));
    }

    public void Warning(int line, string field, string message) =>
        List.Add(new FormatDiagnostic(DiagnosticSeverity.Warning, Source, line, field, message));

    public CcsdsReadResult<T> Result<T>(T? message) where T : class =>
        new(HasErrors ? null : message, List);

    /// <summary>Checks the input size; false (with an error) when it is too large.</summary>
    public bool CheckSize(string text, CcsdsReadOptions options)
    {
        if (text.Length <= options.MaxCharacters)
            return true;
        Error(0, "FILE", $"input of {text.Length} characters exceeds the limit of {options.MaxCharacters}");
        return false;
    }
}
