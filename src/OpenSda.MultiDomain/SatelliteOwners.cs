using System.Globalization;
using System.IO.Compression;
using System.Text;
using OpenSda.Orbits;

namespace OpenSda.MultiDomain;

/// <summary>
/// One rule of the owner table: a catalog number or a name pattern, the owner code (CelesTrak SATCAT "Source or
/// Ownership", e.g. US, CIS, PRC, ESA) and an optional operator.
/// </summary>
public sealed record OwnerRule(int? CatalogNumber, string? NamePattern, string Owner, string? Operator, string? Note, string Source, int Line);

/// <summary>
/// The editable satellite owner table, <c>data/satellite-owners.csv</c>: one rule per line <c>match,owner,operator,note</c>,
/// where <c>match</c> is a catalog number or a case-insensitive name pattern with <c>*</c> and <c>?</c>. Catalog-number
/// rows win over patterns; otherwise the first matching pattern gives the owner. Lines starting with <c>#</c> are
/// comments. A CelesTrak SATCAT CSV (see <see cref="SatcatReader"/>) can be read as a table of catalog-number rows and
/// laid over the bundled table with <see cref="Overlay"/>, so that the authoritative attribution wins and the patterns
/// only fill objects the SATCAT lacks. Bad lines are reported in <see cref="Diagnostics"/>, not thrown.
/// </summary>
/// <remarks>
/// Owner codes are those of CelesTrak's SATCAT (format: https://celestrak.org/satcat/satcat-format.php, column
/// "Source or Ownership"; codes: https://celestrak.org/satcat/sources.php). The bundled patterns are a curated
/// heuristic from constellation and national series names; the SATCAT is the authority.
/// </remarks>
public sealed class SatelliteOwnerTable
{
    /// <summary>File name of the bundled table, under <c>data/</c> beside the assemblies.</summary>
    public const string BundledFileName = "satellite-owners.csv";

    private readonly RuleIndex<OwnerRule> _index;

    private SatelliteOwnerTable(string source, List<OwnerRule> rules, List<TagTableDiagnostic> diagnostics)
    {
        Source = source;
        Rules = rules;
        Diagnostics = diagnostics;
        _index = new RuleIndex<OwnerRule>(rules, r => r.CatalogNumber, r => r.NamePattern);
    }

    /// <summary>Absolute path of the bundled table.</summary>
    public static string BundledPath => Path.Combine(AppContext.BaseDirectory, "data", BundledFileName);

    /// <summary>Where the table was read from.</summary>
    public string Source { get; }

    /// <summary>The rules in precedence order (for an overlay: the authoritative table's first).</summary>
    public IReadOnlyList<OwnerRule> Rules { get; }

    /// <summary>Lines that could not be read.</summary>
    public IReadOnlyList<TagTableDiagnostic> Diagnostics { get; }

    /// <summary>Every owner code the table can give, upper case.</summary>
    public IReadOnlyCollection<string> Owners => Rules.Select(r => r.Owner).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Reads a table file: an owner table (<c>match,owner,operator,note</c>) or, recognised by a header naming
    /// <c>NORAD_CAT_ID</c>, a SATCAT CSV. Gzip-compressed files (<c>.gz</c>) are accepted.
    /// </summary>
    public static SatelliteOwnerTable Load(string path)
    {
        var text = ReadText(path);
        return SatcatReader.LooksLikeSatcat(text) ? FromSatcat(SatcatReader.Parse(text, path)) : Parse(text, path);
    }

    /// <summary>Reads the bundled table.</summary>
    public static SatelliteOwnerTable LoadBundled() => Load(BundledPath);

    /// <summary>Parses owner-table text.</summary>
    public static SatelliteOwnerTable Parse(string text, string source)
    {
        var rules = new List<OwnerRule>();
        var diagnostics = new List<TagTableDiagnostic>();
        RuleFile.Read(text, source, 4, "expected 'match,owner[,operator[,note]]'", diagnostics, (lineNo, parts) =>
        {
            var match = parts[0].Trim();
            var owner = parts[1].Trim().ToUpperInvariant();
            var op = parts.Length > 2 && parts[2].Trim().Length > 0 ? parts[2].Trim() : null;
            var note = parts.Length > 3 && parts[3].Trim().Length > 0 ? parts[3].Trim() : null;
            if (int.TryParse(match, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                rules.Add(new OwnerRule(id, null, owner, op, note, source, lineNo));
            else
                rules.Add(new OwnerRule(null, match, owner, op, note, source, lineNo));
        });
        return new SatelliteOwnerTable(source, rules, diagnostics);
    }

    /// <summary>A table of catalog-number rows from a SATCAT (records without an owner are left out).</summary>
    public static SatelliteOwnerTable FromSatcat(SatcatReadResult satcat)
    {
        ArgumentNullException.ThrowIfNull(satcat);
        var rules = satcat.Records.Where(r => r.Owner.Length > 0)
                          .Select(r => new OwnerRule(r.CatalogNumber, null, r.Owner.ToUpperInvariant(), null, r.Name, satcat.Source, r.Line))
                          .ToList();
        return new SatelliteOwnerTable(satcat.Source, rules, [.. satcat.Diagnostics]);
    }

    /// <summary>
    /// This table with <paramref name="authoritative"/> laid over it: its catalog-number rows win over this table's,
    /// and its patterns are tried before this table's patterns.
    /// </summary>
    public SatelliteOwnerTable Overlay(SatelliteOwnerTable authoritative)
    {
        ArgumentNullException.ThrowIfNull(authoritative);
        return new SatelliteOwnerTable(authoritative.Source + " over " + Source, [.. authoritative.Rules, .. Rules],
                                       [.. authoritative.Diagnostics, .. Diagnostics]);
    }

    /// <summary>The rule that gives an object's owner, or null when none applies.</summary>
    public OwnerRule? RuleFor(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return _index.Find(elements);
    }

    /// <summary>The owner code of an object, or null when the table does not know it.</summary>
    public string? OwnerOf(MeanElements elements) => RuleFor(elements)?.Owner;

    /// <summary>The objects owned by any of <paramref name="owners"/> (codes, case-insensitive).</summary>
    public IEnumerable<MeanElements> Select(IEnumerable<MeanElements> catalog, IEnumerable<string> owners)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var set = new HashSet<string>(owners.Select(o => o.Trim()), StringComparer.OrdinalIgnoreCase);
        return catalog.Where(e => OwnerOf(e) is { } o && set.Contains(o));
    }

    internal static string ReadText(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>One record of a SATCAT: catalog number, names, type, status, owner and dates.</summary>
/// <param name="CatalogNumber">NORAD catalog number.</param>
/// <param name="Name">OBJECT_NAME (Space-Track: SATNAME).</param>
/// <param name="InternationalDesignator">OBJECT_ID (Space-Track: INTLDES), e.g. 1998-067A.</param>
/// <param name="ObjectType">OBJECT_TYPE: CelesTrak PAY, R/B, DEB, UNK (Space-Track: PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN).</param>
/// <param name="OperationalStatus">OPS_STATUS_CODE (+ operational, - non-operational, P partially, B backup, S spare, X extended, D decayed, ? unknown), empty if absent.</param>
/// <param name="Owner">OWNER (Space-Track: COUNTRY): the source/ownership code.</param>
/// <param name="LaunchDate">LAUNCH_DATE (Space-Track: LAUNCH), or null.</param>
/// <param name="DecayDate">DECAY_DATE (Space-Track: DECAY), or null when on orbit.</param>
/// <param name="Line">Line in the file.</param>
public sealed record SatcatRecord(int CatalogNumber, string Name, string InternationalDesignator, string ObjectType, string OperationalStatus,
                                  string Owner, DateOnly? LaunchDate, DateOnly? DecayDate, int Line);

/// <summary>The records of a SATCAT file and the lines that could not be read.</summary>
public sealed record SatcatReadResult(string Source, IReadOnlyList<SatcatRecord> Records, IReadOnlyList<TagTableDiagnostic> Diagnostics);

/// <summary>
/// Reader of CelesTrak's SATCAT CSV (https://celestrak.org/pub/satcat.csv; columns OBJECT_NAME, OBJECT_ID, NORAD_CAT_ID,
/// OBJECT_TYPE, OPS_STATUS_CODE, OWNER, LAUNCH_DATE, LAUNCH_SITE, DECAY_DATE, PERIOD, INCLINATION, APOGEE, PERIGEE, RCS,
/// DATA_STATUS_CODE, ORBIT_CENTER, ORBIT_TYPE; field meanings as the fixed-width format,
/// https://celestrak.org/satcat/satcat-format.php). Columns are found by header name in any order; Space-Track's SATCAT
/// names (SATNAME, INTLDES, COUNTRY, LAUNCH, DECAY) are accepted too. Fields may be quoted (RFC 4180). A row without a
/// valid catalog number is reported with its line and skipped.
/// </summary>
public static class SatcatReader
{
    /// <summary>True when the first non-empty line is a header naming NORAD_CAT_ID.</summary>
    public static bool LooksLikeSatcat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n', 20))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            return SplitCsv(line).Any(f => f.Trim().Equals("NORAD_CAT_ID", StringComparison.OrdinalIgnoreCase));
        }
        return false;
    }

    /// <summary>Reads a SATCAT CSV file (gzip allowed).</summary>
    public static SatcatReadResult Load(string path) => Parse(SatelliteOwnerTable.ReadText(path), path);

    /// <summary>Parses SATCAT CSV text.</summary>
    public static SatcatReadResult Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<SatcatRecord>();
        var diagnostics = new List<TagTableDiagnostic>();
        Dictionary<string, int>? columns = null;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var fields = SplitCsv(line);
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < fields.Count; i++) columns.TryAdd(fields[i].Trim(), i);
                if (!columns.ContainsKey("NORAD_CAT_ID"))
                {
                    diagnostics.Add(new TagTableDiagnostic(source, lineNo, "header: no NORAD_CAT_ID column"));
                    return new SatcatReadResult(source, records, diagnostics);
                }
                continue;
            }
            string Field(params string[] names)
            {
                foreach (var n in names)
                {
                    if (columns.TryGetValue(n, out var k) && k < fields.Count) return fields[k].Trim();
                }
                return "";
            }
            var idText = Field("NORAD_CAT_ID");
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                diagnostics.Add(new TagTableDiagnostic(source, lineNo, $"NORAD_CAT_ID: '{idText}' is not a catalog number"));
                continue;
            }
            DateOnly? Date(string name, params string[] alt)
            {
                var s = Field([name, .. alt]);
                if (s.Length == 0) return null;
                if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                diagnostics.Add(new TagTableDiagnostic(source, lineNo, $"{name}: '{s}' is not a date yyyy-mm-dd"));
                return null;
            }
            records.Add(new SatcatRecord(id, Field("OBJECT_NAME", "SATNAME"), Field("OBJECT_ID", "INTLDES"), Field("OBJECT_TYPE"),
                                         Field("OPS_STATUS_CODE"), Field("OWNER", "COUNTRY"), Date("LAUNCH_DATE", "LAUNCH"),
                                         Date("DECAY_DATE", "DECAY"), lineNo));
        }
        if (columns is null) diagnostics.Add(new TagTableDiagnostic(source, 0, "empty file: no header"));
        return new SatcatReadResult(source, records, diagnostics);
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting; no line breaks inside fields).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else quoted = false;
                }
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
