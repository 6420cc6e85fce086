using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Omm;

public static partial class OmmReader
{
    /// <summary>
    /// Reads one or more OMM KVN messages (each starting with <c>CCSDS_OMM_VERS</c>; CelesTrak's
    /// <c>FORMAT=KVN</c> concatenates them). Unknown keywords, repeated keywords and lines that are
    /// not <c>KEY = value</c> reject their message with an error naming the line and keyword.
    /// <c>USER_DEFINED_*</c> keywords, units in brackets and comments are accepted.
    /// </summary>
    public static CatalogLoadResult ReadKvn(string text, string source, DateTimeOffset? retrievedUtc = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var acc = new CatalogAccumulator(source, CatalogFormat.OmmKvn, retrievedUtc);
        var tokens = KvnTokenizer.Tokenize(text);
        var fields = new OmmFields();
        var open = false;
        var bad = false;

        void Finish()
        {
            if (!open)
                return;
            if (!fields.Has(OmmKeyword.CCSDS_OMM_VERS))
            {
                acc.Error(fields.RecordLine, "CCSDS_OMM_VERS", "mandatory keyword is missing (the first keyword of an OMM)");
                bad = true;
            }
            if (bad)
                acc.Rejected++;
            else
                OmmRecordBuilder.TryBuild(fields, acc, ccsdsMessage: true);
            fields.Clear();
            open = false;
            bad = false;
        }

        foreach (var tok in tokens)
        {
            if (tok.Kind == KvnTokenKind.KeyValue && tok.Key == "CCSDS_OMM_VERS")
                Finish();
            if (!open)
            {
                open = true;
                fields.Clear();
                fields.RecordLine = tok.Line;
            }
            switch (tok.Kind)
            {
                case KvnTokenKind.Comment:
                    break;
                case KvnTokenKind.KeyValue:
                    if (!OmmKeywords.TryGet(tok.Key, out var key) || OmmKeywords.IsGpExtra(key))
                    {
                        acc.Error(tok.Line, tok.Key, "unknown keyword for an OMM (CCSDS 502.0-B-3 §4; use USER_DEFINED_xxx for extensions)");
                        bad = true;
                    }
                    else if (!fields.Set(key, tok.Value, tok.Line))
                    {
                        acc.Error(tok.Line, tok.Key, $"keyword repeated (first given on line {fields.Line(key)})");
                        bad = true;
                    }
                    break;
                case KvnTokenKind.BlockStart or KvnTokenKind.BlockEnd:
                    if (tok.Key != "USER_DEFINED")
                    {
                        acc.Error(tok.Line, tok.Key, "block markers are not part of an OMM KVN message");
                        bad = true;
                    }
                    break;
                default:
                    acc.Error(tok.Line, "LINE", $"expected KEYWORD = value or COMMENT, found \"{Truncate(tok.Value)}\"");
                    bad = true;
                    break;
            }
        }
        Finish();
        if (tokens.Count == 0)
            acc.Error(0, "FILE", "empty input: no OMM keywords");
        return acc.ToResult();
    }

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
