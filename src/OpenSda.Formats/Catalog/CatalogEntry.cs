using OpenSda.Orbits;

namespace OpenSda.Formats.Catalog;

/// <summary>The encoding an element set was read from.</summary>
public enum CatalogFormat
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>Two-line element sets, with or without name lines (2LE / 3LE, NORAD format).</summary>
    Tle,

    /// <summary>CCSDS Orbit Mean-elements Message, keyword = value notation (CCSDS 502.0-B-3 §4).</summary>
    OmmKvn,

    /// <summary>CCSDS OMM in NDM/XML (CCSDS 505.0-B-2), bare <c>&lt;omm&gt;</c> or inside <c>&lt;ndm&gt;</c>.</summary>
    OmmXml,

    /// <summary>OMM keywords as JSON objects (CelesTrak GP JSON with numbers; Space-Track with strings).</summary>
    OmmJson,

    /// <summary>OMM keywords as CSV columns (CelesTrak GP CSV; Space-Track OMM CSV, quoted).</summary>
    OmmCsv,
}

/// <summary>Where a catalog entry came from.</summary>
/// <param name="Source">File path, URL or label of the input.</param>
/// <param name="Line">1-based line where the record starts (TLE line 1, or the name line of a 3LE; KVN first keyword; CSV row; XML element; JSON object).</param>
/// <param name="Format">Encoding the record was read from.</param>
/// <param name="RetrievedUtc">When the input was retrieved, if known (for example the download time of a feed).</param>
public sealed record Provenance(string Source, int Line, CatalogFormat Format, DateTimeOffset? RetrievedUtc = null)
{
    /// <summary><c>SOURCE:LINE</c>.</summary>
    public override string ToString() => $"{Source}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// One element set of a catalog: the <see cref="MeanElements"/> themselves, the catalog number text
/// exactly as the input wrote it (Alpha-5 such as <c>T0288</c>, zero-padded <c>00005</c>, or a plain
/// OMM <c>NORAD_CAT_ID</c> such as <c>270387</c>), so that output can echo the input's spelling, and
/// where the record came from.
/// </summary>
public sealed record CatalogEntry(MeanElements Elements, string CatalogNumberText, Provenance Provenance)
{
    /// <summary>The decoded catalog number (same as <c>Elements.CatalogNumber</c>).</summary>
    public int CatalogNumber => Elements.CatalogNumber;
}
