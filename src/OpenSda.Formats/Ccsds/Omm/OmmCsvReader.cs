using nietras.SeparatedValues;
using OpenSda.Formats.Catalog;

namespace OpenSda.Formats.Ccsds.Omm;

/// <summary>
/// Reads OMM keywords laid out as CSV columns, one element set per row, as served by CelesTrak
/// (<c>gp.php?FORMAT=CSV</c>: unquoted, leading-dot numbers such as <c>.1845686</c>) and
/// Space-Track (<c>class/gp/format/csv</c>: every value quoted, extra columns including
/// <c>TLE_LINE0..2</c>). Column order is taken from the header; unknown columns are ignored.
/// Parsing is span-based (Sep) and allocates only the strings kept in each entry.
/// </summary>
internal static class OmmCsvReader
{
    public static void ReadInto(string text, CatalogAccumulator acc)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).FromText(text);
        var header = reader.Header;
        var map = new List<(int Col, OmmKeyword Key)>();
        for (var i = 0; i < header.ColNames.Count; i++)
        {
            var name = header.ColNames[i].Trim().TrimStart('\uFEFF');
            if (OmmKeywords.TryGet(name, out var key) && key is not (OmmKeyword.COMMENT or OmmKeyword.USER_DEFINED))
                map.Add((i, key));
        }
        if (!map.Exists(m => m.Key == OmmKeyword.NORAD_CAT_ID) || !map.Exists(m => m.Key == OmmKeyword.MEAN_MOTION))
        {
            acc.Error(1, "HEADER", "expected a CSV header with OMM keywords (at least NORAD_CAT_ID, EPOCH, MEAN_MOTION, ECCENTRICITY, INCLINATION, RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY)");
            return;
        }
        var fields = new OmmFields();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            fields.Clear();
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
                continue; // blank line
            foreach (var (col, key) in map)
            {
                if (col < row.ColCount)
                    fields.Set(key, row[col].Span, line);
            }
            fields.RecordLine = line;
            OmmRecordBuilder.TryBuild(fields, acc, ccsdsMessage: false);
        }
    }
}
