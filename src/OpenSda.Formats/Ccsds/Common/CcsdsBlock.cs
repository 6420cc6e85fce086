using System.Globalization;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>
/// One <c>KEYWORD = value [units]</c> of a CCSDS message, with the 1-based line (KVN) or element
/// line (XML) it came from. Equality ignores <see cref="Line"/>, so content read from different
/// encodings or files compares equal.
/// </summary>
/// <param name="Keyword">The keyword (XML element name).</param>
/// <param name="Value">The value text, trimmed, as written.</param>
/// <param name="Units">The units given with the value (<c>[km]</c> in KVN, <c>units="km"</c> in XML), or null.</param>
/// <param name="Line">Source line; 0 when built in memory.</param>
public sealed record CcsdsKeyValue(string Keyword, string Value, string? Units = null, int Line = 0)
{
    /// <inheritdoc/>
    public bool Equals(CcsdsKeyValue? other) =>
        other is not null && Keyword == other.Keyword && Value == other.Value && Units == other.Units;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Keyword, Value, Units);

    /// <summary><c>KEYWORD = value [units]</c>.</summary>
    public override string ToString() => Units is null ? $"{Keyword} = {Value}" : $"{Keyword} = {Value} [{Units}]";
}

/// <summary>
/// An ordered, immutable set of keyword values with comments: one logical block of a message (a
/// header, a metadata block, a CDM object's parameters). Messages keep every keyword they read here,
/// including draft-standard and <c>USER_DEFINED_*</c> ones, so writers reproduce the content; the
/// typed views of each message are computed from these blocks.
/// </summary>
public sealed class CcsdsBlock
{
    private readonly Dictionary<string, CcsdsKeyValue> _byKey;

    /// <summary>A block of <paramref name="fields"/> (keywords unique) and <paramref name="comments"/>.</summary>
    public CcsdsBlock(IEnumerable<CcsdsKeyValue> fields, IEnumerable<string>? comments = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = [.. fields];
        Comments = comments is null ? [] : [.. comments];
        _byKey = new Dictionary<string, CcsdsKeyValue>(StringComparer.Ordinal);
        foreach (var f in Fields)
            if (!_byKey.TryAdd(f.Keyword, f))
                throw new ArgumentException($"keyword {f.Keyword} given twice", nameof(fields));
    }

    /// <summary>An empty block.</summary>
    public static CcsdsBlock Empty { get; } = new([]);

    /// <summary>The keyword values, in order.</summary>
    public IReadOnlyList<CcsdsKeyValue> Fields { get; }

    /// <summary>The <c>COMMENT</c> lines of the block, in order.</summary>
    public IReadOnlyList<string> Comments { get; }

    /// <summary>The keyword value, or null when absent.</summary>
    public CcsdsKeyValue? this[string keyword] => _byKey.GetValueOrDefault(keyword);

    /// <summary>True when the keyword is present (with any value).</summary>
    public bool Has(string keyword) => _byKey.ContainsKey(keyword);

    /// <summary>The value text, or null when absent or empty.</summary>
    public string? Text(string keyword) => _byKey.TryGetValue(keyword, out var f) && f.Value.Length > 0 ? f.Value : null;

    /// <summary>The value as a number (NaN allowed), or null when absent, empty or not a number.</summary>
    public double? Number(string keyword) =>
        Text(keyword) is { } s && CcsdsValues.TryNumber(s, out var v) ? v : null;

    /// <summary>The value as an integer, or null when absent, empty or not an integer.</summary>
    public int? Integer(string keyword) =>
        Text(keyword) is { } s && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The value as an epoch, or null when absent, empty or not an epoch.</summary>
    public CcsdsEpoch? Epoch(string keyword) =>
        Text(keyword) is { } s && CcsdsEpoch.TryParse(s, out var e) ? e : null;

    /// <summary>Line of the keyword, or 0.</summary>
    public int Line(string keyword) => _byKey.TryGetValue(keyword, out var f) ? f.Line : 0;

    /// <summary>True when both blocks hold the same keywords, values, units and comments in the same order.</summary>
    public bool ContentEquals(CcsdsBlock? other) =>
        other is not null && Fields.SequenceEqual(other.Fields) && Comments.SequenceEqual(other.Comments);
}

/// <summary>Value conversions shared by the CCSDS readers and writers.</summary>
public static class CcsdsValues
{
    /// <summary>
    /// Parses a CCSDS real (invariant culture, exponent allowed, a leading dot allowed). <c>NaN</c>
    /// is accepted because CARA's CDMs write it for unknown optional values.
    /// </summary>
    public static bool TryNumber(ReadOnlySpan<char> s, out double value)
    {
        s = s.Trim();
        if (s.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            return true;
        value = 0;
        return false;
    }

    /// <summary>Shortest text that reads back to the same double ("R" round-trip format).</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// True when the units a message gives are those the standard prescribes, after normalising
    /// spelling: case, blanks, <c>^</c> for <c>**</c>, <c>sec</c> for <c>s</c>. Empty or absent given
    /// units always agree (units are optional in CCSDS messages).
    /// </summary>
    public static bool UnitsAgree(string? given, string? expected)
    {
        if (string.IsNullOrWhiteSpace(given))
            return true;
        if (expected is null)
            return given.Trim().Equals("n/a", StringComparison.OrdinalIgnoreCase);
        return Normalize(given) == Normalize(expected);
    }

    private static string Normalize(string u) =>
        u.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("^", "**", StringComparison.Ordinal)
         .Replace("sec", "s", StringComparison.Ordinal);
}
