namespace OpenSda.Formats.Ccsds.Omm;

/// <summary>
/// Keywords of the CCSDS Orbit Mean-elements Message (CCSDS 502.0-B-3, ODM, §4 tables 4-1 to 4-3:
/// header, metadata, mean elements, spacecraft parameters, TLE-related parameters, covariance),
/// followed by the extra columns CelesTrak and Space-Track add to their GP output
/// (<c>SEMIMAJOR_AXIS</c> … <c>TLE_LINE2</c>), which are not CCSDS keywords.
/// </summary>
public enum OmmKeyword
{
    CCSDS_OMM_VERS, COMMENT, CLASSIFICATION, CREATION_DATE, ORIGINATOR, MESSAGE_ID,
    OBJECT_NAME, OBJECT_ID, CENTER_NAME, REF_FRAME, REF_FRAME_EPOCH, TIME_SYSTEM, MEAN_ELEMENT_THEORY,
    EPOCH, SEMI_MAJOR_AXIS, MEAN_MOTION, ECCENTRICITY, INCLINATION, RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY, GM,
    MASS, SOLAR_RAD_AREA, SOLAR_RAD_COEFF, DRAG_AREA, DRAG_COEFF,
    EPHEMERIS_TYPE, CLASSIFICATION_TYPE, NORAD_CAT_ID, ELEMENT_SET_NO, REV_AT_EPOCH, BSTAR, BTERM,
    MEAN_MOTION_DOT, MEAN_MOTION_DDOT, AGOM,
    COV_REF_FRAME,
    CX_X, CY_X, CY_Y, CZ_X, CZ_Y, CZ_Z,
    CX_DOT_X, CX_DOT_Y, CX_DOT_Z, CX_DOT_X_DOT,
    CY_DOT_X, CY_DOT_Y, CY_DOT_Z, CY_DOT_X_DOT, CY_DOT_Y_DOT,
    CZ_DOT_X, CZ_DOT_Y, CZ_DOT_Z, CZ_DOT_X_DOT, CZ_DOT_Y_DOT, CZ_DOT_Z_DOT,

    /// <summary>Any <c>USER_DEFINED_xxx</c> keyword (CCSDS 502.0-B-3 §4.2.4.4).</summary>
    USER_DEFINED,

    // CelesTrak / Space-Track GP extras (not CCSDS).
    SEMIMAJOR_AXIS, PERIOD, APOAPSIS, PERIAPSIS, OBJECT_TYPE, RCS_SIZE, COUNTRY_CODE, LAUNCH_DATE, SITE,
    DECAY_DATE, FILE, GP_ID, TLE_LINE0, TLE_LINE1, TLE_LINE2,
}

/// <summary>Lookup of OMM keyword text.</summary>
public static class OmmKeywords
{
    internal const int Count = (int)OmmKeyword.TLE_LINE2 + 1;

    private static readonly Dictionary<string, OmmKeyword> ByName = BuildMap();
    private static readonly Dictionary<string, OmmKeyword>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, OmmKeyword> BuildMap()
    {
        var d = new Dictionary<string, OmmKeyword>(StringComparer.Ordinal);
        foreach (var k in Enum.GetValues<OmmKeyword>())
            if (k != OmmKeyword.USER_DEFINED)
                d[k.ToString()] = k;
        return d;
    }

    /// <summary>Maps keyword text (case-sensitive, as CCSDS requires) to a keyword; <c>USER_DEFINED_*</c> maps to <see cref="OmmKeyword.USER_DEFINED"/>.</summary>
    public static bool TryGet(ReadOnlySpan<char> name, out OmmKeyword keyword)
    {
        if (BySpan.TryGetValue(name, out keyword))
            return true;
        if (name.StartsWith("USER_DEFINED_", StringComparison.Ordinal))
        {
            keyword = OmmKeyword.USER_DEFINED;
            return true;
        }
        return false;
    }

    /// <summary>True for the CelesTrak / Space-Track columns that are not CCSDS OMM keywords.</summary>
    public static bool IsGpExtra(OmmKeyword k) => k >= OmmKeyword.SEMIMAJOR_AXIS;
}
