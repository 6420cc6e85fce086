using System.Text;
using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Formats.Ccsds.Lexical;
using OpenSda.Formats.Ccsds.Ocm;
using OpenSda.Formats.Ccsds.Oem;
using OpenSda.Formats.Ccsds.Omm;
using OpenSda.Formats.Ccsds.Opm;
using OpenSda.Formats.Ccsds.Tdm;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>CCSDS message types.</summary>
public enum CcsdsMessageType
{
    /// <summary>Not recognised.</summary>
    Unknown,
    /// <summary>Conjunction Data Message (508.0-B-1).</summary>
    Cdm,
    /// <summary>Orbit Ephemeris Message (502.0-B-3 §5).</summary>
    Oem,
    /// <summary>Orbit Parameter Message (502.0-B-3 §3).</summary>
    Opm,
    /// <summary>Orbit Mean-elements Message (502.0-B-3 §4).</summary>
    Omm,
    /// <summary>Tracking Data Message (503.0-B-2).</summary>
    Tdm,
    /// <summary>Orbit Comprehensive Message (502.0-B-3 §6): read (KVN).</summary>
    Ocm,
}

/// <summary>Encodings of CCSDS messages.</summary>
public enum CcsdsEncoding
{
    /// <summary>Keyword = value notation.</summary>
    Kvn,
    /// <summary>NDM/XML (CCSDS 505.0-B-2).</summary>
    Xml,
    /// <summary>GP JSON (OMM keywords; CelesTrak/Space-Track).</summary>
    Json,
    /// <summary>GP CSV (OMM keywords as columns; read only).</summary>
    Csv,
}

/// <summary>
/// Any CCSDS message read from a file whose type is found from its content: the first keyword of a
/// KVN message (<c>CCSDS_CDM_VERS</c>, <c>CCSDS_OEM_VERS</c> …), the root element of an XML one (or the
/// first message inside an <c>&lt;ndm&gt;</c>), or a JSON array of OMM objects. Used by
/// <c>opensda ccsds validate|convert</c>.
/// </summary>
public sealed class CcsdsDocument
{
    private CcsdsDocument(CcsdsMessageType type, CcsdsEncoding encoding, object? message, IReadOnlyList<FormatDiagnostic> diagnostics)
    {
        Type = type;
        Encoding = encoding;
        Message = message;
        Diagnostics = diagnostics;
    }

    /// <summary>The message type found.</summary>
    public CcsdsMessageType Type { get; }

    /// <summary>The encoding found.</summary>
    public CcsdsEncoding Encoding { get; }

    /// <summary>
    /// The message: <see cref="CdmMessage"/>, <see cref="OemMessage"/>, <see cref="OpmMessage"/>,
    /// <see cref="TdmMessage"/>, or for OMM the <see cref="CatalogLoadResult"/>; null when invalid.
    /// </summary>
    public object? Message { get; }

    /// <summary>Warnings and errors.</summary>
    public IReadOnlyList<FormatDiagnostic> Diagnostics { get; }

    /// <summary>True when the message was read without error.</summary>
    public bool IsValid => Message is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>Finds the type and encoding of <paramref name="text"/>.</summary>
    public static (CcsdsMessageType Type, CcsdsEncoding Encoding) Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.AsSpan().TrimStart(" \t\r\n\uFEFF");
        if (t.StartsWith("[") || t.StartsWith("{"))
            return (CcsdsMessageType.Omm, CcsdsEncoding.Json);
        var firstLine = t[..Math.Max(0, t.IndexOfAny('\r', '\n') is var nl && nl >= 0 ? nl : t.Length)];
        if (firstLine.Contains(',') && firstLine.Contains("NORAD_CAT_ID", StringComparison.Ordinal))
            return (CcsdsMessageType.Omm, CcsdsEncoding.Csv);
        if (t.StartsWith("<"))
        {
            var doc = SafeXml.Parse(text);
            var root = doc.Root;
            if (root?.Name == "ndm")
                root = root.Children.FirstOrDefault(c => c.Name != "COMMENT");
            return (FromName(root?.Name ?? string.Empty), CcsdsEncoding.Xml);
        }
        foreach (var tok in KvnTokenizer.Tokenize(t.Length > 4096 ? t[..4096] : t))
        {
            if (tok.Kind == KvnTokenKind.KeyValue && tok.Key.StartsWith("CCSDS_", StringComparison.Ordinal) && tok.Key.EndsWith("_VERS", StringComparison.Ordinal))
                return (FromName(tok.Key[6..^5].ToLowerInvariant()), CcsdsEncoding.Kvn);
            break;
        }
        return (CcsdsMessageType.Unknown, CcsdsEncoding.Kvn);
    }

    private static CcsdsMessageType FromName(string name) => name switch
    {
        "cdm" => CcsdsMessageType.Cdm,
        "oem" => CcsdsMessageType.Oem,
        "opm" => CcsdsMessageType.Opm,
        "omm" => CcsdsMessageType.Omm,
        "tdm" => CcsdsMessageType.Tdm,
        "ocm" => CcsdsMessageType.Ocm,
        _ => CcsdsMessageType.Unknown,
    };

    /// <summary>Reads a message of any supported type; never throws for bad content.</summary>
    public static CcsdsDocument Read(string text, string source, CcsdsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CcsdsReadOptions.Default;
        if (text.Length > options.MaxCharacters)
            return Fail(CcsdsMessageType.Unknown, CcsdsEncoding.Kvn, source, 0, "FILE", $"input of {text.Length} characters exceeds the limit of {options.MaxCharacters}");
        var (type, enc) = Detect(text);
        switch (type)
        {
            case CcsdsMessageType.Cdm:
            {
                var r = CdmReader.Read(text, source, options);
                return new CcsdsDocument(type, enc, r.Message, r.Diagnostics);
            }
            case CcsdsMessageType.Oem:
            {
                var r = OemReader.Read(text, source, options);
                return new CcsdsDocument(type, enc, r.Message, r.Diagnostics);
            }
            case CcsdsMessageType.Opm:
            {
                var r = OpmReader.Read(text, source, options);
                return new CcsdsDocument(type, enc, r.Message, r.Diagnostics);
            }
            case CcsdsMessageType.Tdm:
            {
                var r = TdmReader.Read(text, source, options);
                return new CcsdsDocument(type, enc, r.Message, r.Diagnostics);
            }
            case CcsdsMessageType.Omm:
            {
                var r = enc switch
                {
                    CcsdsEncoding.Json => OmmReader.ReadJson(System.Text.Encoding.UTF8.GetBytes(text), source),
                    CcsdsEncoding.Xml => OmmReader.ReadXml(text, source),
                    CcsdsEncoding.Csv => OmmReader.ReadCsv(text, source),
                    _ => OmmReader.ReadKvn(text, source),
                };
                var ok = r.Succeeded && r.RejectedCount == 0 && r.LoadedCount > 0;
                var diags = r.Diagnostics.ToList();
                if (r.Succeeded && r.LoadedCount == 0 && !diags.Any(d => d.IsError))
                    diags.Add(new FormatDiagnostic(DiagnosticSeverity.Error, source, 0, "FILE", "no OMM element set found"));
                return new CcsdsDocument(type, enc, ok ? r : null, diags);
            }
            case CcsdsMessageType.Ocm:
            {
                var r = OcmReader.Read(text, source, options);
                return new CcsdsDocument(type, enc, r.Message, r.Diagnostics);
            }
            default:
            {
                if (enc == CcsdsEncoding.Xml)
                {
                    var doc = SafeXml.Parse(text);
                    if (!doc.Success)
                        return Fail(type, enc, source, XmlTokens.ErrorLine(text, doc), "XML", "not well-formed or forbidden XML: " + doc.Error);
                    return Fail(type, enc, source, doc.Root!.Line, doc.Root.Name, $"<{doc.Root.Name}> is not a CCSDS message (cdm, oem, opm, omm, tdm, ocm or ndm)");
                }
                var first = KvnTokenizer.Tokenize(text).FirstOrDefault();
                return Fail(type, enc, source, first.Line, first.Kind == KvnTokenKind.KeyValue ? first.Key : "CCSDS_xxx_VERS",
                    "not a CCSDS message: the first keyword must be CCSDS_CDM_VERS, CCSDS_OEM_VERS, CCSDS_OPM_VERS, CCSDS_OMM_VERS, CCSDS_TDM_VERS or CCSDS_OCM_VERS");
            }
        }
    }

    private static CcsdsDocument Fail(CcsdsMessageType type, CcsdsEncoding enc, string source, int line, string field, string message) =>
        new(type, enc, null, [new FormatDiagnostic(DiagnosticSeverity.Error, source, line, field, message)]);

    /// <summary>
    /// Writes the message in another encoding: CDM and OEM to KVN or XML; OMM to KVN, XML or JSON.
    /// OPM and TDM are read-only. Null, with the reason, when the conversion is not supported.
    /// </summary>
    public string? Convert(CcsdsEncoding to, out string? error, OmmWriteOptions? ommOptions = null)
    {
        error = null;
        if (!IsValid)
        {
            error = "the message is not valid";
            return null;
        }
        switch (Message)
        {
            case CdmMessage cdm when to != CcsdsEncoding.Json:
                return to == CcsdsEncoding.Kvn ? CdmWriter.WriteKvn(cdm) : CdmWriter.WriteXml(cdm);
            case OemMessage oem when to != CcsdsEncoding.Json:
                return to == CcsdsEncoding.Kvn ? OemWriter.WriteKvn(oem) : OemWriter.WriteXml(oem);
            case CatalogLoadResult omm:
                return to switch
                {
                    CcsdsEncoding.Csv => null,
                    CcsdsEncoding.Kvn => OmmWriter.WriteKvn(omm.Entries, ommOptions),
                    CcsdsEncoding.Xml => OmmWriter.WriteXml(omm.Entries, ommOptions),
                    _ => OmmWriter.WriteJson(omm.Entries, ommOptions),
                };
        }
        error = Message switch
        {
            CdmMessage or OemMessage => $"{Type.ToString().ToUpperInvariant()} converts to kvn or xml (JSON is defined for OMM only)",
            _ => $"{Type.ToString().ToUpperInvariant()} is read-only here (writers exist for CDM, OEM and OMM)",
        };
        return null;
    }
}
