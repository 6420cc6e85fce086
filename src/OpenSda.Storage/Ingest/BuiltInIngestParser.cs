using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Storage.Ingest;

/// <summary>
/// The server's own reader for upload formats: detects the format from content, then reads TLE/3LE,
/// OMM (KVN, XML, JSON incl. Space-Track's all-string form, CelesTrak GP CSV), OEM (KVN, XML),
/// TDM (KVN, XML) and CDM (KVN, XML) into records with per-record diagnostics. The CCSDS readers here
/// keep only what the store indexes (CCSDS 502.0-B-3 OEM/OMM, 503.0-B-2 TDM, 508.0-B-1 CDM keywords);
/// the file itself is the lineage. The GP formats move to <c>OpenSda.Formats</c>' catalog loader when
/// it lands; the detection and diagnostics contract stays the same.
/// </summary>
public sealed class BuiltInIngestParser : IIngestParser
{
    public static readonly BuiltInIngestParser Instance = new();

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public ParsedFile Parse(string text, string sourceName)
    {
        text = Clean(text);
        var result = new ParsedFile { Format = Detect(text) };
        if (UseFormatsLibrary && result.Format is IngestFormat.Tle or IngestFormat.OmmKvn or IngestFormat.OmmXml or IngestFormat.OmmJson or IngestFormat.OmmCsv)
        {
            ReadGpWithFormats(text, sourceName, result);
            return result;
        }
        switch (result.Format)
        {
            case IngestFormat.Tle: ReadTle(text, result); break;
            case IngestFormat.OmmCsv: ReadCsv(text, result); break;
            case IngestFormat.OmmJson: ReadJson(text, result); break;
            case IngestFormat.OmmKvn or IngestFormat.Oem or IngestFormat.Tdm or IngestFormat.Cdm when !IsXml(text):
                ReadPairs(KvnPairs(text), result); break;
            case IngestFormat.OmmXml or IngestFormat.Oem or IngestFormat.Tdm or IngestFormat.Cdm:
                List<Pair> pairs;
                try { pairs = XmlPairs(text); }
                catch (XmlException e) { result.Rejected.Add(new IngestIssue(e.LineNumber, "xml", e.Message)); break; }
                ReadPairs(pairs, result);
                break;
            default:
                result.Rejected.Add(new IngestIssue(1, "format", "unrecognised content: expected TLE/3LE, OMM (KVN, XML, JSON, CSV), OEM, TDM or CDM"));
                break;
        }
        return result;
    }

    /// <summary>
    /// Read the GP formats with <c>OpenSda.Formats</c>' verified catalog loader (checksums, Alpha-5, all OMM
    /// encodings, per-record diagnostics); the readers below remain for OEM, TDM and CDM.
    /// </summary>
    public bool UseFormatsLibrary { get; init; } = true;

    private static void ReadGpWithFormats(string text, string sourceName, ParsedFile result)
    {
        var loaded = OpenSda.Formats.Catalog.CatalogLoader.LoadText(text, sourceName);
        if (loaded.FatalError is { } fatal)
        {
            result.Rejected.Add(new IngestIssue(1, "format", fatal));
            return;
        }
        foreach (var e in loaded.Entries)
            result.Elsets.Add(new ParsedElset(e.Provenance.Line, e.Elements, ToDateTime(e.Elements.EpochUtc), null, null));
        foreach (var d in loaded.Diagnostics.Where(d => d.IsError))
            result.Rejected.Add(new IngestIssue(Math.Max(1, d.Line), d.Field, d.Message));
    }

    internal static DateTime ToDateTime(JulianDate jd)
    {
        var (y, m, d, h, mi, sec) = jd.ToCalendar();
        return new DateTime(y, m, d, h, mi, 0, DateTimeKind.Utc).AddTicks((long)Math.Round(sec * TimeSpan.TicksPerSecond));
    }

    /// <summary>Strips a byte-order mark and turns non-breaking spaces into spaces.</summary>
    internal static string Clean(string text) => text.TrimStart('\uFEFF').Replace('\u00A0', ' ').Replace('\u2212', '-');

    private static bool IsXml(string text) => text.AsSpan().TrimStart().StartsWith("<");

    public static IngestFormat Detect(string text)
    {
        var t = text.AsSpan().TrimStart();
        if (t.IsEmpty) return IngestFormat.Unknown;
        if (t[0] is '[' or '{') return IngestFormat.OmmJson;
        var head = t[..Math.Min(t.Length, 4000)].ToString();
        if (t[0] == '<')
        {
            if (head.Contains("<oem", StringComparison.OrdinalIgnoreCase)) return IngestFormat.Oem;
            if (head.Contains("<cdm", StringComparison.OrdinalIgnoreCase)) return IngestFormat.Cdm;
            if (head.Contains("<tdm", StringComparison.OrdinalIgnoreCase)) return IngestFormat.Tdm;
            if (head.Contains("<omm", StringComparison.OrdinalIgnoreCase)) return IngestFormat.OmmXml;
            return IngestFormat.Unknown;
        }
        if (head.Contains("CCSDS_OMM_VERS", StringComparison.Ordinal)) return IngestFormat.OmmKvn;
        if (head.Contains("CCSDS_OEM_VERS", StringComparison.Ordinal)) return IngestFormat.Oem;
        if (head.Contains("CCSDS_TDM_VERS", StringComparison.Ordinal)) return IngestFormat.Tdm;
        if (head.Contains("CCSDS_CDM_VERS", StringComparison.Ordinal)) return IngestFormat.Cdm;
        var firstLine = head.Split('\n')[0];
        if (firstLine.Contains(',') && firstLine.Contains("NORAD_CAT_ID", StringComparison.OrdinalIgnoreCase)) return IngestFormat.OmmCsv;
        foreach (var raw in head.Split('\n'))
        {
            var l = raw.TrimEnd('\r');
            if (l.StartsWith("1 ", StringComparison.Ordinal) && l.Length >= 60) return IngestFormat.Tle;
        }
        return IngestFormat.Unknown;
    }

    // ---------------------------------------------------------------- TLE / 3LE

    private static void ReadTle(string text, ParsedFile result)
    {
        var lines = text.Split('\n');
        string? name = null;
        var nameLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i].TrimEnd('\r', ' ');
            if (l.Length == 0) continue;
            if (l.StartsWith("1 ", StringComparison.Ordinal))
            {
                var start = name != null ? nameLine : i + 1;
                if (i + 1 >= lines.Length || !lines[i + 1].StartsWith("2 ", StringComparison.Ordinal))
                {
                    result.Rejected.Add(new IngestIssue(i + 2, "line2", "expected TLE line 2 ('2 NNNNN ...') after line 1"));
                    name = null;
                    continue;
                }
                var l2 = lines[i + 1].TrimEnd('\r', ' ');
                var r = TryTle(name, l, l2, i + 1, start, out var issue);
                if (r != null) result.Elsets.Add(r); else result.Rejected.Add(issue!);
                i++;
                name = null;
                continue;
            }
            if (l.StartsWith("2 ", StringComparison.Ordinal))
            {
                result.Rejected.Add(new IngestIssue(i + 1, "line1", "TLE line 2 without a line 1 before it"));
                name = null;
                continue;
            }
            name = l.StartsWith("0 ", StringComparison.Ordinal) ? l[2..].Trim() : l.Trim();
            nameLine = i + 1;
        }
    }

    private static ParsedElset? TryTle(string? name, string l1, string l2, int l1No, int startLine, out IngestIssue? issue)
    {
        issue = null;
        if (l1.Length < 68) { issue = new IngestIssue(l1No, "line1", $"TLE line 1 has {l1.Length} columns, expected 69"); return null; }
        if (l2.Length < 68) { issue = new IngestIssue(l1No + 1, "line2", $"TLE line 2 has {l2.Length} columns, expected 69"); return null; }
        string? field = null;
        var lineNo = l1No;
        try
        {
            field = "catalog_number"; var cat = Alpha5(l1.Substring(2, 5));
            field = "classification"; var cls = l1[7];
            field = "international_designator"; var intl = IntlLong(l1.Substring(9, 8));
            field = "epoch_year"; var yy = int.Parse(l1.AsSpan(18, 2), NumberStyles.Integer, Inv);
            field = "epoch_day"; var day = double.Parse(l1.AsSpan(20, 12), NumberStyles.Float, Inv);
            if (day < 1 || day >= 367) throw new FormatException("day of year must lie in [1, 367)");
            field = "mean_motion_dot"; var ndot = double.Parse(l1.AsSpan(33, 10), NumberStyles.Float, Inv);
            field = "mean_motion_ddot"; var nddot = ImpliedExp(l1.Substring(44, 8));
            field = "bstar"; var bstar = ImpliedExp(l1.Substring(53, 8));
            field = "ephemeris_type"; var eph = l1[62] == ' ' ? 0 : l1[62] - '0';
            field = "element_set_number"; var esn = int.Parse(l1.AsSpan(64, 4), NumberStyles.AllowLeadingWhite, Inv);
            lineNo = l1No + 1;
            field = "catalog_number"; var cat2 = Alpha5(l2.Substring(2, 5));
            if (cat2 != cat) throw new FormatException($"line 2 catalog number {cat2} differs from line 1's {cat}");
            field = "inclination"; var inc = Angle(l2.Substring(8, 8), 180);
            field = "raan"; var raan = Angle(l2.Substring(17, 8), 360);
            field = "eccentricity"; var ecc = double.Parse("0." + l2.Substring(26, 7).Trim(), NumberStyles.Float, Inv);
            field = "arg_perigee"; var argp = Angle(l2.Substring(34, 8), 360);
            field = "mean_anomaly"; var ma = Angle(l2.Substring(43, 8), 360);
            field = "mean_motion"; var n = double.Parse(l2.AsSpan(52, 11), NumberStyles.Float, Inv);
            if (n <= 0) throw new FormatException("mean motion must be positive");
            field = "revolution_number"; var rev = l2.Length >= 68 && l2.Substring(63, 5).Trim().Length > 0 ? int.Parse(l2.AsSpan(63, 5), NumberStyles.AllowLeadingWhite, Inv) : 0;
            var year = yy < 57 ? 2000 + yy : 1900 + yy;
            var epoch = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)Math.Round((day - 1) * TimeSpan.TicksPerDay));
            var elements = new MeanElements
            {
                CatalogNumber = cat, Name = name, InternationalDesignator = intl, Classification = cls,
                EpochUtc = JulianDate.FromDayOfYear(year, day), MeanMotionRevPerDay = n, Eccentricity = ecc,
                InclinationDeg = inc, RaanDeg = raan, ArgPerigeeDeg = argp, MeanAnomalyDeg = ma, BStar = bstar,
                MeanMotionDot = ndot, MeanMotionDDot = nddot, ElementSetNumber = esn, RevolutionNumber = rev, EphemerisType = eph,
            };
            return new ParsedElset(startLine, elements, epoch, l1, l2);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            issue = new IngestIssue(lineNo, field ?? "record", e.Message);
            return null;
        }
    }

    private static double Angle(string s, double max)
    {
        var v = double.Parse(s, NumberStyles.Float, Inv);
        if (v < 0 || v > max) throw new FormatException($"{v} lies outside [0, {max}] degrees");
        return v;
    }

    /// <summary>Alpha-5 catalog numbers: A0000 = 100000 … Z9999 = 339999 (I and O are not used).</summary>
    internal static int Alpha5(string s)
    {
        s = s.Trim();
        if (s.Length == 0) throw new FormatException("catalog number is blank");
        if (char.IsLetter(s[0]))
        {
            var c = char.ToUpperInvariant(s[0]);
            if (c is 'I' or 'O') throw new FormatException($"Alpha-5 letter '{c}' is not used");
            var v = c - 'A' + 10 - (c > 'I' ? 1 : 0) - (c > 'O' ? 1 : 0);
            return v * 10000 + int.Parse(s.AsSpan(1), NumberStyles.None, Inv);
        }
        return int.Parse(s, NumberStyles.None, Inv);
    }

    private static double ImpliedExp(string s)
    {
        s = s.Trim();
        if (s.Length == 0) return 0;
        var sign = 1.0;
        if (s[0] is '-' or '+') { if (s[0] == '-') sign = -1; s = s[1..]; }
        var ePos = s.LastIndexOfAny(['-', '+']);
        if (ePos <= 0) return sign * double.Parse("0." + s, NumberStyles.Float, Inv);
        var mant = double.Parse("0." + s[..ePos], NumberStyles.Float, Inv);
        var exp = int.Parse(s[ePos..], NumberStyles.AllowLeadingSign, Inv);
        return sign * mant * Math.Pow(10, exp);
    }

    private static string? IntlLong(string s)
    {
        s = s.Trim();
        if (s.Length < 5) return null;
        var yy = int.Parse(s.AsSpan(0, 2), NumberStyles.None, Inv);
        return $"{(yy < 57 ? 2000 + yy : 1900 + yy)}-{s.Substring(2, 3)}{s[5..].Trim()}";
    }

    // ---------------------------------------------------------------- GP fields (CSV, JSON, OMM)

    private static ParsedElset? GpFromFields(IReadOnlyDictionary<string, (string Value, int Line)> f, int startLine, out IngestIssue? issue)
    {
        issue = null;
        string field = "NORAD_CAT_ID";
        try
        {
            if (f.TryGetValue("TLE_LINE1", out var t1) && f.TryGetValue("TLE_LINE2", out var t2) && t1.Value.Length > 60)
            {
                var name = f.TryGetValue("OBJECT_NAME", out var nm) ? nm.Value : null;
                var r = TryTle(name, t1.Value.Trim(), t2.Value.Trim(), t1.Line, startLine, out issue);
                return r;
            }
            int Int(string key, int dflt) { field = key; return f.TryGetValue(key, out var v) && v.Value.Trim().Length > 0 ? int.Parse(v.Value.Trim(), NumberStyles.Integer, Inv) : dflt; }
            double Num(string key, bool required = true)
            {
                field = key;
                if (!f.TryGetValue(key, out var v) || v.Value.Trim().Length == 0)
                    return required ? throw new FormatException($"{key} is required") : 0.0;
                return double.Parse(StripUnits(v.Value), NumberStyles.Float, Inv);
            }
            field = "NORAD_CAT_ID";
            if (!f.TryGetValue("NORAD_CAT_ID", out var idText) || idText.Value.Trim().Length == 0) throw new FormatException("NORAD_CAT_ID is required");
            var cat = int.Parse(idText.Value.Trim(), NumberStyles.None, Inv);
            field = "EPOCH";
            if (!f.TryGetValue("EPOCH", out var ep)) throw new FormatException("EPOCH is required");
            var epoch = ParseTime(ep.Value);
            var n = Num("MEAN_MOTION");
            if (n <= 0) throw new FormatException("MEAN_MOTION must be positive");
            var ecc = Num("ECCENTRICITY");
            if (ecc is < 0 or >= 1) throw new FormatException("ECCENTRICITY must lie in [0, 1)");
            var inc = Num("INCLINATION"); var raan = Num("RA_OF_ASC_NODE"); var argp = Num("ARG_OF_PERICENTER"); var ma = Num("MEAN_ANOMALY");
            var bstar = Num("BSTAR", false); var ndot = Num("MEAN_MOTION_DOT", false); var nddot = Num("MEAN_MOTION_DDOT", false);
            var esn = Int("ELEMENT_SET_NO", 0); var rev = Int("REV_AT_EPOCH", 0); var eph = Int("EPHEMERIS_TYPE", 0);
            var elements = new MeanElements
            {
                CatalogNumber = cat,
                Name = f.TryGetValue("OBJECT_NAME", out var on) ? on.Value.Trim() : null,
                InternationalDesignator = f.TryGetValue("OBJECT_ID", out var oid) && oid.Value.Trim().Length > 0 ? oid.Value.Trim() : null,
                Classification = f.TryGetValue("CLASSIFICATION_TYPE", out var ct) && ct.Value.Trim().Length > 0 ? ct.Value.Trim()[0] : 'U',
                EpochUtc = ToJulian(epoch), MeanMotionRevPerDay = n, Eccentricity = ecc, InclinationDeg = inc, RaanDeg = raan,
                ArgPerigeeDeg = argp, MeanAnomalyDeg = ma, BStar = bstar, MeanMotionDot = ndot, MeanMotionDDot = nddot,
                ElementSetNumber = esn, RevolutionNumber = rev, EphemerisType = eph,
            };
            return new ParsedElset(startLine, elements, epoch, null, null);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            issue = new IngestIssue(f.TryGetValue(field, out var at) ? at.Line : startLine, field, e.Message);
            return null;
        }
    }

    internal static JulianDate ToJulian(DateTime utc)
    {
        var tod = utc.TimeOfDay;
        return JulianDate.FromCalendar(utc.Year, utc.Month, utc.Day, tod.Hours, tod.Minutes, tod.Seconds + (tod.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond);
    }

    internal static DateTime ParseTime(string s)
    {
        s = s.Trim();
        if (DateTime.TryParse(s, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)) return t;
        // CCSDS day-of-year form: YYYY-DDDThh:mm:ss
        if (s.Length >= 8 && s[4] == '-' && s.IndexOf('T') == 8 &&
            int.TryParse(s.AsSpan(0, 4), NumberStyles.None, Inv, out var y) && int.TryParse(s.AsSpan(5, 3), NumberStyles.None, Inv, out var doy) &&
            TimeSpan.TryParse(s[9..].TrimEnd('Z'), Inv, out var tod))
            return new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(doy - 1) + tod;
        throw new FormatException($"'{s}' is not an ISO-8601 time (YYYY-MM-DDThh:mm:ss[.f] or YYYY-DDDThh:mm:ss)");
    }

    private static string StripUnits(string v)
    {
        var b = v.IndexOf('[', StringComparison.Ordinal);
        return (b >= 0 ? v[..b] : v).Trim();
    }

    private static void ReadCsv(string text, ParsedFile result)
    {
        var lines = text.Split('\n');
        var header = SplitCsv(lines[0].TrimEnd('\r')).Select(h => h.Trim().ToUpperInvariant()).ToArray();
        for (var i = 1; i < lines.Length; i++)
        {
            var l = lines[i].TrimEnd('\r');
            if (l.Trim().Length == 0) continue;
            var cells = SplitCsv(l);
            if (cells.Count != header.Length)
            {
                result.Rejected.Add(new IngestIssue(i + 1, "row", $"{cells.Count} columns, header has {header.Length}"));
                continue;
            }
            var f = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++) f[header[c]] = (cells[c], i + 1);
            var r = GpFromFields(f, i + 1, out var issue);
            if (r != null) result.Elsets.Add(r); else result.Rejected.Add(issue!);
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        cells.Add(sb.ToString());
        return cells;
    }

    private static void ReadJson(string text, ParsedFile result)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // Line of each top-level object, for diagnostics.
        var starts = new List<int>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
                if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth <= 1)
                {
                    starts.Add(LineAt(bytes, (int)reader.TokenStartIndex));
                    reader.Skip();
                }
        }
        catch (JsonException e)
        {
            result.Rejected.Add(new IngestIssue((int)(e.LineNumber ?? 0) + 1, "json", e.Message));
            return;
        }
        using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
        for (var k = 0; k < items.Count; k++)
        {
            var line = k < starts.Count ? starts[k] : 1;
            if (items[k].ValueKind != JsonValueKind.Object) { result.Rejected.Add(new IngestIssue(line, "record", "expected a JSON object")); continue; }
            var f = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
            foreach (var p in items[k].EnumerateObject())
                f[p.Name.ToUpperInvariant()] = (p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString() ?? "",
                    JsonValueKind.Null => "",
                    _ => p.Value.GetRawText(),
                }, line);
            var r = GpFromFields(f, line, out var issue);
            if (r != null) result.Elsets.Add(r); else result.Rejected.Add(issue!);
        }
    }

    private static int LineAt(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }

    // ---------------------------------------------------------------- CCSDS KVN / XML as key-value pairs

    /// <summary>A keyword and its value at a line; container markers from XML have names in angle brackets.</summary>
    private readonly record struct Pair(string Key, string Value, int Line);

    private static List<Pair> KvnPairs(string text)
    {
        var pairs = new List<Pair>();
        var lines = text.Split('\n');
        var inData = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i].TrimEnd('\r').Trim();
            if (l.Length == 0 || l.StartsWith("COMMENT", StringComparison.Ordinal)) continue;
            var eq = l.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                switch (l)
                {
                    case "META_START": pairs.Add(new("<segment>", "", i + 1)); inData = false; continue;
                    case "META_STOP": inData = true; continue;
                    case "DATA_START": pairs.Add(new("<data>", "", i + 1)); continue;
                    case "DATA_STOP": continue;
                    case "COVARIANCE_START": inData = false; continue;
                    case "COVARIANCE_STOP": continue;
                }
                if (inData)
                {
                    // OEM state line: EPOCH X Y Z X_DOT Y_DOT Z_DOT [X_DDOT Y_DDOT Z_DDOT]
                    var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    pairs.Add(new("<stateVector>", "", i + 1));
                    string[] names = ["EPOCH", "X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"];
                    for (var k = 0; k < names.Length; k++) pairs.Add(new(names[k], k < parts.Length ? parts[k] : "", i + 1));
                    continue;
                }
                pairs.Add(new("?", l, i + 1));
                continue;
            }
            var key = l[..eq].Trim();
            var value = l[(eq + 1)..].Trim();
            if (key == "OBJECT" && (value == "OBJECT1" || value == "OBJECT2")) pairs.Add(new("<segment>", "", i + 1));
            pairs.Add(new(key, value, i + 1));
        }
        return pairs;
    }

    private static readonly HashSet<string> XmlContainers = new(StringComparer.OrdinalIgnoreCase)
    { "segment", "data", "stateVector", "observation", "omm", "covarianceMatrix" };

    private static List<Pair> XmlPairs(string text)
    {
        var pairs = new List<Pair>();
        using var sr = new StringReader(text);
        using var xr = XmlReader.Create(sr, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
        var info = (IXmlLineInfo)xr;
        while (xr.Read())
        {
            if (xr.NodeType != XmlNodeType.Element) continue;
            var name = xr.LocalName;
            var line = info.LineNumber;
            if (XmlContainers.Contains(name)) { pairs.Add(new("<" + name + ">", "", line)); continue; }
            if (xr.IsEmptyElement) { pairs.Add(new(name, "", line)); continue; }
            // Leaf elements hold text; others are containers we do not need.
            var subtree = xr.ReadSubtree();
            subtree.Read();
            var hasChildElement = false;
            var sb = new StringBuilder();
            while (subtree.Read())
            {
                if (subtree.NodeType == XmlNodeType.Element) { hasChildElement = true; break; }
                if (subtree.NodeType is XmlNodeType.Text or XmlNodeType.CDATA) sb.Append(subtree.Value);
            }
            subtree.Dispose();
            if (!hasChildElement) pairs.Add(new(name, sb.ToString().Trim(), line));
            else
            {
                // Not a leaf: restart inside it by re-reading — rare in the formats we read; descend by name.
                pairs.Add(new("<" + name + ">", "", line));
            }
        }
        return pairs;
    }

    private static void ReadPairs(List<Pair> pairs, ParsedFile result)
    {
        switch (result.Format)
        {
            case IngestFormat.OmmKvn or IngestFormat.OmmXml: ReadOmm(pairs, result); break;
            case IngestFormat.Oem: ReadOem(pairs, result); break;
            case IngestFormat.Tdm: ReadTdm(pairs, result); break;
            case IngestFormat.Cdm: ReadCdm(pairs, result); break;
        }
    }

    private static void ReadOmm(List<Pair> pairs, ParsedFile result)
    {
        Dictionary<string, (string, int)>? f = null;
        var start = 1;
        void Flush()
        {
            if (f == null || !f.ContainsKey("EPOCH")) return;
            var r = GpFromFields(f, start, out var issue);
            if (r != null) result.Elsets.Add(r); else result.Rejected.Add(issue!);
        }
        foreach (var p in pairs)
        {
            if (p.Key is "<omm>" or "CCSDS_OMM_VERS" || (p.Key == "OBJECT_NAME" && f != null && f.ContainsKey("EPOCH")))
            {
                Flush();
                f = new(StringComparer.Ordinal);
                start = p.Line;
            }
            f ??= new(StringComparer.Ordinal);
            if (!p.Key.StartsWith('<')) f[p.Key.ToUpperInvariant()] = (p.Value, p.Line);
        }
        Flush();
        if (result.Elsets.Count == 0 && result.Rejected.Count == 0)
            result.Rejected.Add(new IngestIssue(1, "EPOCH", "no OMM mean elements found"));
    }

    private static void ReadOem(List<Pair> pairs, ParsedFile result)
    {
        var meta = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var points = new List<EphemerisPoint>();
        var segLine = 0;
        IngestIssue? segIssue = null;
        string[] vec = ["X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"];
        var cur = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var inState = false;

        void EndState()
        {
            if (!inState) return;
            inState = false;
            if (segIssue != null) return;
            string field = "EPOCH";
            try
            {
                var t = ParseTime(cur.TryGetValue("EPOCH", out var e) ? e.Value : throw new FormatException("EPOCH is required"));
                var v = new double[6];
                for (var k = 0; k < 6; k++)
                {
                    field = vec[k];
                    v[k] = double.Parse(cur.TryGetValue(vec[k], out var s) && s.Value.Length > 0 ? StripUnits(s.Value) : throw new FormatException($"{vec[k]} is missing"), NumberStyles.Float, Inv);
                }
                if (points.Count > 0 && t <= points[^1].TimeUtc) throw new FormatException("epochs must increase");
                points.Add(new EphemerisPoint(t, v[0], v[1], v[2], v[3], v[4], v[5]));
            }
            catch (FormatException ex)
            {
                segIssue = new IngestIssue(cur.TryGetValue(field, out var at) ? at.Line : segLine, field, ex.Message);
            }
            cur.Clear();
        }

        void EndSegment()
        {
            EndState();
            if (segLine == 0) return;
            if (segIssue == null)
            {
                if (!meta.TryGetValue("OBJECT_ID", out var oid) || oid.Value.Length == 0) segIssue = new IngestIssue(segLine, "OBJECT_ID", "OBJECT_ID is required");
                else if (points.Count == 0) segIssue = new IngestIssue(segLine, "DATA", "segment has no state vectors");
                else
                {
                    string M(string k, string d) => meta.TryGetValue(k, out var v) && v.Value.Length > 0 ? v.Value : d;
                    result.Ephemerides.Add(new ParsedEphemeris(segLine, oid.Value, M("OBJECT_NAME", "") is { Length: > 0 } n ? n : null,
                        M("REF_FRAME", "UNKNOWN"), M("CENTER_NAME", "EARTH"), M("TIME_SYSTEM", "UTC"), points.ToList()));
                }
            }
            if (segIssue != null) result.Rejected.Add(segIssue);
            meta.Clear(); points.Clear(); segIssue = null; segLine = 0;
        }

        foreach (var p in pairs)
        {
            switch (p.Key)
            {
                case "<segment>": EndSegment(); segLine = p.Line; continue;
                case "<stateVector>": EndState(); inState = true; continue;
                case "<covarianceMatrix>": EndState(); continue;
                case "?": if (segLine != 0 && segIssue == null) segIssue = new IngestIssue(p.Line, "DATA", $"unreadable line '{p.Value}'"); continue;
            }
            if (p.Key.StartsWith('<')) continue;
            if (inState) cur[p.Key.ToUpperInvariant()] = (p.Value, p.Line);
            else if (segLine != 0) meta[p.Key.ToUpperInvariant()] = (p.Value, p.Line);
        }
        EndSegment();
        if (result.Ephemerides.Count == 0 && result.Rejected.Count == 0)
            result.Rejected.Add(new IngestIssue(1, "META_START", "no OEM segment found"));
    }

    private static void ReadTdm(List<Pair> pairs, ParsedFile result)
    {
        var segLine = 0;
        var participants = new List<string>();
        var count = 0;
        DateTime? start = null, stop = null;
        var body = new StringBuilder();
        IngestIssue? issue = null;
        void End()
        {
            if (segLine == 0) return;
            if (issue == null && count == 0) issue = new IngestIssue(segLine, "DATA", "segment has no tracking data");
            if (issue == null && participants.Count == 0) issue = new IngestIssue(segLine, "PARTICIPANT_1", "PARTICIPANT_1 is required");
            if (issue != null) result.Rejected.Add(issue);
            else
            {
                int? norad = participants.Select(p => int.TryParse(p, NumberStyles.None, Inv, out var v) ? v : (int?)null).FirstOrDefault(v => v != null);
                result.Observations.Add(new ParsedObservation(segLine, norad, string.Join(",", participants), start!.Value, stop!.Value, count, body.ToString()));
            }
            segLine = 0; participants.Clear(); count = 0; start = stop = null; body.Clear(); issue = null;
        }
        var inObs = false;
        foreach (var p in pairs)
        {
            if (p.Key == "<segment>") { End(); segLine = p.Line; inObs = false; continue; }
            if (p.Key == "<observation>") { inObs = true; continue; }
            if (p.Key.StartsWith('<') || segLine == 0) continue;
            body.Append(p.Key).Append(" = ").Append(p.Value).Append('\n');
            if (p.Key.StartsWith("PARTICIPANT_", StringComparison.Ordinal)) { participants.Add(p.Value); continue; }
            string? epochText = null;
            if (inObs && p.Key == "EPOCH") epochText = p.Value;
            else if (!inObs && IsTdmDataKeyword(p.Key)) epochText = p.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (epochText == null) continue;
            try
            {
                var t = ParseTime(epochText);
                count++;
                start = start == null || t < start ? t : start;
                stop = stop == null || t > stop ? t : stop;
            }
            catch (FormatException e) { issue ??= new IngestIssue(p.Line, p.Key, e.Message); }
        }
        End();
        if (result.Observations.Count == 0 && result.Rejected.Count == 0)
            result.Rejected.Add(new IngestIssue(1, "META_START", "no TDM segment found"));
    }

    private static readonly HashSet<string> TdmMeta = new(StringComparer.Ordinal)
    {
        "TIME_SYSTEM", "START_TIME", "STOP_TIME", "PATH", "PATH_1", "PATH_2", "MODE", "TRANSMIT_BAND", "RECEIVE_BAND",
        "TURNAROUND_NUMERATOR", "TURNAROUND_DENOMINATOR", "TIMETAG_REF", "INTEGRATION_INTERVAL", "INTEGRATION_REF",
        "FREQ_OFFSET", "RANGE_MODE", "RANGE_MODULUS", "RANGE_UNITS", "ANGLE_TYPE", "REFERENCE_FRAME", "TRANSMIT_DELAY_1",
        "TRANSMIT_DELAY_2", "RECEIVE_DELAY_1", "RECEIVE_DELAY_2", "DATA_QUALITY", "CORRECTION_ANGLE_1", "CORRECTION_ANGLE_2",
        "CORRECTION_DOPPLER", "CORRECTION_RANGE", "CORRECTION_RECEIVE", "CORRECTION_TRANSMIT", "CORRECTIONS_APPLIED",
        "CCSDS_TDM_VERS", "CREATION_DATE", "ORIGINATOR", "MESSAGE_ID", "TRACK_ID", "EPHEMERIS_NAME_1", "EPHEMERIS_NAME_2",
        "EPHEMERIS_NAME_3", "EPHEMERIS_NAME_4", "EPHEMERIS_NAME_5", "INTERPOLATION", "INTERPOLATION_DEGREE", "DOPPLER_COUNT_BIAS",
        "DOPPLER_COUNT_SCALE", "DOPPLER_COUNT_ROLLOVER", "CLASSIFICATION", "RANGE_UNITS", "ANGLE_TYPE", "COMMENT",
    };

    private static bool IsTdmDataKeyword(string key) => !TdmMeta.Contains(key) && !key.StartsWith("PATH", StringComparison.Ordinal);

    private static void ReadCdm(List<Pair> pairs, ParsedFile result)
    {
        var top = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var objs = new List<Dictionary<string, (string Value, int Line)>>();
        foreach (var p in pairs)
        {
            if (p.Key == "<segment>") { objs.Add(new(StringComparer.Ordinal)); continue; }
            if (p.Key.StartsWith('<')) continue;
            var target = objs.Count > 0 ? objs[^1] : top;
            target.TryAdd(p.Key.ToUpperInvariant(), (p.Value, p.Line));
        }
        // In XML the relative metadata (TCA, MISS_DISTANCE) sits before the segments; in KVN too.
        var field = "TCA";
        try
        {
            if (!top.TryGetValue("TCA", out var tca)) throw new FormatException("TCA is required");
            var tcaUtc = ParseTime(tca.Value);
            field = "MISS_DISTANCE";
            if (!top.TryGetValue("MISS_DISTANCE", out var miss)) throw new FormatException("MISS_DISTANCE is required");
            var missM = double.Parse(StripUnits(miss.Value), NumberStyles.Float, Inv);
            double? pc = null, rel = null;
            if (top.TryGetValue("COLLISION_PROBABILITY", out var pcv) && pcv.Value.Length > 0)
            {
                field = "COLLISION_PROBABILITY";
                pc = double.Parse(StripUnits(pcv.Value), NumberStyles.Float, Inv);
                if (pc is < 0 or > 1) throw new FormatException("COLLISION_PROBABILITY must lie in [0, 1]");
            }
            if (top.TryGetValue("RELATIVE_SPEED", out var rs) && rs.Value.Length > 0)
            {
                field = "RELATIVE_SPEED";
                rel = double.Parse(StripUnits(rs.Value), NumberStyles.Float, Inv) / 1000.0;
            }
            field = "OBJECT_DESIGNATOR";
            if (objs.Count < 2) throw new FormatException("a CDM needs OBJECT1 and OBJECT2 segments");
            int Designator(Dictionary<string, (string Value, int Line)> o)
            {
                if (!o.TryGetValue("OBJECT_DESIGNATOR", out var d)) throw new FormatException("OBJECT_DESIGNATOR is required");
                return int.TryParse(d.Value.Trim(), NumberStyles.None, Inv, out var v) ? v : throw new FormatException($"OBJECT_DESIGNATOR '{d.Value}' is not a catalog number");
            }
            result.Conjunctions.Add(new ParsedConjunction(1, Designator(objs[0]), Designator(objs[1]), tcaUtc, missM / 1000.0, pc, rel));
        }
        catch (FormatException e)
        {
            var line = top.TryGetValue(field, out var at) ? at.Line : objs.Count > 0 && objs[0].TryGetValue(field, out var at2) ? at2.Line : 1;
            result.Rejected.Add(new IngestIssue(line, field, e.Message));
        }
    }
}
