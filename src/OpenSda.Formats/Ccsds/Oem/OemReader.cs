using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Lexical;
using OpenSda.Mathematics;

namespace OpenSda.Formats.Ccsds.Oem;

/// <summary>
/// Reads Orbit Ephemeris Messages (CCSDS 502.0-B-3 §5, versions 1.0, 2.0, 3.0) in KVN and NDM/XML.
/// Checks: keywords known and in their block, mandatory metadata present, epochs valid, ephemeris
/// lines of 7 or 10 numbers in increasing time within START_TIME..STOP_TIME, covariance blocks of
/// exactly 6 lower-triangle rows, one TIME_SYSTEM for all segments, units as the standard says.
/// Every diagnostic names the line (XML: the element's line) and the keyword or column.
/// </summary>
public static class OemReader
{
    private static readonly string[] MandatoryMetadata = ["OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM", "START_TIME", "STOP_TIME"];

    /// <summary>Reads an OEM, detecting KVN or XML.</summary>
    public static CcsdsReadResult<OemMessage> Read(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().TrimStart(" \t\r\n\uFEFF").StartsWith("<") ? ReadXml(text, source, options) : ReadKvn(text, source, options);
    }

    /// <summary>Reads an OEM in KVN.</summary>
    public static CcsdsReadResult<OemMessage> ReadKvn(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options))
            return bag.Result<OemMessage>(null);
        var tokens = KvnTokenizer.Tokenize(text);
        var ctx = new Context(bag, options, tokens.Count > 0 ? tokens[0].Line : 0);
        if (tokens.Count == 0 || tokens[0].Kind != KvnTokenKind.KeyValue || tokens[0].Key != "CCSDS_OEM_VERS")
        {
            bag.Error(tokens.Count > 0 ? tokens[0].Line : 0, "CCSDS_OEM_VERS", "an OEM must begin with CCSDS_OEM_VERS");
            return bag.Result<OemMessage>(null);
        }
        var state = "HEADER";
        SegmentBuilder? seg = null;
        foreach (var raw in tokens)
        {
            var tok = TokenRepair.Units(raw, bag);
            switch (state)
            {
                case "HEADER":
                    if (tok.Kind == KvnTokenKind.Comment) ctx.Header.Comment(tok.Value);
                    else if (tok.Kind == KvnTokenKind.KeyValue) ctx.HeaderKey(tok);
                    else if (tok is { Kind: KvnTokenKind.BlockStart, Key: "META" }) { seg = ctx.NewSegment(tok.Line); state = "META"; }
                    else bag.Error(tok.Line, Field(tok), $"unexpected \"{Short(tok)}\" in the OEM header (expected KEYWORD = value or META_START)");
                    break;
                case "META":
                    if (tok.Kind == KvnTokenKind.Comment) seg!.Meta.Comment(tok.Value);
                    else if (tok.Kind == KvnTokenKind.KeyValue) ctx.MetaKey(seg!, tok);
                    else if (tok is { Kind: KvnTokenKind.BlockEnd, Key: "META" }) state = "DATA";
                    else bag.Error(tok.Line, Field(tok), $"unexpected \"{Short(tok)}\" in OEM metadata (expected KEYWORD = value or META_STOP)");
                    break;
                case "DATA":
                    if (tok.Kind == KvnTokenKind.Comment) seg!.DataComments.Add(tok.Value);
                    else if (tok.Kind == KvnTokenKind.Raw) ctx.EphemerisLine(seg!, tok.Value, tok.Line);
                    else if (tok is { Kind: KvnTokenKind.BlockStart, Key: "COVARIANCE" }) state = "COV";
                    else if (tok is { Kind: KvnTokenKind.BlockStart, Key: "META" }) { ctx.Finish(seg!); seg = ctx.NewSegment(tok.Line); state = "META"; }
                    else if (tok.Kind == KvnTokenKind.KeyValue)
                        bag.Error(tok.Line, tok.Key, "keyword inside the ephemeris data (only ephemeris lines, COMMENT, COVARIANCE_START or META_START may follow META_STOP)");
                    else bag.Error(tok.Line, Field(tok), $"unexpected \"{Short(tok)}\" in the ephemeris data");
                    break;
                case "COV":
                    if (tok.Kind == KvnTokenKind.Comment) seg!.PendingCovComments.Add(tok.Value);
                    else if (tok is { Kind: KvnTokenKind.KeyValue, Key: "EPOCH" }) ctx.CovEpoch(seg!, tok);
                    else if (tok is { Kind: KvnTokenKind.KeyValue, Key: "COV_REF_FRAME" }) ctx.CovFrame(seg!, tok);
                    else if (tok.Kind == KvnTokenKind.Raw) ctx.CovRow(seg!, tok.Value, tok.Line);
                    else if (tok is { Kind: KvnTokenKind.BlockEnd, Key: "COVARIANCE" }) { ctx.CloseCov(seg!, tok.Line); state = "DATA"; }
                    else bag.Error(tok.Line, Field(tok), $"unexpected \"{Short(tok)}\" in a covariance block (expected EPOCH, COV_REF_FRAME, rows or COVARIANCE_STOP)");
                    break;
            }
        }
        if (state == "META")
            bag.Error(seg!.Meta.StartLine, "META_STOP", "metadata block not closed by META_STOP");
        if (state == "COV")
        {
            bag.Error(seg!.CovLine, "COVARIANCE_STOP", "covariance block not closed by COVARIANCE_STOP");
            ctx.CloseCov(seg, seg.CovLine);
        }
        if (seg is not null)
            ctx.Finish(seg);
        return ctx.Result();
    }

    /// <summary>Reads an OEM in NDM/XML (a bare <c>&lt;oem&gt;</c> or one inside <c>&lt;ndm&gt;</c>).</summary>
    public static CcsdsReadResult<OemMessage> ReadXml(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options))
            return bag.Result<OemMessage>(null);
        var doc = SafeXml.Parse(text, new SafeXmlOptions { MaxCharacters = options.MaxCharacters });
        if (!doc.Success)
        {
            bag.Error(XmlTokens.ErrorLine(text, doc), "XML", "not well-formed or forbidden XML: " + doc.Error);
            return bag.Result<OemMessage>(null);
        }
        var root = doc.Root!;
        var oem = root.Name == "oem" ? root : root.Name == "ndm" ? root.Child("oem") : null;
        if (oem is null)
        {
            bag.Error(root.Line, root.Name, $"expected an <oem> root element (or <ndm> holding one), found <{root.Name}>");
            return bag.Result<OemMessage>(null);
        }
        var ctx = new Context(bag, options, oem.Line);
        if (oem.Attributes.TryGetValue("version", out var version))
            ctx.HeaderKey(new KvnToken(KvnTokenKind.KeyValue, "CCSDS_OEM_VERS", version, null, oem.Line));
        else
            bag.Error(oem.Line, "oem", "the <oem> element needs a version attribute (CCSDS_OEM_VERS)");
        foreach (var part in oem.Children)
        {
            if (part.Name == "header")
            {
                foreach (var t in XmlTokens.Flatten(part))
                    if (t.Kind == KvnTokenKind.Comment) ctx.Header.Comment(t.Value);
                    else if (t.Kind == KvnTokenKind.KeyValue) ctx.HeaderKey(t);
                    else if (t.Kind == KvnTokenKind.BlockStart) bag.Error(t.Line, t.Key, $"unexpected element <{t.Key}> in <header>");
            }
            else if (part.Name == "body")
            {
                foreach (var segment in part.Children)
                {
                    if (segment.Name != "segment")
                    {
                        bag.Error(segment.Line, segment.Name, $"unexpected element <{segment.Name}> in <body>");
                        continue;
                    }
                    var seg = ctx.NewSegment(segment.Line);
                    XmlSegment(ctx, seg, segment);
                    ctx.Finish(seg);
                }
            }
            else
                bag.Error(part.Line, part.Name, $"unexpected element <{part.Name}> in <oem>");
        }
        return ctx.Result();
    }

    private static void XmlSegment(Context ctx, SegmentBuilder seg, XmlElementNode segment)
    {
        var bag = ctx.Bag;
        foreach (var part in segment.Children)
        {
            if (part.Name == "metadata")
            {
                foreach (var t in XmlTokens.Flatten(part))
                    if (t.Kind == KvnTokenKind.Comment) seg.Meta.Comment(t.Value);
                    else if (t.Kind == KvnTokenKind.KeyValue) ctx.MetaKey(seg, t);
                    else if (t.Kind == KvnTokenKind.BlockStart) bag.Error(t.Line, t.Key, $"unexpected element <{t.Key}> in <metadata>");
                continue;
            }
            if (part.Name != "data")
            {
                bag.Error(part.Line, part.Name, $"unexpected element <{part.Name}> in <segment>");
                continue;
            }
            foreach (var e in part.Children)
            {
                switch (e.Name)
                {
                    case "COMMENT":
                        seg.DataComments.Add(e.Text);
                        break;
                    case "stateVector":
                    {
                        var cols = new string[10];
                        var n = 0;
                        var ok = true;
                        foreach (var c in e.Children)
                        {
                            var idx = Array.IndexOf(OemKeywords.StateColumns, c.Name);
                            if (idx < 0)
                            {
                                bag.Error(c.Line, c.Name, $"unexpected element <{c.Name}> in <stateVector>");
                                ok = false;
                                continue;
                            }
                            if (!CcsdsValues.UnitsAgree(c.Units, StateUnits(idx)))
                            {
                                bag.Error(c.Line, c.Name, $"units [{c.Units}] are not those of {c.Name} ([{StateUnits(idx)}])");
                                ok = false;
                            }
                            cols[idx] = c.Text;
                            n = Math.Max(n, idx + 1);
                        }
                        if (!ok) break;
                        if (n != 7 && n != 10 || cols.Take(n).Any(string.IsNullOrEmpty))
                        {
                            var missing = OemKeywords.StateColumns.Take(n <= 7 ? 7 : 10).Where((_, i) => string.IsNullOrEmpty(cols[i])).First();
                            bag.Error(e.Line, missing, "<stateVector> needs EPOCH, X, Y, Z, X_DOT, Y_DOT, Z_DOT (and optionally all of X_DDOT, Y_DDOT, Z_DDOT)");
                            break;
                        }
                        ctx.EphemerisLine(seg, string.Join(' ', cols.Take(n)), e.Line, e.Children.Select(c => c.Line).ToArray());
                        break;
                    }
                    case "covarianceMatrix":
                    {
                        var epoch = e.Child("EPOCH");
                        foreach (var c in e.Children.Where(c => c.Name == "COMMENT"))
                            seg.PendingCovComments.Add(c.Text);
                        ctx.CovEpoch(seg, new KvnToken(KvnTokenKind.KeyValue, "EPOCH", epoch?.Text ?? string.Empty, null, epoch?.Line ?? e.Line));
                        if (e.Child("COV_REF_FRAME") is { } f)
                            ctx.CovFrame(seg, new KvnToken(KvnTokenKind.KeyValue, "COV_REF_FRAME", f.Text, null, f.Line));
                        var values = new double[21];
                        var ok = true;
                        for (var k = 0; k < 21; k++)
                        {
                            var name = OemKeywords.CovarianceElements[k];
                            var el = e.Child(name);
                            if (el is null || !CcsdsValues.TryNumber(el.Text, out values[k]))
                            {
                                bag.Error(el?.Line ?? e.Line, name, el is null ? "covariance term is missing" : $"expected a number, found \"{el.Text}\"");
                                ok = false;
                            }
                        }
                        foreach (var c in e.Children)
                            if (c.Name is not ("COMMENT" or "EPOCH" or "COV_REF_FRAME") && Array.IndexOf(OemKeywords.CovarianceElements, c.Name) < 0)
                            {
                                bag.Error(c.Line, c.Name, $"unexpected element <{c.Name}> in <covarianceMatrix>");
                                ok = false;
                            }
                        if (ok)
                            seg.CovValues.AddRange(values);
                        seg.CovRows = ok ? 6 : -1;
                        ctx.CloseCov(seg, e.Line);
                        break;
                    }
                    default:
                        bag.Error(e.Line, e.Name, $"unexpected element <{e.Name}> in <data>");
                        break;
                }
            }
        }
    }

    internal static string StateUnits(int column) => column switch { 0 => "", <= 3 => "km", <= 6 => "km/s", _ => "km/s**2" };

    private static string Field(KvnToken t) => t.Kind switch
    {
        KvnTokenKind.Raw => "LINE",
        KvnTokenKind.BlockStart => t.Key + "_START",
        KvnTokenKind.BlockEnd => t.Key + "_STOP",
        _ => t.Key,
    };

    private static string Short(KvnToken t)
    {
        var s = t.Kind == KvnTokenKind.Raw ? t.Value : t.ToString()[(t.ToString().IndexOf(':') + 2)..];
        return s.Length > 60 ? s[..60] + "…" : s;
    }

    internal sealed class SegmentBuilder(int line)
    {
        public BlockBuilder Meta { get; } = new(line);
        public List<string> DataComments { get; } = [];
        public List<OemState> States { get; } = [];
        public List<int> StateLines { get; } = [];
        public List<OemCovariance> Covariances { get; } = [];
        public List<string> PendingCovComments { get; } = [];
        public List<string> CurrentCovComments { get; set; } = [];
        public CcsdsEpoch? CovEpochValue;
        public string? CovFrameValue;
        public bool CovOpen;
        public int CovLine;
        public int CovRows;
        public List<double> CovValues { get; } = [];
        public bool Bad;
    }

    private sealed class Context(DiagnosticBag bag, CcsdsReadOptions options, int firstLine)
    {
        public DiagnosticBag Bag { get; } = bag;
        public BlockBuilder Header { get; } = new(firstLine);
        private readonly List<OemSegment> _segments = [];
        private string? _timeSystem;
        private int _dataLines;

        public void HeaderKey(KvnToken tok)
        {
            if (!OemKeywords.Table.TryGet(tok.Key, out var spec) || spec.Section != OemKeywords.Header)
            {
                Bag.Error(tok.Line, tok.Key, OemKeywords.Table.TryGet(tok.Key, out _)
                    ? "keyword not allowed in the OEM header"
                    : "unknown keyword for an OEM header (CCSDS 502.0-B-3 table 5-2)");
                return;
            }
            if (tok.Value.Length > 0)
                ValueChecks.Check(spec, tok.Value, tok.Units, tok.Line, Bag);
            if (tok.Key == "CCSDS_OEM_VERS" && tok.Value is not ("1.0" or "2.0" or "3.0"))
                Bag.Error(tok.Line, tok.Key, $"unsupported OEM version \"{tok.Value}\" (1.0, 2.0, 3.0)");
            if (!Header.Add(tok.Key, tok.Value, tok.Units, tok.Line, spec.Order))
                Bag.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {Header.Line(tok.Key)})");
        }

        public SegmentBuilder NewSegment(int line) => new(line);

        public void MetaKey(SegmentBuilder seg, KvnToken tok)
        {
            if (!OemKeywords.Table.TryGet(tok.Key, out var spec) || spec.Section != OemKeywords.Metadata)
            {
                Bag.Error(tok.Line, tok.Key, "unknown keyword for OEM metadata (CCSDS 502.0-B-3 table 5-3)");
                seg.Bad = true;
                return;
            }
            if (tok.Value.Length > 0 && !ValueChecks.Check(spec, tok.Value, tok.Units, tok.Line, Bag))
                seg.Bad = true;
            if (!seg.Meta.Add(tok.Key, tok.Value, tok.Units, tok.Line, spec.Order))
                Bag.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {seg.Meta.Line(tok.Key)})");
        }

        public void EphemerisLine(SegmentBuilder seg, string text, int line, int[]? columnLines = null)
        {
            if (++_dataLines > options.MaxDataLines)
            {
                if (_dataLines == options.MaxDataLines + 1)
                    Bag.Error(line, "DATA", $"more than {options.MaxDataLines} ephemeris lines");
                return;
            }
            var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 7 && parts.Length != 10)
            {
                Bag.Error(line, "EPHEMERIS", $"an ephemeris line has an epoch and 6 (or 9, with accelerations) numbers; found {parts.Length} fields in \"{Trunc(text)}\"");
                return;
            }
            if (!CcsdsEpoch.TryParse(parts[0], out var epoch))
            {
                Bag.Error(columnLines?[0] ?? line, "EPOCH", $"expected an epoch, found \"{parts[0]}\"");
                return;
            }
            var v = new double[9];
            for (var i = 1; i < parts.Length; i++)
            {
                if (!CcsdsValues.TryNumber(parts[i], out v[i - 1]) || double.IsNaN(v[i - 1]))
                {
                    Bag.Error(columnLines is not null && i < columnLines.Length ? columnLines[i] : line, OemKeywords.StateColumns[i],
                        $"expected a number ({StateUnits(i)}) in ephemeris column {i + 1}, found \"{parts[i]}\"");
                    return;
                }
            }
            seg.States.Add(new OemState(epoch,
                new StateVector(new Vec3(v[0], v[1], v[2]), new Vec3(v[3], v[4], v[5])),
                parts.Length == 10 ? new Vec3(v[6], v[7], v[8]) : null));
            seg.StateLines.Add(line);
        }

        public void CovEpoch(SegmentBuilder seg, KvnToken tok)
        {
            var carried = seg.PendingCovComments.ToList();
            seg.PendingCovComments.Clear();
            if (seg.CovOpen)
                CloseCov(seg, tok.Line);
            seg.CurrentCovComments = carried;
            seg.CovOpen = true;
            seg.CovLine = tok.Line;
            seg.CovRows = 0;
            seg.CovValues.Clear();
            seg.CovFrameValue = null;
            seg.CovEpochValue = null;
            if (!CcsdsEpoch.TryParse(tok.Value, out var e))
                Bag.Error(tok.Line, "EPOCH", $"expected a covariance epoch, found \"{tok.Value}\"");
            else
                seg.CovEpochValue = e;
        }

        public void CovFrame(SegmentBuilder seg, KvnToken tok)
        {
            if (!seg.CovOpen)
            {
                Bag.Error(tok.Line, tok.Key, "COV_REF_FRAME before the covariance EPOCH");
                return;
            }
            if (!CcsdsFrames.IsKnown(tok.Value))
                Bag.Error(tok.Line, tok.Key, $"unknown reference frame \"{tok.Value}\"");
            seg.CovFrameValue = tok.Value;
        }

        public void CovRow(SegmentBuilder seg, string text, int line)
        {
            if (!seg.CovOpen)
            {
                Bag.Error(line, "EPOCH", "covariance row before the covariance EPOCH");
                return;
            }
            if (seg.CovRows < 0)
                return;
            var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var row = seg.CovRows + 1;
            if (row > 6 || parts.Length != row)
            {
                Bag.Error(line, "COVARIANCE", row > 6
                    ? "a 7th covariance row: the lower triangle of a 6x6 matrix has 6 rows"
                    : $"covariance row {row} of the lower triangle has {row} values; found {parts.Length}");
                seg.CovRows = -1;
                return;
            }
            foreach (var p in parts)
            {
                if (!CcsdsValues.TryNumber(p, out var x))
                {
                    Bag.Error(line, "COVARIANCE", $"expected a number in covariance row {row}, found \"{p}\"");
                    seg.CovRows = -1;
                    return;
                }
                seg.CovValues.Add(x);
            }
            seg.CovRows = row;
        }

        public void CloseCov(SegmentBuilder seg, int line)
        {
            if (!seg.CovOpen)
                return;
            seg.CovOpen = false;
            seg.CurrentCovComments.AddRange(seg.PendingCovComments);
            seg.PendingCovComments.Clear();
            if (seg.CovRows >= 0 && seg.CovRows < 6)
                Bag.Error(line, "COVARIANCE", $"covariance block of line {seg.CovLine} has {seg.CovRows} rows; the lower triangle of a 6x6 matrix needs 6");
            else if (seg.CovRows == 6 && seg.CovEpochValue is { } e)
                seg.Covariances.Add(new OemCovariance(e, seg.CovFrameValue, [.. seg.CovValues], [.. seg.CurrentCovComments]));
            seg.CurrentCovComments = [];
        }

        public void Finish(SegmentBuilder seg)
        {
            CloseCov(seg, seg.CovLine);
            var meta = seg.Meta.Build();
            foreach (var k in MandatoryMetadata)
            {
                if (!seg.Meta.Present(k))
                    Bag.Error(seg.Meta.StartLine, k, "mandatory metadata keyword is missing");
                else if (!seg.Meta.Has(k))
                    Bag.Error(seg.Meta.Line(k), k, "mandatory metadata value is empty");
            }
            if (meta.Text("TIME_SYSTEM") is { } ts)
            {
                if (_timeSystem is null)
                    _timeSystem = ts;
                else if (!ts.Equals(_timeSystem, StringComparison.OrdinalIgnoreCase))
                    Bag.Error(meta.Line("TIME_SYSTEM"), "TIME_SYSTEM", $"segments use different time systems ({_timeSystem} before, {ts} here); an OEM has one");
            }
            if (seg.States.Count == 0 && !seg.Bad)
                Bag.Error(seg.Meta.StartLine, "DATA", "segment has no ephemeris lines");
            for (var i = 1; i < seg.States.Count; i++)
            {
                if (seg.States[i] == seg.States[i - 1])
                {
                    // Orekit's blue-book example repeats its last line verbatim; a repeat carries no information.
                    Bag.Warning(seg.StateLines[i], "EPOCH", $"ephemeris line repeats line {seg.StateLines[i - 1]}; ignored");
                    seg.States.RemoveAt(i);
                    seg.StateLines.RemoveAt(i);
                    i--;
                }
                else if (seg.States[i].Epoch <= seg.States[i - 1].Epoch)
                {
                    Bag.Error(seg.StateLines[i], "EPOCH", $"ephemeris epochs must increase ({seg.States[i].Epoch} follows {seg.States[i - 1].Epoch})");
                    break;
                }
            }
            var start = meta.Epoch("START_TIME");
            var stop = meta.Epoch("STOP_TIME");
            if (start is { } s0 && stop is { } s1)
            {
                if (s1 < s0)
                    Bag.Error(meta.Line("STOP_TIME"), "STOP_TIME", "STOP_TIME precedes START_TIME");
                for (var i = 0; i < seg.States.Count; i++)
                    if (seg.States[i].Epoch < s0 || seg.States[i].Epoch > s1)
                    {
                        Bag.Error(seg.StateLines[i], "EPOCH", $"ephemeris epoch {seg.States[i].Epoch} lies outside START_TIME..STOP_TIME ({s0} .. {s1})");
                        break;
                    }
                foreach (var k in (string[])["USEABLE_START_TIME", "USEABLE_STOP_TIME"])
                    if (meta.Epoch(k) is { } u && (u < s0 || u > s1))
                        Bag.Error(meta.Line(k), k, $"{k} lies outside START_TIME..STOP_TIME");
            }
            if (meta.Integer("INTERPOLATION_DEGREE") is { } d && d < 1)
                Bag.Error(meta.Line("INTERPOLATION_DEGREE"), "INTERPOLATION_DEGREE", "must be a positive integer");
            _segments.Add(new OemSegment(meta, seg.DataComments, seg.States, seg.Covariances));
        }

        public CcsdsReadResult<OemMessage> Result()
        {
            foreach (var k in (string[])["CCSDS_OEM_VERS", "CREATION_DATE", "ORIGINATOR"])
                if (!Header.Has(k))
                    Bag.Error(Header.Line(k), k, "mandatory header keyword is missing or empty");
            if (_segments.Count == 0)
                Bag.Error(Header.StartLine, "META_START", "an OEM needs at least one segment");
            return Bag.Result(Bag.HasErrors ? null : new OemMessage(Header.Build(), _segments));
        }

        private static string Trunc(string s) => s.Length > 60 ? s[..60] + "…" : s;
    }
}
