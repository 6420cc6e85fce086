namespace OpenSda.Formats.Catalog;

/// <summary>
/// Outcome of loading a catalog: the entries that were read, every warning and error, and the
/// counts. Bad records never throw; they are counted in <see cref="RejectedCount"/> and described in
/// <see cref="Diagnostics"/>. When the input could not be read at all, <see cref="FatalError"/> says
/// why and the lists are empty.
/// </summary>
public sealed class CatalogLoadResult
{
    internal CatalogLoadResult(string source, CatalogFormat format, IReadOnlyList<CatalogEntry> entries,
        IReadOnlyList<FormatDiagnostic> diagnostics, int rejectedCount, string? fatalError)
    {
        Source = source;
        Format = format;
        Entries = entries;
        Diagnostics = diagnostics;
        RejectedCount = rejectedCount;
        FatalError = fatalError;
    }

    /// <summary>File path, URL or label of the input.</summary>
    public string Source { get; }

    /// <summary>The format detected (or given).</summary>
    public CatalogFormat Format { get; }

    /// <summary>The element sets loaded, in input order.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>Warnings (record kept) and errors (record rejected, or the whole input when <see cref="FormatDiagnostic.Line"/> is 0).</summary>
    public IReadOnlyList<FormatDiagnostic> Diagnostics { get; }

    /// <summary>Number of element sets loaded.</summary>
    public int LoadedCount => Entries.Count;

    /// <summary>Number of records rejected.</summary>
    public int RejectedCount { get; }

    /// <summary>Why the input could not be read at all (missing file, unknown format, I/O error), else null.</summary>
    public string? FatalError { get; }

    /// <summary>True when the input was read (some records may still have been rejected).</summary>
    public bool Succeeded => FatalError is null;

    /// <summary>The error diagnostics only.</summary>
    public IEnumerable<FormatDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The warning diagnostics only.</summary>
    public IEnumerable<FormatDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);

    /// <summary>A result for an input that could not be read; carries one error diagnostic at line 0.</summary>
    public static CatalogLoadResult Failed(string source, string reason, CatalogFormat format = CatalogFormat.Unknown) =>
        new(source, format, [], [new FormatDiagnostic(DiagnosticSeverity.Error, source, 0, "FILE", reason)], 0, reason);

    /// <summary><c>loaded N, rejected M</c>.</summary>
    public override string ToString() =>
        FatalError is null ? $"loaded {LoadedCount}, rejected {RejectedCount}" : $"{Source}: {FatalError}";
}

/// <summary>Accumulates entries and diagnostics during a load.</summary>
internal sealed class CatalogAccumulator(string source, CatalogFormat format, DateTimeOffset? retrievedUtc, int capacity = 0)
{
    public string Source { get; } = source;
    public CatalogFormat Format { get; } = format;
    public DateTimeOffset? RetrievedUtc { get; } = retrievedUtc;
    public List<CatalogEntry> Entries { get; } = new(capacity);
    public List<FormatDiagnostic> Diagnostics { get; } = [];
    public int Rejected { get; set; }

    public void Error(int line, string field, string message, string? excerpt = null) =>
        Diagnostics.Add(new FormatDiagnostic(DiagnosticSeverity.Error, Source, line, field, message, excerpt));

    public void Warning(int line, string field, string message, string? excerpt = null) =>
        Diagnostics.Add(new FormatDiagnostic(DiagnosticSeverity.Warning, Source, line, field, message, excerpt));

    public CatalogLoadResult ToResult() => new(Source, Format, Entries, Diagnostics, Rejected, null);
}
