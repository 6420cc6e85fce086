using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>
/// Turns an NDM/XML element tree into the token stream of the equivalent KVN message, so that
/// one validator per message type serves both encodings (CCSDS 505.0-B-2 maps each XML leaf element
/// to the KVN keyword of the same name). Leaf elements become <see cref="KvnTokenKind.KeyValue"/>
/// tokens (their <c>units</c> attribute as units; an element with <c>nil="true"</c> or no text as an
/// empty value, which readers treat as absent); <c>COMMENT</c> elements become comments; container
/// elements become <see cref="KvnTokenKind.BlockStart"/>/<see cref="KvnTokenKind.BlockEnd"/> tokens
/// named after the element. Every token carries the element's line.
/// </summary>
internal static class XmlTokens
{
    /// <summary>
    /// The line of an XML error: the parser's, or for a refused DTD (reported before any line is read)
    /// the line of the <c>&lt;!DOCTYPE</c>.
    /// </summary>
    public static int ErrorLine(string text, SafeXmlResult doc)
    {
        if (doc.ErrorLine > 0)
            return doc.ErrorLine;
        var at = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return at < 0 ? 1 : 1 + text.AsSpan(0, at).Count('\n');
    }

    public static List<KvnToken> Flatten(XmlElementNode container)
    {
        var list = new List<KvnToken>();
        Walk(container, list);
        return list;
    }

    private static void Walk(XmlElementNode parent, List<KvnToken> list)
    {
        foreach (var e in parent.Children)
        {
            if (e.Name == "COMMENT")
            {
                list.Add(new KvnToken(KvnTokenKind.Comment, "COMMENT", e.Text, null, e.Line));
            }
            else if (e.Children.Count > 0 || IsContainerName(e.Name))
            {
                list.Add(new KvnToken(KvnTokenKind.BlockStart, e.Name, string.Empty, null, e.Line));
                Walk(e, list);
                list.Add(new KvnToken(KvnTokenKind.BlockEnd, e.Name, string.Empty, null, e.Line));
            }
            else
            {
                var nil = e.Attributes.TryGetValue("nil", out var n) && n == "true";
                var units = e.Units;
                if (e.Name == "USER_DEFINED" && e.Attributes.TryGetValue("parameter", out var p))
                    list.Add(new KvnToken(KvnTokenKind.KeyValue, "USER_DEFINED_" + p, nil ? string.Empty : e.Text, null, e.Line));
                else
                    list.Add(new KvnToken(KvnTokenKind.KeyValue, e.Name, nil ? string.Empty : e.Text, string.IsNullOrEmpty(units) ? null : units, e.Line));
            }
        }
    }

    // Containers are lower-camel-case in NDM/XML; keywords are upper case.
    private static bool IsContainerName(string name) => name.Length > 0 && char.IsLower(name[0]);
}
