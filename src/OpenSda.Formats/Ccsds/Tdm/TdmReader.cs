using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Tdm;

/// <summary>
/// Reads Tracking Data Messages (CCSDS 503.0-B-2) in KVN and NDM/XML. Each segment's TIME_SYSTEM must
/// be a CCSDS time system (segments may differ, as 503.0-B-2 allows); unknown metadata or observable
/// keywords, bad epochs and bad numbers are errors naming the line (XML: element line) and keyword.
/// </summary>
public static class TdmReader
{
    /// <summary>Reads a TDM, detecting KVN or XML.</summary>
    public static CcsdsReadResult<TdmMessage> Read(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        var bag = new DiagnosticBag(source);
        if (!bag.CheckSize(text, options))
            return bag.Result<TdmMessage>(null);
        var header = new BlockBuilder(1);
        var segments = new List<TdmSegment>();
        var dataLines = 0;

        void AddObservation(List<TdmObservation> list, string key, string epochText, string valueText, string? units, int line)
        {
            if (++dataLines > options.MaxDataLines)
            {
                if (dataLines == options.MaxDataLines + 1)
                    bag.Error(line, key, $"more than {options.MaxDataLines} observations");
                return;
            }
            if (!TdmKeywords.Observables.TryGetValue(key, out var expectedUnits))
            {
                bag.Error(line, key, "unknown observable keyword in a TDM data section (CCSDS 503.0-B-2 §3.5)");
                return;
            }
            if (!CcsdsEpoch.TryParse(epochText, out var epoch))
            {
                bag.Error(line, key, $"expected an epoch before the value, found \"{epochText}\"");
                return;
            }
            if (!CcsdsValues.TryNumber(valueText, out var value))
            {
                bag.Error(line, key, $"expected a number after the epoch, found \"{valueText}\"");
                return;
            }
            if (!CcsdsValues.UnitsAgree(units, expectedUnits))
                bag.Warning(line, key, $"units [{units}] differ from the standard's ([{expectedUnits}])");
            list.Add(new TdmObservation(key, epoch, value, line));
        }

        void MetaKey(BlockBuilder meta, KvnToken tok)
        {
            if (!TdmKeywords.Table.TryGet(tok.Key, out var spec) || spec.Section != TdmKeywords.Metadata)
            {
                bag.Error(tok.Line, tok.Key, "unknown keyword for TDM metadata (CCSDS 503.0-B-2 table 3-3)");
                return;
            }
            if (tok.Value.Length > 0)
                ValueChecks.Check(spec, tok.Value, tok.Units, tok.Line, bag, unitMismatchIsWarning: true);
            if (!meta.Add(tok.Key, tok.Value, tok.Units, tok.Line, spec.Order))
                bag.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {meta.Line(tok.Key)})");
        }

        void HeaderKey(KvnToken tok)
        {
            if (!TdmKeywords.Table.TryGet(tok.Key, out var spec) || spec.Section != TdmKeywords.Header)
            {
                bag.Error(tok.Line, tok.Key, "unknown keyword for a TDM header");
                return;
            }
            if (tok.Value.Length > 0)
                ValueChecks.Check(spec, tok.Value, tok.Units, tok.Line, bag);
            if (tok.Key == "CCSDS_TDM_VERS" && tok.Value is not ("1.0" or "2.0"))
                bag.Error(tok.Line, tok.Key, $"unsupported TDM version \"{tok.Value}\" (1.0, 2.0)");
            if (!header.Add(tok.Key, tok.Value, tok.Units, tok.Line, spec.Order))
                bag.Error(tok.Line, tok.Key, "keyword repeated");
        }

        void Finish(BlockBuilder meta, List<string> comments, List<TdmObservation> obs)
        {
            foreach (var k in (string[])["TIME_SYSTEM", "PARTICIPANT_1"])
                if (!meta.Has(k))
                    bag.Error(meta.Line(k), k, "mandatory metadata keyword is missing or empty");
            segments.Add(new TdmSegment(meta.Build(), comments, obs));
        }

        if (text.AsSpan().TrimStart(" \t\r\n\uFEFF").StartsWith("<"))
        {
            var doc = SafeXml.Parse(text, new SafeXmlOptions { MaxCharacters = options.MaxCharacters });
            if (!doc.Success)
            {
                bag.Error(XmlTokens.ErrorLine(text, doc), "XML", "not well-formed or forbidden XML: " + doc.Error);
                return bag.Result<TdmMessage>(null);
            }
            var root = doc.Root!;
            var tdm = root.Name == "tdm" ? root : root.Name == "ndm" ? root.Child("tdm") : null;
            if (tdm is null)
            {
                bag.Error(root.Line, root.Name, $"expected a <tdm> root element, found <{root.Name}>");
                return bag.Result<TdmMessage>(null);
            }
            header.StartLine = tdm.Line;
            if (tdm.Attributes.TryGetValue("version", out var v))
                HeaderKey(new KvnToken(KvnTokenKind.KeyValue, "CCSDS_TDM_VERS", v, null, tdm.Line));
            foreach (var part in tdm.Children)
            {
                if (part.Name == "header")
                {
                    foreach (var t in XmlTokens.Flatten(part))
                        if (t.Kind == KvnTokenKind.Comment) header.Comment(t.Value);
                        else if (t.Kind == KvnTokenKind.KeyValue) HeaderKey(t);
                }
                else if (part.Name == "body")
                {
                    foreach (var seg in part.Children.Where(c => c.Name == "segment"))
                    {
                        var meta = new BlockBuilder(seg.Line);
                        var comments = new List<string>();
                        var obs = new List<TdmObservation>();
                        foreach (var t in seg.Child("metadata") is { } m ? XmlTokens.Flatten(m) : [])
                            if (t.Kind == KvnTokenKind.Comment) meta.Comment(t.Value);
                            else if (t.Kind == KvnTokenKind.KeyValue) MetaKey(meta, t);
                        foreach (var e in seg.Child("data")?.Children ?? [])
                        {
                            if (e.Name == "COMMENT") { comments.Add(e.Text); continue; }
                            if (e.Name != "observation") { bag.Error(e.Line, e.Name, $"unexpected element <{e.Name}> in <data>"); continue; }
                            var epoch = e.Child("EPOCH");
                            var value = e.Children.FirstOrDefault(c => c.Name != "EPOCH");
                            if (epoch is null || value is null)
                                bag.Error(e.Line, epoch is null ? "EPOCH" : "observation", "an <observation> needs EPOCH and one observable");
                            else
                                AddObservation(obs, value.Name, epoch.Text, value.Text, value.Units, value.Line);
                        }
                        Finish(meta, comments, obs);
                    }
                }
            }
        }
        else
        {
            var tokens = KvnTokenizer.Tokenize(text);
            if (tokens.Count == 0 || tokens[0].Kind != KvnTokenKind.KeyValue || tokens[0].Key != "CCSDS_TDM_VERS")
            {
                bag.Error(tokens.Count > 0 ? tokens[0].Line : 0, "CCSDS_TDM_VERS", "a TDM must begin with CCSDS_TDM_VERS");
                return bag.Result<TdmMessage>(null);
            }
            var state = "HEADER";
            BlockBuilder? meta = null;
            var comments = new List<string>();
            var obs = new List<TdmObservation>();
            foreach (var raw in tokens)
            {
                var tok = TokenRepair.Units(raw, bag);
                switch (state, tok.Kind)
                {
                    case ("HEADER", KvnTokenKind.Comment): header.Comment(tok.Value); break;
                    case ("HEADER", KvnTokenKind.KeyValue): HeaderKey(tok); break;
                    case ("HEADER" or "BETWEEN", KvnTokenKind.BlockStart) when tok.Key == "META":
                        meta = new BlockBuilder(tok.Line); comments = []; obs = []; state = "META"; break;
                    case ("META", KvnTokenKind.Comment): meta!.Comment(tok.Value); break;
                    case ("META", KvnTokenKind.KeyValue): MetaKey(meta!, tok); break;
                    case ("META", KvnTokenKind.BlockEnd) when tok.Key == "META": state = "AFTERMETA"; break;
                    case ("AFTERMETA", KvnTokenKind.BlockStart) when tok.Key == "DATA": state = "DATA"; break;
                    case ("DATA", KvnTokenKind.Comment): comments.Add(tok.Value); break;
                    case ("DATA", KvnTokenKind.KeyValue):
                    {
                        var parts = tok.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length != 2)
                            bag.Error(tok.Line, tok.Key, $"a TDM data line is KEYWORD = epoch value; found \"{tok.Value}\"");
                        else
                            AddObservation(obs, tok.Key, parts[0], parts[1], tok.Units, tok.Line);
                        break;
                    }
                    case ("DATA", KvnTokenKind.BlockEnd) when tok.Key == "DATA":
                        Finish(meta!, comments, obs); state = "BETWEEN"; break;
                    case (_, KvnTokenKind.Comment) when state is "AFTERMETA" or "BETWEEN": comments.Add(tok.Value); break;
                    default:
                        bag.Error(tok.Line, tok.Kind == KvnTokenKind.Raw ? "LINE" : tok.Key, $"unexpected \"{tok}\" in a TDM ({state} section)");
                        break;
                }
            }
            if (state is "META" or "AFTERMETA" or "DATA")
                bag.Error(tokens[^1].Line, state == "META" ? "META_STOP" : "DATA_STOP", "block not closed");
        }
        foreach (var k in (string[])["CCSDS_TDM_VERS", "CREATION_DATE", "ORIGINATOR"])
            if (!header.Has(k))
                bag.Error(header.Line(k), k, "mandatory header keyword is missing or empty");
        if (segments.Count == 0)
            bag.Error(header.StartLine, "META_START", "a TDM needs at least one segment");
        return bag.Result(bag.HasErrors ? null : new TdmMessage(header.Build(), segments));
    }
}
