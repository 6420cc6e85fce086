using System.Xml;

namespace OpenSda.Formats.Ccsds.Lexical;

/// <summary>
/// One element of an XML document read by <see cref="SafeXml"/>: name, attributes, text content
/// (for leaf elements) and children, with the 1-based line and column where its start tag begins.
/// </summary>
public sealed class XmlElementNode
{
    internal XmlElementNode(string name, int line, int column, XmlElementNode? parent)
    {
        Name = name;
        Line = line;
        Column = column;
        Parent = parent;
    }

    /// <summary>Local name (namespace prefix removed).</summary>
    public string Name { get; }

    /// <summary>1-based line of the start tag.</summary>
    public int Line { get; }

    /// <summary>1-based column of the start tag.</summary>
    public int Column { get; }

    /// <summary>The enclosing element, null for the root.</summary>
    public XmlElementNode? Parent { get; }

    /// <summary>Attributes by local name (for example <c>units</c>, <c>version</c>, <c>id</c>).</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Child elements in document order.</summary>
    public List<XmlElementNode> Children { get; } = [];

    /// <summary>Concatenated text content, trimmed; empty for <c>&lt;X/&gt;</c> and <c>&lt;X&gt;&lt;/X&gt;</c>.</summary>
    public string Text { get; internal set; } = string.Empty;

    /// <summary>The <c>units</c> attribute, or null.</summary>
    public string? Units => Attributes.TryGetValue("units", out var u) ? u : null;

    /// <summary>The path from the root, such as <c>omm/body/segment/metadata/OBJECT_ID</c>.</summary>
    public string Path => Parent is null ? Name : Parent.Path + "/" + Name;

    /// <summary>First child with that name, or null.</summary>
    public XmlElementNode? Child(string name) => Children.Find(c => c.Name == name);

    /// <summary>All descendants (depth first, document order).</summary>
    public IEnumerable<XmlElementNode> Descendants()
    {
        foreach (var c in Children)
        {
            yield return c;
            foreach (var d in c.Descendants())
                yield return d;
        }
    }
}

/// <summary>Outcome of <see cref="SafeXml.Parse(TextReader, SafeXmlOptions?)"/>: the root element, or an error with its position.</summary>
public sealed record SafeXmlResult(XmlElementNode? Root, string? Error, int ErrorLine, int ErrorColumn)
{
    /// <summary>True when the document was read.</summary>
    public bool Success => Root is not null;
}

/// <summary>Limits for <see cref="SafeXml"/>.</summary>
public sealed record SafeXmlOptions
{
    /// <summary>Defaults: 256 MiB of characters, depth 64.</summary>
    public static SafeXmlOptions Default { get; } = new();

    /// <summary>Largest document accepted, in characters.</summary>
    public long MaxCharacters { get; init; } = 256L << 20;

    /// <summary>Deepest element nesting accepted.</summary>
    public int MaxDepth { get; init; } = 64;
}

/// <summary>
/// Reads XML (CCSDS NDM/XML, CCSDS 505.0-B-2) into a small element tree with line information,
/// hardened against hostile input: DTDs are prohibited (so no entity expansion, "billion laughs",
/// or external entities — XXE, OWASP XML External Entity Prevention), no resolver is set (nothing is
/// ever fetched), and document size and depth are bounded. Schema locations are not followed;
/// namespaces are reduced to local names (CelesTrak writes an invalid <c>https://</c> XSI namespace,
/// which is therefore harmless). Never throws for bad input; returns the XML error and its position.
/// </summary>
public static class SafeXml
{
    /// <summary>Parses a document from text.</summary>
    public static SafeXmlResult Parse(string text, SafeXmlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Parse(reader, options);
    }

    /// <summary>Parses a document from a text reader.</summary>
    public static SafeXmlResult Parse(TextReader text, SafeXmlOptions? options = null)
    {
        options ??= SafeXmlOptions.Default;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        XmlElementNode? root = null;
        XmlElementNode? current = null;
        XmlReader? xr = null;
        IXmlLineInfo? info = null;
        try
        {
            xr = XmlReader.Create(text, settings);
            info = xr as IXmlLineInfo;
            var depth = 0;
            while (xr.Read())
            {
                switch (xr.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        var node = new XmlElementNode(xr.LocalName, info?.LineNumber ?? 0, info?.LinePosition ?? 0, current);
                        if (xr.HasAttributes)
                        {
                            while (xr.MoveToNextAttribute())
                                if (xr.Prefix != "xmlns" && xr.LocalName != "xmlns")
                                    node.Attributes[xr.LocalName] = xr.Value;
                            xr.MoveToElement();
                        }
                        if (current is null)
                            root = node;
                        else
                            current.Children.Add(node);
                        if (!xr.IsEmptyElement)
                        {
                            current = node;
                            if (++depth > options.MaxDepth)
                                return new SafeXmlResult(null, $"elements nested deeper than {options.MaxDepth}", node.Line, node.Column);
                        }
                        break;
                    }
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                        if (current is not null)
                            current.Text = (current.Text + xr.Value).Trim();
                        break;
                    case XmlNodeType.EndElement:
                        current = current?.Parent;
                        depth--;
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            var line = ex.LineNumber != 0 ? ex.LineNumber : info?.LineNumber ?? 0;
            var col = ex.LineNumber != 0 ? ex.LinePosition : info?.LinePosition ?? 0;
            return new SafeXmlResult(null, ex.Message, line, col);
        }
        finally
        {
            xr?.Dispose();
        }
        return root is null
            ? new SafeXmlResult(null, "no root element", 0, 0)
            : new SafeXmlResult(root, null, 0, 0);
    }
}
