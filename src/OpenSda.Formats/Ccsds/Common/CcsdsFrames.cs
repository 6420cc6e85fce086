using System.Text.RegularExpressions;
using OpenSda.Frames;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>
/// Reference-frame names of CCSDS messages (CCSDS 502.0-B-3 Annex A §A2 and the SANA
/// celestial-body and orbit-relative frame registries). <see cref="IsKnown"/> accepts every name
/// those define (EME2000, GCRF, ICRF, ITRF2000, ITRF-93, ITRF-97, ITRF1997 …, MCI, TDR, TEME, TOD,
/// MOD, GTOD, … and the local orbital frames RTN/RSW/TNW/RIC/QSW/LVLH used by covariances and
/// manoeuvres). <see cref="TryResolve"/> maps the Earth-centred inertial and Earth-fixed ones onto
/// the foundation's <see cref="FrameTree"/>:
/// EME2000/J2000/GCRF/ICRF → GCRF (the IAU-76/FK5 root; ICRF and EME2000 differ from it by the ~20 mas
/// frame bias), MOD → MOD, TOD → TOD, TEME → TEME, TDR/GTOD/PEF → PEF, any ITRF realisation → ITRF.
/// Anything else (another centre, an orbit-relative frame) is an explicit error.
/// </summary>
public static partial class CcsdsFrames
{
    private static readonly HashSet<string> KnownCelestial = new(StringComparer.Ordinal)
    {
        "EME2000", "J2000", "GCRF", "ICRF", "ITRF", "ITRS", "MCI", "TDR", "TEME", "TOD", "MOD", "GTOD", "PEF",
        "CIRF", "TIRF", "ECLIPJ2000", "B1950", "GRC", "IAU_EARTH", "IAU_MARS", "IAU_MOON",
    };

    private static readonly HashSet<string> KnownLocal = new(StringComparer.Ordinal)
    {
        "RTN", "RSW", "RIC", "TNW", "QSW", "LVLH", "VNC", "NTW", "PQW", "EQW", "SEZ", "TVN",
    };

    [GeneratedRegex("^ITRF(-?)([0-9]{2}|[0-9]{4})$")]
    private static partial Regex ItrfRealisation();

    /// <summary>True for a frame name CCSDS defines (case-insensitive).</summary>
    public static bool IsKnown(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        var n = name.Trim().ToUpperInvariant();
        return KnownCelestial.Contains(n) || KnownLocal.Contains(n) || ItrfRealisation().IsMatch(n);
    }

    /// <summary>True for an orbit-relative (local) frame such as RTN, used by covariance and manoeuvre blocks.</summary>
    public static bool IsLocalOrbital(string? name) => name is not null && KnownLocal.Contains(name.Trim().ToUpperInvariant());

    /// <summary>
    /// The frame of <paramref name="frames"/> that <paramref name="name"/> denotes, for an Earth-centred
    /// message (<paramref name="centerName"/> EARTH or null), or an error saying why there is none.
    /// </summary>
    public static bool TryResolve(string? name, string? centerName, FrameTree frames, out Frame frame, out string? error)
    {
        ArgumentNullException.ThrowIfNull(frames);
        frame = null!;
        error = null;
        if (!IsKnown(name))
        {
            error = $"\"{name}\" is not a CCSDS reference frame";
            return false;
        }
        if (centerName is not null && !centerName.Trim().Equals("EARTH", StringComparison.OrdinalIgnoreCase))
        {
            error = $"frames centred on {centerName.Trim()} are not supported (only EARTH)";
            return false;
        }
        var n = name!.Trim().ToUpperInvariant();
        frame = n switch
        {
            "EME2000" or "J2000" or "GCRF" or "ICRF" => frames.Gcrf,
            "MOD" => frames.Mod,
            "TOD" => frames.Tod,
            "TEME" => frames.Teme,
            "TDR" or "GTOD" or "PEF" => frames.Pef,
            _ when n is "ITRF" or "ITRS" || ItrfRealisation().IsMatch(n) => frames.Itrf,
            _ => null!,
        };
        if (frame is null)
        {
            error = $"reference frame {n} is not supported for conversion (supported: EME2000, J2000, GCRF, ICRF, MOD, TOD, TEME, TDR, ITRF*)";
            return false;
        }
        return true;
    }
}
