using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenSda.Storage;

/// <summary>
/// What an API key may do. The roles are ordered: each includes the rights of those before it.
/// <list type="bullet">
/// <item><c>viewer</c>: read what the organisation may see.</item>
/// <item><c>analyst</c>: also start screening runs and keep watch lists.</item>
/// <item><c>provider</c>: also ingest data on behalf of its organisation.</item>
/// <item><c>admin</c>: also manage the keys of its own organisation (never another's).</item>
/// </list>
/// </summary>
public enum Role
{
    Viewer = 0,
    Analyst = 1,
    Provider = 2,
    Admin = 3,
}

/// <summary>The UDL-style data mode of a record: whether it describes the real world or an exercise.</summary>
public enum DataMode
{
    Real = 0,
    Test = 1,
    Simulated = 2,
    Exercise = 3,
}

public static class EnumText
{
    public static string ToText(this Role role) => role.ToString().ToLowerInvariant();

    public static string ToText(this DataMode mode) => mode.ToString().ToUpperInvariant();

    public static bool TryParseRole(string? text, out Role role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    public static bool TryParseDataMode(string? text, out DataMode mode) =>
        Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _);
}

/// <summary>
/// A releasability marking, after the UDL's record tagging: either <c>PUBLIC</c>, or releasable to a
/// set of organisations and groups, written <c>REL TO ALLIANCE, ACME-SPACE</c>. Names are upper-case
/// and kept sorted so that equal markings have one canonical text. The originator of a record may
/// always see it, whatever its marking says.
/// </summary>
public sealed partial record Releasability
{
    public static readonly Releasability Public = new(true, ImmutableSortedSet<string>.Empty);

    private Releasability(bool isPublic, ImmutableSortedSet<string> names)
    {
        IsPublic = isPublic;
        Names = names;
    }

    public bool IsPublic { get; }

    /// <summary>Organisation and group names the record is releasable to (empty when public).</summary>
    public ImmutableSortedSet<string> Names { get; }

    public static Releasability To(IEnumerable<string> names)
    {
        var set = names.Select(NormalizeName).ToImmutableSortedSet(StringComparer.Ordinal);
        if (set.IsEmpty) throw new ArgumentException("A REL TO marking needs at least one organisation or group.", nameof(names));
        return new Releasability(false, set);
    }

    /// <summary>
    /// Parses <c>PUBLIC</c>, <c>REL TO A, B</c> or a bare list <c>A,B</c>. Returns false with a message
    /// naming the problem for an empty list or an invalid name.
    /// </summary>
    public static bool TryParse(string? text, out Releasability marking, out string error)
    {
        marking = Public;
        error = "";
        var t = (text ?? "").Trim();
        if (t.Length == 0) { error = "releasability is required: PUBLIC or 'REL TO NAME, ...'"; return false; }
        if (t.Equals("PUBLIC", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.StartsWith("REL TO", StringComparison.OrdinalIgnoreCase)) t = t[6..];
        var names = t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) { error = "REL TO lists no organisation or group"; return false; }
        foreach (var n in names)
        {
            if (!IsValidName(n)) { error = $"'{n}' is not a valid organisation or group name (letters, digits, '-', '_', '.', 1–64 characters)"; return false; }
            if (n.Equals("PUBLIC", StringComparison.OrdinalIgnoreCase)) { error = "PUBLIC cannot be combined with REL TO"; return false; }
        }
        marking = To(names);
        return true;
    }

    public static Releasability Parse(string text) =>
        TryParse(text, out var m, out var e) ? m : throw new FormatException(e);

    public static bool IsValidName(string name) => NameRegex().IsMatch(name);

    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    /// <summary>The human form: <c>PUBLIC</c> or <c>REL TO A, B</c>.</summary>
    public override string ToString() => IsPublic ? "PUBLIC" : "REL TO " + string.Join(", ", Names);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NameRegex();
}

/// <summary>The authenticated caller of the API: an API key of one organisation.</summary>
public sealed record Caller(long OrgId, string OrgName, long KeyId, Role Role, ImmutableArray<long> PrincipalIds)
{
    public bool Can(Role needed) => Role >= needed;
}

public sealed record OrganisationInfo(long Id, string Name, IReadOnlyList<string> Groups);

public sealed record ApiKeyInfo(long Id, string OrgName, string Role, string Prefix, string? Label, string CreatedAt, string? RevokedAt);

/// <summary>A newly created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record NewApiKey(long Id, string Secret, Role Role, string OrgName);

public sealed record Page<T>(long Total, int Offset, int Limit, IReadOnlyList<T> Items);

/// <summary>Paging parameters, clamped to sane bounds.</summary>
public readonly record struct Paging(int Offset, int Limit)
{
    public const int MaxLimit = 1000;

    public static Paging Of(int? offset, int? limit, int defaultLimit = 100) =>
        new(Math.Max(0, offset ?? 0), Math.Clamp(limit ?? defaultLimit, 1, MaxLimit));
}

internal static class Iso
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Now(TimeProvider clock) => Of(clock.GetUtcNow().UtcDateTime);

    public static string Of(DateTime utc) => utc.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime Parse(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
