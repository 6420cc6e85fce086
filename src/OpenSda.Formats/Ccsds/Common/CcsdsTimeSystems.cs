using OpenSda.Time;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>
/// The <c>TIME_SYSTEM</c> values of CCSDS navigation data messages (CCSDS 502.0-B-3 Annex B §B2 and
/// the SANA time-system registry): GMST, GPS, MET, MRT, SCLK, TAI, TCB, TDB, TCG, TT, UT1, UTC
/// (and TDT, the old name of TT). A message naming any of these is well formed. Only UTC, TAI, TT,
/// GPS and UT1 can be converted to instants here (with <see cref="TimeScales"/>); the others
/// (mission-relative, planetary, barycentric or spacecraft-clock times) are refused with a clear
/// error, never guessed.
/// </summary>
public static class CcsdsTimeSystems
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "GMST", "GPS", "MET", "MRT", "SCLK", "TAI", "TCB", "TDB", "TCG", "TT", "TDT", "UT1", "UTC",
    };

    /// <summary>True for a time-system name CCSDS defines (case-insensitive: files write <c>utc</c> too).</summary>
    public static bool IsKnown(string? name) => name is not null && Known.Contains(name.Trim().ToUpperInvariant());

    /// <summary>True for the time systems that convert to instants: UTC, TAI, TT (TDT), GPS, UT1.</summary>
    public static bool IsSupported(string? name) =>
        name is not null && name.Trim().ToUpperInvariant() is "UTC" or "TAI" or "TT" or "TDT" or "GPS" or "UT1";

    /// <summary>The scale for <paramref name="name"/>, or an error saying why there is none.</summary>
    public static bool TryResolve(string? name, TimeScales scales, out TimeScale scale, out string? error)
    {
        ArgumentNullException.ThrowIfNull(scales);
        scale = null!;
        error = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "no TIME_SYSTEM given";
            return false;
        }
        if (!IsKnown(name))
        {
            error = $"\"{name}\" is not a CCSDS time system (GMST, GPS, MET, MRT, SCLK, TAI, TCB, TDB, TCG, TT, UT1, UTC)";
            return false;
        }
        if (!IsSupported(name) || !scales.TryGetScale(name.Trim(), out scale))
        {
            error = $"time system {name.Trim().ToUpperInvariant()} is not supported for conversion (supported: UTC, TAI, TT, GPS, UT1)";
            return false;
        }
        return true;
    }
}
