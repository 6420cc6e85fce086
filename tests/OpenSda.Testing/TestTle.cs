using OpenSda.Formats.Catalog;
using OpenSda.Formats.Tle;
using OpenSda.Orbits;

namespace OpenSda.Testing;

/// <summary>
/// Element sets for tests and benchmarks, read through the product's own TLE reader
/// (<see cref="TleParser"/>, <see cref="CatalogLoader"/>), so the SGP4 vectors also exercise the
/// reader's quirks (bad checksums, Alpha-5, columns past 69).
/// </summary>
public static class TestTle
{
    /// <summary>Every (line 1, line 2) pair of a TLE/3LE file as written (columns past 69 kept); comments (#) and names skipped.</summary>
    public static IReadOnlyList<(string Line1, string Line2)> ReadPairs(string path)
    {
        var pairs = new List<(string, string)>();
        string? line1 = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r', '\n');
            if (line.StartsWith('#')) continue;
            if (line.StartsWith("1 ", StringComparison.Ordinal)) { line1 = line; continue; }
            if (line.StartsWith("2 ", StringComparison.Ordinal) && line1 is not null)
            {
                pairs.Add((line1, line));
                line1 = null;
            }
        }
        return pairs;
    }

    /// <summary>Every element set of a catalog file, in file order; fails the test if any record is rejected.</summary>
    public static IReadOnlyList<MeanElements> ReadFile(string path)
    {
        var result = CatalogLoader.LoadFile(path);
        if (!result.Succeeded || result.RejectedCount > 0)
            throw new InvalidDataException($"{path}: {result.FatalError ?? string.Join('\n', result.Errors)}");
        return result.Entries.Select(e => e.Elements).ToList();
    }

    /// <summary>Parses one TLE from its two lines; fails the test if the reader rejects it.</summary>
    public static MeanElements Parse(string line1, string line2)
    {
        var result = TleParser.Parse(line1, line2);
        return result.Entry?.Elements
               ?? throw new InvalidDataException(string.Join('\n', result.Diagnostics));
    }
}
