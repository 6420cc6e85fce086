using OpenSda.Formats.Catalog;
using OpenSda.Time;

namespace OpenSda.Cli.Infrastructure;

/// <summary>
/// The catalog a command works on: the file named on the command line, or the bundled snapshot
/// (CelesTrak's on-orbit GP set of 2024-11-01, the input of that day's SOCRATES run).
/// </summary>
public static class CatalogInput
{
    /// <summary>File name of the bundled catalog, under <c>data/catalog/</c> beside the executable.</summary>
    public const string BundledFileName = "celestrak_on_orbit_20241101.csv.gz";

    /// <summary>The time the bundled snapshot describes: screening and summaries default to it.</summary>
    public const string BundledSnapshotUtc = "2024-11-01T00:00:00Z";

    /// <summary>Absolute path of the bundled catalog.</summary>
    public static string BundledPath => Path.Combine(AppContext.BaseDirectory, "data", "catalog", BundledFileName);

    /// <summary>True when <paramref name="path"/> is null (the bundled catalog is meant).</summary>
    public static bool IsBundled(string? path) => path is null;

    /// <summary>
    /// Loads <paramref name="path"/> (or the bundled catalog), with a progress indicator on terminals.
    /// Returns null, after writing the reason to stderr, when the input cannot be read at all.
    /// </summary>
    public static CatalogLoadResult? Load(CliIo io, string? path, bool strict = false, bool quiet = false)
    {
        var file = path ?? BundledPath;
        var result = io.WithProgress("Loading " + Path.GetFileName(file),
            _ => CatalogLoader.LoadFile(file, new CatalogLoadOptions { StrictChecksums = strict }));
        if (!result.Succeeded)
        {
            io.Error(result.FatalError ?? "cannot read " + file);
            return null;
        }
        if (!quiet && result.RejectedCount > 0)
            io.Message($"{Path.GetFileName(file)}: loaded {result.LoadedCount}, rejected {result.RejectedCount} " +
                       $"(see: opensda catalog check {file})");
        return result;
    }

    /// <summary>
    /// The reference time of a catalog: the bundled snapshot's time, or else the newest epoch in it.
    /// </summary>
    public static Instant ReferenceTime(CatalogLoadResult catalog, bool bundled, TimeScales scales)
    {
        if (bundled)
            return Instant.ParseIso(BundledSnapshotUtc, scales.Utc);
        var newest = catalog.Entries.Count == 0
            ? JulianDate.FromCalendar(2000, 1, 1)
            : catalog.Entries.MaxBy(e => e.Elements.EpochUtc.Value)!.Elements.EpochUtc;
        return Instant.FromJulianDate(newest, scales.Utc);
    }

    /// <summary>
    /// The window start of a command: <paramref name="startText"/> when given (ISO-8601 UTC), else the
    /// catalog's <see cref="ReferenceTime"/>. Writes the reason to stderr and returns false on bad text.
    /// </summary>
    public static bool TryResolveStart(CliIo io, string? startText, CatalogLoadResult catalog, string? path,
                                       TimeScales scales, out Instant start)
    {
        if (startText is null)
        {
            start = ReferenceTime(catalog, IsBundled(path), scales);
            return true;
        }
        if (Instant.TryParseIso(startText, scales.Utc, out start, out var error))
            return true;
        io.Error("--start: " + error);
        return false;
    }
}
