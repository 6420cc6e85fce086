using OpenSda.Formats.Catalog;

namespace OpenSda.Formats.Ccsds.Omm;

public static partial class OmmReader
{
    public static CatalogLoadResult ReadKvn(string text, string source, DateTimeOffset? retrievedUtc = null) =>
        CatalogLoadResult.Failed(source, "OMM KVN reader not yet available", CatalogFormat.OmmKvn);

    public static CatalogLoadResult ReadXml(string text, string source, DateTimeOffset? retrievedUtc = null) =>
        CatalogLoadResult.Failed(source, "OMM XML reader not yet available", CatalogFormat.OmmXml);

    public static CatalogLoadResult ReadJson(byte[] utf8, string source, DateTimeOffset? retrievedUtc = null) =>
        CatalogLoadResult.Failed(source, "OMM JSON reader not yet available", CatalogFormat.OmmJson);
}
