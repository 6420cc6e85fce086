using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Cdm;

/// <summary>
/// Reads Conjunction Data Messages (CCSDS 508.0-B-1) in KVN and NDM/XML. Both encodings go through
/// one validator: every keyword must be a CDM 1.0 or CDM 2.0-draft keyword (or <c>USER_DEFINED_*</c>),
/// appear once per section, carry a value of the right kind; the mandatory keywords of 508.0-B-1
/// §3 (header, TCA, MISS_DISTANCE, each object's metadata, state vector and 6×6 RTN covariance) must be
/// present and non-empty. Units that differ from the standard's are warnings, not errors (CARA's
/// sample CDMs write <c>RELATIVE_VELOCITY_R … [m]</c>); the standard's units are assumed. Empty or
/// <c>nil</c> optional values are treated as absent. Every diagnostic names the line (for XML, the
/// element's line) and the keyword.
/// </summary>
public static class CdmReader
{
    private static readonly string[] MandatoryHeader = ["CCSDS_CDM_VERS", "CREATION_DATE", "ORIGINATOR", "MESSAGE_ID"];
    private static readonly string[] MandatoryRelative = ["TCA", "MISS_DISTANCE"];
    private static readonly string[] MandatoryObject =
    [
        "OBJECT", "OBJECT_DESIGNATOR", "CATALOG_NAME", "OBJECT_NAME", "INTERNATIONAL_DESIGNATOR", "EPHEMERIS_NAME",
        "COVARIANCE_METHOD", "MANEUVERABLE", "REF_FRAME", "X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT",
    ];

    private static readonly HashSet<string> XmlContainers = new(StringComparer.Ordinal)
    {
        "header", "body", "relativeMetadataData", "relativeStateVector", "segment", "metadata", "data",
        "odParameters", "additionalParameters", "stateVector", "covarianceMatrix", "userDefinedParameters",
    };

    /// <summary>Reads a CDM, detecting KVN or XML from the first non-blank character.</summary>
    public static CcsdsReadResult<CdmMessage> Read(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().TrimStart(" \t\r\n\uFEFF").StartsWith("<")
            ? ReadXml(text, source, options)
            : ReadKvn(text, source, options);
    }

    /// <summary>Reads a CDM in KVN (508.0-B-1 §6).</summary>
    public static CcsdsReadResult<CdmMessage> ReadKvn(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options ?? CcsdsReadOptions.Default))
            return bag.Result<CdmMessage>(null);
        var tokens = KvnTokenizer.Tokenize(text);
        if (tokens.Count == 0 || tokens[0].Kind != KvnTokenKind.KeyValue || tokens[0].Key != "CCSDS_CDM_VERS")
        {
            var t = tokens.Count > 0 ? tokens[0] : default;
            bag.Error(t.Line, "CCSDS_CDM_VERS", "a CDM must begin with CCSDS_CDM_VERS = 1.0 (or 2.0)");
            return bag.Result<CdmMessage>(null);
        }
        return Build(tokens, bag, xml: false);
    }

    /// <summary>Reads a CDM in NDM/XML (CCSDS 505.0-B-2): a <c>&lt;cdm&gt;</c> root or an <c>&lt;ndm&gt;</c> holding one.</summary>
    public static CcsdsReadResult<CdmMessage> ReadXml(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options))
            return bag.Result<CdmMessage>(null);
        var doc = SafeXml.Parse(text, new SafeXmlOptions { MaxCharacters = options.MaxCharacters });
        if (!doc.Success)
        {
            bag.Error(XmlTokens.ErrorLine(text, doc), "XML", "not well-formed or forbidden XML: " + doc.Error);
            return bag.Result<CdmMessage>(null);
        }
        var root = doc.Root!;
        var cdm = root.Name == "cdm" ? root : root.Name == "ndm" ? root.Child("cdm") : null;
        if (cdm is null)
        {
            bag.Error(root.Line, root.Name, $"expected a <cdm> root element (or <ndm> holding one), found <{root.Name}>");
            return bag.Result<CdmMessage>(null);
        }
        var tokens = new List<KvnToken>();
        if (cdm.Attributes.TryGetValue("version", out var version))
            tokens.Add(new KvnToken(KvnTokenKind.KeyValue, "CCSDS_CDM_VERS", version, null, cdm.Line));
        else
            bag.Error(cdm.Line, "cdm", "the <cdm> element needs a version attribute (CCSDS_CDM_VERS)");
        tokens.AddRange(XmlTokens.Flatten(cdm));
        return Build(tokens, bag, xml: true);
    }

    private static CcsdsReadResult<CdmMessage> Build(List<KvnToken> tokens, DiagnosticBag bag, bool xml)
    {
        var header = new BlockBuilder(tokens.Count > 0 ? tokens[0].Line : 0);
        BlockBuilder? relative = null;
        var objects = new List<BlockBuilder>();
        BlockBuilder current = header;
        var pendingComments = new List<string>();
        var segmentAwaitingObject = false;

        void Switch(BlockBuilder to)
        {
            current = to;
            foreach (var c in pendingComments)
                current.Comment(c);
            pendingComments.Clear();
        }

        BlockBuilder NewObject(int line)
        {
            var b = new BlockBuilder(line);
            objects.Add(b);
            return b;
        }

        foreach (var raw in tokens)
        {
            var tok = TokenRepair.Units(raw, bag);
            switch (tok.Kind)
            {
                case KvnTokenKind.Comment:
                    // A comment describes what follows it: it joins the section of the next keyword.
                    pendingComments.Add(tok.Value);
                    break;
                case KvnTokenKind.BlockStart or KvnTokenKind.BlockEnd when xml:
                    if (!XmlContainers.Contains(tok.Key))
                        bag.Error(tok.Line, tok.Key, $"unexpected element <{tok.Key}> in a CDM");
                    else if (tok.Kind == KvnTokenKind.BlockStart && tok.Key == "segment")
                    {
                        if (objects.Count == 2)
                            bag.Error(tok.Line, "segment", "a CDM describes exactly two objects; a third <segment> was found");
                        else
                        {
                            Switch(NewObject(tok.Line));
                            segmentAwaitingObject = true;
                        }
                    }
                    break;
                case KvnTokenKind.KeyValue:
                {
                    KeywordSpec? spec = null;
                    if (!KeywordTable.IsUserDefined(tok.Key) && !CdmKeywords.TryGet(tok.Key, out spec))
                    {
                        bag.Error(tok.Line, tok.Key, "unknown keyword for a CDM (CCSDS 508.0-B-1; use USER_DEFINED_xxx for extensions)");
                        break;
                    }
                    var order = spec?.Order ?? int.MaxValue;
                    if (spec is not null)
                    {
                        if (spec.Section == CdmKeywords.Header)
                            Switch(header);
                        else if (spec.Section == CdmKeywords.Relative)
                        {
                            if (objects.Count > 0)
                            {
                                bag.Error(tok.Line, tok.Key, "relative metadata/data keyword after the object sections began");
                                break;
                            }
                            Switch(relative ??= new BlockBuilder(tok.Line));
                        }
                        else if (tok.Key == "OBJECT")
                        {
                            if (segmentAwaitingObject)
                                segmentAwaitingObject = false;
                            else if (objects.Count == 2)
                            {
                                bag.Error(tok.Line, "OBJECT", "a CDM describes exactly two objects; a third OBJECT was found");
                                break;
                            }
                            else
                                Switch(NewObject(tok.Line));
                            var expected = objects.Count == 1 ? "OBJECT1" : "OBJECT2";
                            if (!tok.Value.Equals(expected, StringComparison.OrdinalIgnoreCase))
                                bag.Error(tok.Line, "OBJECT", $"expected OBJECT = {expected}, found \"{tok.Value}\"");
                        }
                        else if (objects.Count == 0)
                        {
                            bag.Error(tok.Line, tok.Key, "object keyword before OBJECT = OBJECT1");
                            break;
                        }
                        else
                            Switch(objects[^1]);
                    }
                    else
                        Switch(current);
                    if (tok.Value.Length > 0 && spec is not null)
                        ValueChecks.Check(spec, tok.Value, tok.Units, tok.Line, bag, unitMismatchIsWarning: true);
                    if (!current.Add(tok.Key, tok.Value, tok.Units, tok.Line, order))
                        bag.Error(tok.Line, tok.Key, $"keyword repeated in this section (first given on line {current.Line(tok.Key)})");
                    break;
                }
                default:
                    bag.Error(tok.Line, tok.Kind == KvnTokenKind.Raw ? "LINE" : tok.Key,
                        $"expected KEYWORD = value or COMMENT, found \"{Truncate(tok.ToString())}\"");
                    break;
            }
        }

        Switch(current);
        Mandatory(header, MandatoryHeader, bag);
        var version = header.Build().Text("CCSDS_CDM_VERS");
        if (version is not null && version is not ("1.0" or "2.0"))
            bag.Error(header.Line("CCSDS_CDM_VERS"), "CCSDS_CDM_VERS", $"unsupported CDM version \"{version}\" (1.0, or the 2.0 draft)");
        if (relative is null)
            foreach (var k in MandatoryRelative)
                bag.Error(header.StartLine, k, "mandatory keyword is missing (value for key " + k + " has not been initialized)");
        else
            Mandatory(relative, MandatoryRelative, bag);
        if (objects.Count < 2)
            bag.Error(objects.Count == 0 ? header.StartLine : objects[0].StartLine, "OBJECT",
                $"a CDM needs OBJECT1 and OBJECT2 sections; found {objects.Count}");
        foreach (var o in objects)
        {
            Mandatory(o, MandatoryObject, bag, o.Seen.ContainsKey("OBJECT") ? " of " + o.Build().Text("OBJECT") : "");
            CheckCovariance(o, bag);
        }
        if (bag.HasErrors)
            return bag.Result<CdmMessage>(null);
        return bag.Result(new CdmMessage(header.Build(), relative!.Build(), objects[0].Build(), objects[1].Build()));
    }

    private static void Mandatory(BlockBuilder b, string[] keys, DiagnosticBag bag, string where = "")
    {
        foreach (var k in keys)
        {
            if (!b.Present(k))
                bag.Error(b.StartLine, k, $"mandatory keyword{where} is missing (value for key {k} has not been initialized)");
            else if (!b.Has(k))
                bag.Error(b.Line(k), k, $"mandatory value{where} is empty (value for key {k} has not been initialized)");
        }
    }

    private static void CheckCovariance(BlockBuilder o, DiagnosticBag bag)
    {
        var block = o.Build();
        var dim = CdmCovariance.DimensionIn(block);
        var label = block.Text("OBJECT") ?? "object";
        for (var i = 0; i < dim; i++)
            for (var j = 0; j <= i; j++)
            {
                var k = CdmKeywords.RtnCovarianceKeyword(i, j);
                if (!o.Present(k))
                    bag.Error(o.StartLine, k, $"RTN covariance term of {label} is missing ({dim}x{dim} lower triangle; value for key {k} has not been initialized)");
                else if (!o.Has(k))
                    bag.Error(o.Line(k), k, $"RTN covariance term of {label} is empty (value for key {k} has not been initialized)");
            }
    }

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
