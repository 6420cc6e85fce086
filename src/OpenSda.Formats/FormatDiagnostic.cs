using System.Text;

namespace OpenSda.Formats;

/// <summary>How serious a <see cref="FormatDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The record was loaded, but something in it is suspect (for example a bad TLE checksum).</summary>
    Warning,

    /// <summary>The record (or the whole input, when <see cref="FormatDiagnostic.Line"/> is 0) was rejected.</summary>
    Error,
}

/// <summary>
/// One finding of a reader about its input: where (source, line), which field, and what was
/// expected. Readers never throw for bad records; they return these instead, so one bad record in a
/// bulk feed does not stop a load.
/// </summary>
/// <param name="Severity">Warning (record kept) or error (record rejected).</param>
/// <param name="Source">File name, URL or other label of the input.</param>
/// <param name="Line">1-based line number in the input; 0 when the finding concerns the whole input.</param>
/// <param name="Field">The field or keyword concerned (for example <c>ECCENTRICITY</c>, <c>CHECKSUM</c>, <c>LINE1</c>).</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Excerpt">
/// Optional multi-line context shown under the message: for a TLE line, the column template, the
/// offending line, and carets under the field.
/// </param>
public sealed record FormatDiagnostic(
    DiagnosticSeverity Severity,
    string Source,
    int Line,
    string Field,
    string Message,
    string? Excerpt = null)
{
    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// <c>FILE:LINE: FIELD: message</c> (a compiler-style location clickable in editors), followed by
    /// the excerpt lines, each indented by two spaces, when there is one.
    /// </summary>
    public override string ToString()
    {
        var head = Line > 0
            ? $"{Source}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Field}: {Message}"
            : $"{Source}: {Field}: {Message}";
        if (Excerpt is null)
            return head;
        var sb = new StringBuilder(head);
        foreach (var line in Excerpt.Split('\n'))
            sb.Append('\n').Append("  ").Append(line);
        return sb.ToString();
    }
}
