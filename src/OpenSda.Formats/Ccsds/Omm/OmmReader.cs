using OpenSda.Formats.Catalog;

namespace OpenSda.Formats.Ccsds.Omm;

/// <summary>
/// Reads CCSDS Orbit Mean-elements Messages (CCSDS 502.0-B-3 ODM §4) and the GP feeds built on the
/// OMM keywords, producing catalog entries. Every encoding shares one validator, so a value is
/// checked the same way whichever encoding carried it; errors name the line (and, for XML, the
/// element) and the keyword.
/// </summary>
public static partial class OmmReader
{
    /// <summary>Reads OMM CSV rows (CelesTrak or Space-Track GP CSV).</summary>
    public static CatalogLoadResult ReadCsv(string text, string source, DateTimeOffset? retrievedUtc = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var acc = new CatalogAccumulator(source, CatalogFormat.OmmCsv, retrievedUtc, text.Length / 140);
        OmmCsvReader.ReadInto(text, acc);
        return acc.ToResult();
    }
}
