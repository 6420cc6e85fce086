using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Opm;

/// <summary>
/// Reads Orbit Parameter Messages (CCSDS 502.0-B-3 §3; versions 1.0–3.0) in KVN and NDM/XML (bare
/// <c>&lt;opm&gt;</c> or inside an <c>&lt;ndm&gt;</c>). Unknown keywords, unknown frames or time systems,
/// non-numeric values and units other than the standard's are errors naming the line (XML: the
/// element's line) and keyword. Each <c>MAN_EPOCH_IGNITION</c> starts a new manoeuvre.
/// </summary>
public static class OpmReader
{
    private static readonly string[] Mandatory =
        ["CCSDS_OPM_VERS", "CREATION_DATE", "ORIGINATOR", "OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM",
         "EPOCH", "X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"];

    private static readonly HashSet<string> XmlContainers = new(StringComparer.Ordinal)
    {
        "header", "body", "segment", "metadata", "data", "stateVector", "keplerianElements", "spacecraftParameters",
        "covarianceMatrix", "maneuverParameters", "userDefinedParameters",
    };

    /// <summary>Reads an OPM, detecting KVN or XML.</summary>
    public static CcsdsReadResult<OpmMessage> Read(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options))
            return bag.Result<OpmMessage>(null);
        List<KvnToken> tokens;
        if (text.AsSpan().TrimStart(" \t\r\n\uFEFF").StartsWith("<"))
        {
            var doc = SafeXml.Parse(text, new SafeXmlOptions { MaxCharacters = options.MaxCharacters });
            if (!doc.Success)
            {
                bag.Error(XmlTokens.ErrorLine(text, doc), "XML", "not well-formed or forbidden XML: " + doc.Error);
                return bag.Result<OpmMessage>(null);
            }
            var root = doc.Root!;
            var opm = root.Name == "opm" ? root : root.Name == "ndm" ? root.Child("opm") : null;
            if (opm is null)
            {
                bag.Error(root.Line, root.Name, $"expected an <opm> root element (or <ndm> holding one), found <{root.Name}>");
                return bag.Result<OpmMessage>(null);
            }
            tokens = [];
            if (opm.Attributes.TryGetValue("version", out var v))
                tokens.Add(new KvnToken(KvnTokenKind.KeyValue, "CCSDS_OPM_VERS", v, null, opm.Line));
            tokens.AddRange(XmlTokens.Flatten(opm));
        }
        else
        {
            tokens = KvnTokenizer.Tokenize(text);
            if (tokens.Count == 0 || tokens[0].Kind != KvnTokenKind.KeyValue || tokens[0].Key != "CCSDS_OPM_VERS")
            {
                bag.Error(tokens.Count > 0 ? tokens[0].Line : 0, "CCSDS_OPM_VERS", "an OPM must begin with CCSDS_OPM_VERS");
                return bag.Result<OpmMessage>(null);
            }
        }
        return Build(tokens, bag);
    }

    private static CcsdsReadResult<OpmMessage> Build(List<KvnToken> tokens, DiagnosticBag bag)
    {
        var first = tokens.Count > 0 ? tokens[0].Line : 0;
        var header = new BlockBuilder(first);
        var meta = new BlockBuilder(first);
        var data = new BlockBuilder(first);
        var maneuvers = new List<BlockBuilder>();
        var current = header;
        var pending = new List<string>();
        foreach (var raw in tokens)
        {
            var tok = TokenRepair.Units(raw, bag);
            switch (tok.Kind)
            {
                case KvnTokenKind.Comment:
                    pending.Add(tok.Value);
                    break;
                case KvnTokenKind.BlockStart or KvnTokenKind.BlockEnd when XmlContainers.Contains(tok.Key):
                    break;
                case KvnTokenKind.KeyValue:
                {
                    KeywordSpec? spec = null;
                    if (!KeywordTable.IsUserDefined(tok.Key) && !OpmKeywords.Table.TryGet(tok.Key, out spec))
                    {
                        bag.Error(tok.Line, tok.Key, "unknown keyword for an OPM (CCSDS 502.0-B-3 table 3-3)");
                        break;
                    }
                    if (spec is null)
                        current = data;
                    else if (spec.Section == OpmKeywords.Maneuver)
                    {
                        if (tok.Key == "MAN_EPOCH_IGNITION" || maneuvers.Count == 0)
                            maneuvers.Add(new BlockBuilder(tok.Line));
                        current = maneuvers[^1];
                    }
                    else
                        current = spec.Section switch { OpmKeywords.Header => header, OpmKeywords.Metadata => meta, _ => data };
                    foreach (var c in pending) current.Comment(c);
                    pending.Clear();
                    if (tok.Value.Length > 0 && spec is not null)
                        ValueChecks.Check(spec, tok.Value, tok.Units, tok.Line, bag);
                    if (tok.Key == "CCSDS_OPM_VERS" && tok.Value is not ("1.0" or "2.0" or "3.0"))
                        bag.Error(tok.Line, tok.Key, $"unsupported OPM version \"{tok.Value}\" (1.0, 2.0, 3.0)");
                    if (!current.Add(tok.Key, tok.Value, tok.Units, tok.Line, spec?.Order ?? int.MaxValue))
                        bag.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {current.Line(tok.Key)})");
                    break;
                }
                default:
                    bag.Error(tok.Line, tok.Kind == KvnTokenKind.Raw ? "LINE" : tok.Key, $"unexpected \"{tok}\" in an OPM");
                    break;
            }
        }
        foreach (var c in pending) current.Comment(c);
        foreach (var k in Mandatory)
        {
            var b = OpmKeywords.Table.Map[k].Section switch { OpmKeywords.Header => header, OpmKeywords.Metadata => meta, _ => data };
            if (!b.Present(k))
                bag.Error(first, k, "mandatory keyword is missing");
            else if (!b.Has(k))
                bag.Error(b.Line(k), k, "mandatory value is empty");
        }
        foreach (var m in maneuvers)
            foreach (var k in (string[])["MAN_EPOCH_IGNITION", "MAN_DURATION", "MAN_DELTA_MASS", "MAN_REF_FRAME", "MAN_DV_1", "MAN_DV_2", "MAN_DV_3"])
                if (!m.Has(k))
                    bag.Error(m.StartLine, k, "manoeuvre keyword is missing");
        return bag.Result(bag.HasErrors ? null : new OpmMessage(header.Build(), meta.Build(), data.Build(), maneuvers.Select(m => m.Build()).ToList()));
    }
}
