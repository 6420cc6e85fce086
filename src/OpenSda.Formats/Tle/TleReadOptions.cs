namespace OpenSda.Formats.Tle;

/// <summary>Options for reading TLE / 3LE text.</summary>
public sealed record TleReadOptions
{
    /// <summary>Defaults: checksum mismatches are warnings.</summary>
    public static TleReadOptions Default { get; } = new();

    /// <summary>
    /// When true, a line whose column-69 checksum is wrong or missing rejects its element set
    /// (error); when false (default) the set is loaded and a warning is reported. Vallado's
    /// verification set deliberately contains bad checksums, so the default is lenient.
    /// </summary>
    public bool StrictChecksums { get; init; }
}
