using System.Text.RegularExpressions;
using OpenSda.Orbits;

namespace OpenSda.MultiDomain;

/// <summary>Case-insensitive name patterns with <c>*</c> (any run) and <c>?</c> (one character).</summary>
internal static class NamePatterns
{
    public static Regex ToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

/// <summary>
/// The lookup of the editable satellite tables (types, owners): rules keyed by a catalog number or a name pattern;
/// catalog-number rules win (the first one for a number), otherwise the first pattern, in rule order, that matches
/// the trimmed name.
/// </summary>
internal sealed class RuleIndex<TRule> where TRule : class
{
    private readonly Dictionary<int, TRule> _byNumber = [];
    private readonly List<(Regex Pattern, TRule Rule)> _patterns = [];

    public RuleIndex(IEnumerable<TRule> rules, Func<TRule, int?> catalogNumber, Func<TRule, string?> namePattern)
    {
        foreach (var r in rules)
        {
            if (catalogNumber(r) is { } n) _byNumber.TryAdd(n, r);
            else if (namePattern(r) is { } p) _patterns.Add((NamePatterns.ToRegex(p), r));
        }
    }

    /// <summary>The rule that applies to an object, or null.</summary>
    public TRule? Find(MeanElements elements)
    {
        if (_byNumber.TryGetValue(elements.CatalogNumber, out var byId)) return byId;
        if (elements.Name is not { } name) return null;
        var trimmed = name.Trim();
        foreach (var (pattern, rule) in _patterns)
        {
            if (pattern.IsMatch(trimmed)) return rule;
        }
        return null;
    }
}

/// <summary>The line format shared by the editable satellite tables: comma-separated, <c>#</c> comments, blank lines skipped.</summary>
internal static class RuleFile
{
    /// <summary>
    /// Calls <paramref name="row"/> with the line number and at most <paramref name="maxFields"/> fields of each rule
    /// line whose first two fields are not empty; reports the other lines to <paramref name="diagnostics"/> with
    /// <paramref name="usage"/>.
    /// </summary>
    public static void Read(string text, string source, int maxFields, string usage, List<TagTableDiagnostic> diagnostics, Action<int, string[]> row)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(',', maxFields);
            if (parts.Length < 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            {
                diagnostics.Add(new TagTableDiagnostic(source, lineNo, usage));
                continue;
            }
            row(lineNo, parts);
        }
    }
}
