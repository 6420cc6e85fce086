using System.Globalization;
using OpenSda.Orbits;

namespace OpenSda.MultiDomain;

/// <summary>One rule of the type table: a catalog number or a name pattern, and the tag it gives.</summary>
public sealed record TagRule(int? CatalogNumber, string? NamePattern, string Tag, string? Note, int Line);

/// <summary>A problem in the type table, with its file and line.</summary>
public sealed record TagTableDiagnostic(string Source, int Line, string Message)
{
    public override string ToString() => $"{Source}:{Line.ToString(CultureInfo.InvariantCulture)}: {Message}";
}

/// <summary>
/// The editable satellite "type" table (imaging, SAR, SIGINT, …): <c>data/satellite-types.csv</c>, one rule per line
/// <c>match,tag,note</c>, where <c>match</c> is a catalog number or a case-insensitive name pattern with <c>*</c> and
/// <c>?</c>. Catalog-number rules win; otherwise the first matching pattern gives the tag; the tag <c>none</c> means no
/// tag (to exclude debris and rocket bodies). Lines starting with <c>#</c> are comments. Bad lines are reported, not thrown.
/// </summary>
public sealed class SatelliteTagTable
{
    /// <summary>File name of the bundled table, under <c>data/</c> beside the assemblies.</summary>
    public const string BundledFileName = "satellite-types.csv";

    private readonly RuleIndex<TagRule> _index;

    private SatelliteTagTable(string source, List<TagRule> rules, List<TagTableDiagnostic> diagnostics)
    {
        Source = source;
        Rules = rules;
        Diagnostics = diagnostics;
        _index = new RuleIndex<TagRule>(rules, r => r.CatalogNumber, r => r.NamePattern);
    }

    /// <summary>Absolute path of the bundled table.</summary>
    public static string BundledPath => Path.Combine(AppContext.BaseDirectory, "data", BundledFileName);

    /// <summary>Where the table was read from.</summary>
    public string Source { get; }

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<TagRule> Rules { get; }

    /// <summary>Lines that could not be read.</summary>
    public IReadOnlyList<TagTableDiagnostic> Diagnostics { get; }

    /// <summary>Every tag the table can give.</summary>
    public IReadOnlyCollection<string> Tags => Rules.Select(r => r.Tag).Where(t => t != "none").Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Reads a table file.</summary>
    public static SatelliteTagTable Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads the bundled table.</summary>
    public static SatelliteTagTable LoadBundled() => Load(BundledPath);

    /// <summary>Parses table text.</summary>
    public static SatelliteTagTable Parse(string text, string source)
    {
        var rules = new List<TagRule>();
        var diagnostics = new List<TagTableDiagnostic>();
        RuleFile.Read(text, source, 3, "expected 'match,tag[,note]'", diagnostics, (lineNo, parts) =>
        {
            var match = parts[0].Trim();
            var tag = parts[1].Trim().ToLowerInvariant();
            var note = parts.Length > 2 ? parts[2].Trim() : null;
            if (int.TryParse(match, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                rules.Add(new TagRule(id, null, tag, note, lineNo));
            else
                rules.Add(new TagRule(null, match, tag, note, lineNo));
        });
        return new SatelliteTagTable(source, rules, diagnostics);
    }

    /// <summary>The tag of an object, or null.</summary>
    public string? TagOf(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return _index.Find(elements) is { } rule && rule.Tag != "none" ? rule.Tag : null;
    }

    /// <summary>The objects carrying <paramref name="tag"/>.</summary>
    public IEnumerable<MeanElements> Select(IEnumerable<MeanElements> catalog, string tag) =>
        catalog.Where(e => string.Equals(TagOf(e), tag, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Selecting satellites by catalog number, name pattern or type tag.</summary>
public static class SatelliteSelection
{
    /// <summary>
    /// Parses a comma-separated list of catalog numbers (ranges "a-b" allowed); returns false with a message on a bad item.
    /// </summary>
    public static bool TryParseIds(string text, out HashSet<int> ids, out string? error)
    {
        ids = [];
        error = null;
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = item.IndexOf('-', 1);
            if (dash > 0 && int.TryParse(item[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && int.TryParse(item[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b >= a && b - a < 1_000_000)
            {
                for (var k = a; k <= b; k++) ids.Add(k);
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
            else
            {
                error = $"'{item}' is not a catalog number or range";
                return false;
            }
        }
        if (ids.Count == 0) { error = "no catalog numbers given"; return false; }
        return true;
    }

    /// <summary>Objects whose name matches a case-insensitive pattern with * and ?.</summary>
    public static IEnumerable<MeanElements> ByNamePattern(IEnumerable<MeanElements> catalog, string pattern) =>
        catalog.Where(NamePatternPredicate(pattern));

    /// <summary>Whether an object's name matches a case-insensitive pattern with * and ? (the pattern compiled once).</summary>
    public static Func<MeanElements, bool> NamePatternPredicate(string pattern)
    {
        var re = NamePatterns.ToRegex(pattern);
        return e => e.Name is { } n && re.IsMatch(n.Trim());
    }
}
