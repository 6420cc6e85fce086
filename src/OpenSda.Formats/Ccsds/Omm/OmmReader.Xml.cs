using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Lexical;

namespace OpenSda.Formats.Ccsds.Omm;

public static partial class OmmReader
{
    private static readonly HashSet<string> XmlContainers = new(StringComparer.Ordinal)
    {
        "header", "body", "segment", "metadata", "data", "meanElements", "spacecraftParameters",
        "tleParameters", "covarianceMatrix", "userDefinedParameters",
    };

    /// <summary>
    /// Reads OMM XML (CCSDS 505.0-B-2 NDM/XML): a bare <c>&lt;omm&gt;</c>, or an <c>&lt;ndm&gt;</c>
    /// holding any number of them (CelesTrak's <c>FORMAT=XML</c>). Parsed with <see cref="SafeXml"/>
    /// (no DTD, no resolver). Errors name the line and the element; unexpected or repeated sections
    /// (a second <c>&lt;metadata&gt;</c>) and unknown elements reject their message.
    /// </summary>
    public static CatalogLoadResult ReadXml(string text, string source, DateTimeOffset? retrievedUtc = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var acc = new CatalogAccumulator(source, CatalogFormat.OmmXml, retrievedUtc);
        var doc = SafeXml.Parse(text);
        if (!doc.Success)
        {
            acc.Error(doc.ErrorLine, "XML", "not well-formed or forbidden XML: " + doc.Error);
            return new CatalogLoadResult(source, CatalogFormat.OmmXml, [], acc.Diagnostics, 0, "XML error: " + doc.Error);
        }
        var root = doc.Root!;
        IEnumerable<XmlElementNode> messages = root.Name switch
        {
            "omm" => [root],
            "ndm" => root.Children.Where(c => c.Name == "omm"),
            _ => [],
        };
        var fields = new OmmFields();
        var any = false;
        foreach (var omm in messages)
        {
            any = true;
            fields.Clear();
            fields.RecordLine = omm.Line;
            var bad = false;
            if (omm.Attributes.TryGetValue("version", out var version))
                fields.Set(OmmKeyword.CCSDS_OMM_VERS, version, omm.Line);
            else
            {
                acc.Error(omm.Line, "omm", "the <omm> element needs a version attribute (CCSDS_OMM_VERS)");
                bad = true;
            }
            bad |= !Walk(omm, fields, acc);
            if (bad)
                acc.Rejected++;
            else
                OmmRecordBuilder.TryBuild(fields, acc, ccsdsMessage: true);
        }
        if (!any)
            acc.Error(root.Line, root.Name, $"expected <omm> or <ndm> containing <omm> as the root element, found <{root.Name}>");
        if (root.Name == "ndm")
            foreach (var other in root.Children.Where(c => c.Name != "omm"))
                acc.Warning(other.Line, other.Name, $"<{other.Name}> inside <ndm> is not an OMM; skipped");
        return acc.ToResult();
    }

    private static bool Walk(XmlElementNode parent, OmmFields fields, CatalogAccumulator acc)
    {
        var ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in parent.Children)
        {
            if (XmlContainers.Contains(e.Name))
            {
                if (!seen.Add(e.Name))
                {
                    acc.Error(e.Line, e.Name, $"unexpected second <{e.Name}> element in <{parent.Name}>");
                    ok = false;
                    continue;
                }
                ok &= Walk(e, fields, acc);
                continue;
            }
            if (e.Children.Count > 0 || !OmmKeywords.TryGet(e.Name, out var key) || OmmKeywords.IsGpExtra(key))
            {
                acc.Error(e.Line, e.Name, $"unexpected element <{e.Name}> in <{parent.Name}> (path {e.Path})");
                ok = false;
                continue;
            }
            if (!fields.Set(key, e.Text, e.Line))
            {
                acc.Error(e.Line, e.Name, $"element <{e.Name}> repeated (first on line {fields.Line(key)})");
                ok = false;
            }
        }
        return ok;
    }
}
