using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Ocm;

/// <summary>
/// Reads Orbit Comprehensive Messages (CCSDS 502.0-B-3 §6, version 3.0) in KVN. Header, metadata, trajectory
/// (<c>TRAJ_START</c>…<c>TRAJ_STOP</c>) and covariance (<c>COV_START</c>…<c>COV_STOP</c>) keywords are checked against
/// the standard's tables (value kind, frame, time system); each data line must hold a time tag (an epoch, or seconds
/// relative to EPOCH_TZERO) and as many numbers as the element set has (covariance: n(n+1)/2, or n² for FULL). The
/// PHYS, PERT, OD, MAN and USER blocks are kept by name without checks. Every problem is an error naming the line and
/// the keyword (data lines: the block name).
/// </summary>
public static class OcmReader
{
    private static readonly string[] MandatoryHeader = ["CCSDS_OCM_VERS", "CREATION_DATE", "ORIGINATOR"];
    private static readonly string[] MandatoryMetadata = ["TIME_SYSTEM", "EPOCH_TZERO"];
    private static readonly HashSet<string> OtherBlocks = new(StringComparer.Ordinal) { "PHYS", "PERT", "OD", "MAN", "USER" };

    /// <summary>Reads a KVN OCM.</summary>
    public static CcsdsReadResult<OcmMessage> Read(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options))
            return bag.Result<OcmMessage>(null);
        if (text.AsSpan().TrimStart(" \t\r\n\uFEFF").StartsWith("<"))
        {
            bag.Error(1, "ocm", "OCM is read in KVN only here (no XML OCM reader)");
            return bag.Result<OcmMessage>(null);
        }
        var tokens = KvnTokenizer.Tokenize(text);
        if (tokens.Count == 0 || tokens[0].Kind != KvnTokenKind.KeyValue || tokens[0].Key != "CCSDS_OCM_VERS")
        {
            bag.Error(tokens.Count > 0 ? tokens[0].Line : 0, "CCSDS_OCM_VERS", "an OCM must begin with CCSDS_OCM_VERS");
            return bag.Result<OcmMessage>(null);
        }
        return Build(tokens, bag, options);
    }

    private sealed class Section(string name, int line)
    {
        public string Name { get; } = name;
        public int Line { get; } = line;
        public BlockBuilder Keys { get; } = new(line);
        public List<KvnToken> Data { get; } = [];
        public List<string> Pending { get; } = [];
    }

    private static CcsdsReadResult<OcmMessage> Build(List<KvnToken> tokens, DiagnosticBag bag, CcsdsReadOptions options)
    {
        var header = new Section("HEADER", tokens[0].Line);
        Section? meta = null;
        var sections = new List<Section>();
        Section current = header;
        var inBlock = false;
        var dataLines = 0;
        foreach (var raw in tokens)
        {
            var tok = TokenRepair.Units(raw, bag);
            switch (tok.Kind)
            {
                case KvnTokenKind.Comment:
                    current.Keys.Comment(tok.Value);
                    break;
                case KvnTokenKind.BlockStart:
                    if (inBlock)
                    {
                        bag.Error(tok.Line, tok.Key + "_START", $"block {tok.Key} starts inside block {current.Name} (no {current.Name}_STOP)");
                        break;
                    }
                    if (tok.Key != "META" && tok.Key != "TRAJ" && tok.Key != "COV" && !OtherBlocks.Contains(tok.Key))
                    {
                        bag.Error(tok.Line, tok.Key + "_START", "unknown OCM block (META, TRAJ, COV, PHYS, PERT, OD, MAN, USER)");
                        break;
                    }
                    if (tok.Key == "META" && meta is not null)
                    {
                        bag.Error(tok.Line, "META_START", $"a second metadata block (the first starts on line {meta.Line})");
                        break;
                    }
                    if (tok.Key != "META" && meta is null)
                        bag.Error(tok.Line, tok.Key + "_START", "data block before the metadata block (META_START … META_STOP)");
                    current = new Section(tok.Key, tok.Line);
                    if (tok.Key == "META") meta = current;
                    else sections.Add(current);
                    inBlock = true;
                    break;
                case KvnTokenKind.BlockEnd:
                    if (!inBlock || tok.Key != current.Name)
                    {
                        bag.Error(tok.Line, tok.Key + "_STOP", inBlock ? $"{tok.Key}_STOP closes block {current.Name}" : $"{tok.Key}_STOP without {tok.Key}_START");
                        break;
                    }
                    inBlock = false;
                    current = header;
                    break;
                case KvnTokenKind.KeyValue:
                    if (!inBlock && current == header && (meta is not null || sections.Count > 0))
                    {
                        bag.Error(tok.Line, tok.Key, "keyword outside any block after the header");
                        break;
                    }
                    if (OtherBlocks.Contains(current.Name))
                    {
                        if (!current.Keys.Add(tok.Key, tok.Value, tok.Units, tok.Line, int.MaxValue))
                            bag.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {current.Keys.Line(tok.Key)})");
                        break;
                    }
                    if (current.Data.Count > 0 && current.Name is "TRAJ" or "COV")
                    {
                        bag.Error(tok.Line, tok.Key, $"keyword inside the {current.Name} data lines (keywords come before the first data line)");
                        break;
                    }
                    AddKeyword(current, tok, bag);
                    break;
                default:
                    if (current.Name is "TRAJ" or "COV" or "MAN")
                    {
                        if (++dataLines > options.MaxDataLines)
                        {
                            bag.Error(tok.Line, current.Name, $"more than {options.MaxDataLines} data lines");
                            return bag.Result<OcmMessage>(null);
                        }
                        current.Data.Add(tok);
                    }
                    else
                        bag.Error(tok.Line, current.Name == "HEADER" ? "LINE" : current.Name, $"unexpected line \"{tok.Value}\" (not KEYWORD = value) in the {current.Name} section");
                    break;
            }
        }
        if (inBlock)
            bag.Error(current.Line, current.Name + "_STOP", $"block {current.Name} opened on line {current.Line} is never closed");
        foreach (var k in MandatoryHeader)
            Mandatory(header, k, bag);
        if (meta is null)
        {
            bag.Error(header.Line, "META_START", "mandatory metadata block is missing");
            return bag.Result<OcmMessage>(null);
        }
        foreach (var k in MandatoryMetadata)
            Mandatory(meta, k, bag);
        var metaBlock = meta.Keys.Build();
        var tzero = metaBlock.Epoch("EPOCH_TZERO");
        var trajectories = new List<OcmTrajectory>();
        var covariances = new List<OcmCovariance>();
        var others = new List<OcmOtherBlock>();
        foreach (var s in sections)
        {
            var block = s.Keys.Build();
            switch (s.Name)
            {
                case "TRAJ":
                {
                    var type = ElementSet(s, block, "TRAJ_TYPE", bag, out var n);
                    if (type is null) break;
                    CheckUnits(block, "TRAJ_UNITS", n, bag);
                    if (s.Data.Count == 0) bag.Error(s.Line, "TRAJ", "trajectory block without state lines");
                    trajectories.Add(new OcmTrajectory(block, type, Lines(s, n, tzero, bag)));
                    break;
                }
                case "COV":
                {
                    var type = ElementSet(s, block, "COV_TYPE", bag, out var n);
                    if (type is null) break;
                    var ordering = block.Text("COV_ORDERING") ?? "LTM";
                    if (ordering is not ("LTM" or "UTM" or "FULL" or "LTMWCC" or "UTMWCC"))
                    {
                        bag.Error(block.Line("COV_ORDERING"), "COV_ORDERING", $"unknown ordering \"{ordering}\" (LTM, UTM, FULL, LTMWCC, UTMWCC)");
                        break;
                    }
                    var terms = ordering == "FULL" ? n * n : n * (n + 1) / 2;
                    CheckUnits(block, "COV_UNITS", terms, bag);
                    if (s.Data.Count == 0) bag.Error(s.Line, "COV", "covariance block without matrix lines");
                    covariances.Add(new OcmCovariance(block, type, ordering, Lines(s, terms, tzero, bag)));
                    break;
                }
                default:
                    others.Add(new OcmOtherBlock(s.Name, block, s.Data.Select(d => d.Value).ToList()));
                    break;
            }
        }
        return bag.Result(bag.HasErrors ? null : new OcmMessage(header.Keys.Build(), metaBlock, trajectories, covariances, others));
    }

    /// <summary>
    /// The element set a TRAJ or COV block names in <paramref name="keyword"/> (CARTPV, with a warning, where it names
    /// none) and its element count; null, with an error, where it is not one the reader supports.
    /// </summary>
    private static string? ElementSet(Section s, CcsdsBlock block, string keyword, DiagnosticBag bag, out int count)
    {
        var type = block.Text(keyword);
        if (type is null)
        {
            type = "CARTPV";
            bag.Warning(s.Line, keyword, $"{keyword} not given: CARTPV assumed");
        }
        if (OcmKeywords.ElementCounts.TryGetValue(type, out count)) return type;
        bag.Error(block.Line(keyword), keyword, $"unsupported element set \"{type}\" ({string.Join(", ", OcmKeywords.ElementCounts.Keys)})");
        return null;
    }

    private static void AddKeyword(Section s, KvnToken tok, DiagnosticBag bag)
    {
        KeywordSpec? spec = null;
        if (!KeywordTable.IsUserDefined(tok.Key) && !OcmKeywords.Table.TryGet(tok.Key, out spec))
        {
            bag.Error(tok.Line, tok.Key, "unknown keyword for an OCM (CCSDS 502.0-B-3 §6)");
            return;
        }
        var expected = s.Name switch { "META" => OcmKeywords.Metadata, "TRAJ" => OcmKeywords.Trajectory, "COV" => OcmKeywords.Covariance, _ => OcmKeywords.Header };
        if (spec is not null && spec.Section != expected)
        {
            bag.Error(tok.Line, tok.Key, $"keyword does not belong in the {(s.Name == "HEADER" ? "header" : s.Name + " block")}");
            return;
        }
        if (tok.Value.Length > 0 && spec is not null)
            ValueChecks.Check(spec, tok.Value, tok.Key.EndsWith("_UNITS", StringComparison.Ordinal) ? null : tok.Units, tok.Line, bag);
        if (tok.Key == "CCSDS_OCM_VERS" && tok.Value != "3.0")
            bag.Error(tok.Line, tok.Key, $"unsupported OCM version \"{tok.Value}\" (3.0)");
        // A units list such as TRAJ_UNITS = [km,km,km,km/s,km/s,km/s] is all brackets: keep it as the value.
        var value = tok.Value.Length == 0 && tok.Units is not null && tok.Key.EndsWith("_UNITS", StringComparison.Ordinal) ? tok.Units : tok.Value;
        if (!s.Keys.Add(tok.Key, value, tok.Key.EndsWith("_UNITS", StringComparison.Ordinal) ? null : tok.Units, tok.Line, spec?.Order ?? int.MaxValue))
            bag.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {s.Keys.Line(tok.Key)})");
    }

    private static void Mandatory(Section s, string keyword, DiagnosticBag bag)
    {
        if (!s.Keys.Present(keyword))
            bag.Error(s.Line, keyword, "mandatory keyword is missing");
        else if (!s.Keys.Has(keyword))
            bag.Error(s.Keys.Line(keyword), keyword, "mandatory value is empty");
    }

    private static void CheckUnits(CcsdsBlock block, string keyword, int count, DiagnosticBag bag)
    {
        if (block.Text(keyword) is not { } units) return;
        var parts = units.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != count)
            bag.Error(block.Line(keyword), keyword, $"{parts.Length} units given for {count} values");
    }

    private static List<OcmDataLine> Lines(Section s, int count, CcsdsEpoch? tzero, DiagnosticBag bag)
    {
        var list = new List<OcmDataLine>(s.Data.Count);
        foreach (var tok in s.Data)
        {
            var parts = tok.Value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != count + 1)
            {
                bag.Error(tok.Line, s.Name, $"expected a time tag and {count} values, found {parts.Length} fields");
                continue;
            }
            double offset;
            CcsdsEpoch? epoch = null;
            if (CcsdsValues.TryNumber(parts[0], out var rel))
                offset = rel;
            else if (CcsdsEpoch.TryParse(parts[0], out var e))
            {
                epoch = e;
                offset = tzero is { } t0 ? e.SecondsSince(t0) : double.NaN;
            }
            else
            {
                bag.Error(tok.Line, s.Name, $"time tag \"{parts[0]}\" is neither an epoch nor seconds from EPOCH_TZERO");
                continue;
            }
            var values = new double[count];
            var ok = true;
            for (var i = 0; i < count && ok; i++)
            {
                if (!CcsdsValues.TryNumber(parts[i + 1], out values[i]))
                {
                    bag.Error(tok.Line, s.Name, $"value {i + 1} \"{parts[i + 1]}\" is not a number");
                    ok = false;
                }
            }
            if (!ok) continue;
            if (list.Count > 0 && offset < list[^1].OffsetS)
                bag.Error(tok.Line, s.Name, $"time tags decrease ({offset} s after {list[^1].OffsetS} s from EPOCH_TZERO)");
            list.Add(new OcmDataLine(offset, epoch, values, tok.Line));
        }
        return list;
    }
}
