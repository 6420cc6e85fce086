using OpenSda.Formats.Ccsds.Common;
using K = OpenSda.Formats.Ccsds.Common.CcsdsValueKind;

namespace OpenSda.Formats.Ccsds.Cdm;

/// <summary>
/// Keywords of the Conjunction Data Message, CCSDS 508.0-B-1 (CDM 1.0) tables 3-1 to 3-5 in the
/// standard's order, plus the keywords of the CDM 2.0 draft (pink book 508.0-P-1.0.2: CLASSIFICATION,
/// CONJUNCTION_ID, MAHALANOBIS_DISTANCE, APPROACH_ANGLE, SCREEN_TYPE, SCREEN_PC_THRESHOLD, COLLISION_*,
/// SEFI_*, PREVIOUS/NEXT_MESSAGE_*, OD_EPOCH, OEB_*, RCS_*, VM_*, HBR, ALT_COV_*, the XYZ covariance,
/// CSIG3EIGVEC3 and the additional covariance metadata), which are read and written but not required.
/// </summary>
public static class CdmKeywords
{
    /// <summary>Section codes of <see cref="KeywordSpec.Section"/>.</summary>
    public const int Header = 0, Relative = 1, Object = 2;

    /// <summary>RTN covariance row names (CCSDS 508.0-B-1 table 3-5): R, T, N, RDOT, TDOT, NDOT, DRG, SRP, THR.</summary>
    public static readonly string[] RtnRows = ["CR", "CT", "CN", "CRDOT", "CTDOT", "CNDOT", "CDRG", "CSRP", "CTHR"];

    /// <summary>RTN covariance column names.</summary>
    public static readonly string[] RtnColumns = ["R", "T", "N", "RDOT", "TDOT", "NDOT", "DRG", "SRP", "THR"];

    private static readonly string[] XyzRows = ["CX", "CY", "CZ", "CXDOT", "CYDOT", "CZDOT", "CDRG", "CSRP", "CTHR"];
    private static readonly string[] XyzColumns = ["X", "Y", "Z", "XDOT", "YDOT", "ZDOT", "DRG", "SRP", "THR"];

    /// <summary>The keyword of RTN covariance term (row, column), row ≥ column, 0-based up to 8.</summary>
    public static string RtnCovarianceKeyword(int row, int column) => RtnRows[row] + "_" + RtnColumns[column];

    /// <summary>Units of covariance term (row, column): m², m²/s, m²/s², and the drag/SRP/thrust variants.</summary>
    public static string CovarianceUnits(int row, int column)
    {
        static int Cat(int i) => i < 3 ? 0 : i < 6 ? 1 : i < 8 ? 2 : 3; // pos, vel, drag/srp, thrust
        return (Cat(row), Cat(column)) switch
        {
            (0, 0) => "m**2",
            (1, 0) => "m**2/s",
            (1, 1) => "m**2/s**2",
            (2, 0) => "m**3/kg",
            (2, 1) => "m**3/(kg*s)",
            (2, 2) => "m**4/kg**2",
            (3, 0) => "m**2/s**2",
            (3, 1) => "m**2/s**3",
            (3, 2) => "m**3/(kg*s**2)",
            _ => "m**2/s**4",
        };
    }

    internal static readonly KeywordTable Table = Build();

    /// <summary>The specification of a keyword, or false for an unknown one.</summary>
    public static bool TryGet(string keyword, out KeywordSpec spec) => Table.TryGet(keyword, out spec);

    /// <summary>Every keyword, in the standard's order.</summary>
    public static IEnumerable<KeywordSpec> All => Table.Map.Values.OrderBy(s => s.Order);

    private static KeywordTable Build()
    {
        var t = new KeywordTable();
        t.Add(Header, "header", K.Text, null, "CCSDS_CDM_VERS");
        t.Add(Header, "header", K.Epoch, null, "CREATION_DATE");
        t.Add(Header, "header", K.Text, null, "ORIGINATOR", "MESSAGE_FOR", "MESSAGE_ID", "CLASSIFICATION");

        const string rel = "relativeMetadataData", rsv = "relativeStateVector";
        t.Add(Relative, rel, K.Text, null, "CONJUNCTION_ID");
        t.Add(Relative, rel, K.Epoch, null, "TCA");
        t.Add(Relative, rel, K.Number, "m", "MISS_DISTANCE");
        t.Add(Relative, rel, K.Number, null, "MAHALANOBIS_DISTANCE");
        t.Add(Relative, rel, K.Number, "m/s", "RELATIVE_SPEED");
        t.Add(Relative, rsv, K.Number, "m", "RELATIVE_POSITION_R", "RELATIVE_POSITION_T", "RELATIVE_POSITION_N");
        t.Add(Relative, rsv, K.Number, "m/s", "RELATIVE_VELOCITY_R", "RELATIVE_VELOCITY_T", "RELATIVE_VELOCITY_N");
        t.Add(Relative, rel, K.Number, "deg", "APPROACH_ANGLE");
        t.Add(Relative, rel, K.Epoch, null, "START_SCREEN_PERIOD", "STOP_SCREEN_PERIOD");
        t.Add(Relative, rel, K.Text, null, "SCREEN_TYPE", "SCREEN_VOLUME_FRAME", "SCREEN_VOLUME_SHAPE");
        t.Add(Relative, rel, K.Number, "m", "SCREEN_VOLUME_RADIUS", "SCREEN_VOLUME_X", "SCREEN_VOLUME_Y", "SCREEN_VOLUME_Z");
        t.Add(Relative, rel, K.Epoch, null, "SCREEN_ENTRY_TIME", "SCREEN_EXIT_TIME");
        t.Add(Relative, rel, K.Number, null, "SCREEN_PC_THRESHOLD");
        t.Add(Relative, rel, K.NumberList, null, "COLLISION_PERCENTILE");
        t.Add(Relative, rel, K.Number, null, "COLLISION_PROBABILITY");
        t.Add(Relative, rel, K.Text, null, "COLLISION_PROBABILITY_METHOD");
        t.Add(Relative, rel, K.Number, null, "COLLISION_MAX_PROBABILITY");
        t.Add(Relative, rel, K.Text, null, "COLLISION_MAX_PC_METHOD");
        t.Add(Relative, rel, K.Number, null, "SEFI_COLLISION_PROBABILITY");
        t.Add(Relative, rel, K.Text, null, "SEFI_COLLISION_PROBABILITY_METHOD", "SEFI_FRAGMENTATION_MODEL", "PREVIOUS_MESSAGE_ID");
        t.Add(Relative, rel, K.Epoch, null, "PREVIOUS_MESSAGE_EPOCH", "NEXT_MESSAGE_EPOCH");

        t.Add(Object, "metadata", K.Text, null,
            "OBJECT", "OBJECT_DESIGNATOR", "CATALOG_NAME", "OBJECT_NAME", "INTERNATIONAL_DESIGNATOR", "OBJECT_TYPE",
            "OPERATOR_CONTACT_POSITION", "OPERATOR_ORGANIZATION", "OPERATOR_PHONE", "OPERATOR_EMAIL",
            "ODM_MSG_LINK", "ADM_MSG_LINK", "EPHEMERIS_NAME", "OBS_BEFORE_NEXT_MESSAGE", "COVARIANCE_SOURCE",
            "COVARIANCE_METHOD", "MANEUVERABLE", "ORBIT_CENTER");
        t.Add(Object, "metadata", K.Frame, null, "REF_FRAME");
        t.Add(Object, "metadata", K.Text, null, "ALT_COV_TYPE");
        t.Add(Object, "metadata", K.Frame, null, "ALT_COV_REF_FRAME");
        t.Add(Object, "metadata", K.Text, null,
            "GRAVITY_MODEL", "ATMOSPHERIC_MODEL", "N_BODY_PERTURBATIONS", "SOLAR_RAD_PRESSURE", "EARTH_TIDES", "INTRACK_THRUST");

        const string od = "odParameters", add = "additionalParameters";
        t.Add(Object, od, K.Epoch, null, "TIME_LASTOB_START", "TIME_LASTOB_END");
        t.Add(Object, od, K.Number, "d", "RECOMMENDED_OD_SPAN", "ACTUAL_OD_SPAN");
        // Counts are integers in the standard; CARA writes NaN for unknown ones, so they are read as numbers.
        t.Add(Object, od, K.Number, null, "OBS_AVAILABLE", "OBS_USED", "TRACKS_AVAILABLE", "TRACKS_USED");
        t.Add(Object, od, K.Number, "%", "RESIDUALS_ACCEPTED");
        t.Add(Object, od, K.Number, null, "WEIGHTED_RMS");
        t.Add(Object, od, K.Epoch, null, "OD_EPOCH");

        t.Add(Object, add, K.Number, "m**2", "AREA_PC", "AREA_PC_MIN", "AREA_PC_MAX", "AREA_DRG", "AREA_SRP");
        t.Add(Object, add, K.Text, null, "OEB_PARENT_FRAME");
        t.Add(Object, add, K.Epoch, null, "OEB_PARENT_FRAME_EPOCH");
        t.Add(Object, add, K.Number, null, "OEB_Q1", "OEB_Q2", "OEB_Q3", "OEB_QC");
        t.Add(Object, add, K.Number, "m", "OEB_MAX", "OEB_INT", "OEB_MIN");
        t.Add(Object, add, K.Number, "m**2", "AREA_ALONG_OEB_MAX", "AREA_ALONG_OEB_INT", "AREA_ALONG_OEB_MIN", "RCS", "RCS_MIN", "RCS_MAX");
        t.Add(Object, add, K.Number, null, "VM_ABSOLUTE", "VM_APPARENT_MIN", "VM_APPARENT", "VM_APPARENT_MAX", "REFLECTANCE");
        t.Add(Object, add, K.Number, "kg", "MASS");
        t.Add(Object, add, K.Number, "m", "HBR");
        t.Add(Object, add, K.Number, "m**2/kg", "CD_AREA_OVER_MASS", "CR_AREA_OVER_MASS");
        t.Add(Object, add, K.Number, "m/s**2", "THRUST_ACCELERATION");
        t.Add(Object, add, K.Number, "W/kg", "SEDR");
        t.Add(Object, add, K.Number, "m/s", "MIN_DV", "MAX_DV");
        t.Add(Object, add, K.Number, "h", "LEAD_TIME_REQD_BEFORE_TCA");
        t.Add(Object, add, K.Number, "km", "APOAPSIS_ALTITUDE", "PERIAPSIS_ALTITUDE");
        t.Add(Object, add, K.Number, "deg", "INCLINATION");
        t.Add(Object, add, K.Number, null, "COV_CONFIDENCE");
        t.Add(Object, add, K.Text, null, "COV_CONFIDENCE_METHOD");

        t.Add(Object, "stateVector", K.Number, "km", "X", "Y", "Z");
        t.Add(Object, "stateVector", K.Number, "km/s", "X_DOT", "Y_DOT", "Z_DOT");

        for (var i = 0; i < 9; i++)
            for (var j = 0; j <= i; j++)
                t.Add(Object, "covarianceMatrix", K.Number, CovarianceUnits(i, j), RtnCovarianceKeyword(i, j));
        for (var i = 0; i < 9; i++)
            for (var j = 0; j <= i; j++)
            {
                var name = XyzRows[i] + "_" + XyzColumns[j];
                if (!t.TryGet(name, out _))
                    t.Add(Object, "covarianceMatrix#xyz", K.Number, CovarianceUnits(i, j), name);
            }
        t.Add(Object, "covarianceMatrix#sig", K.NumberList, null, "CSIG3EIGVEC3");
        t.Add(Object, "covarianceMatrix#meta", K.Number, null, "DENSITY_FORECAST_UNCERTAINTY", "CSCALE_FACTOR_MIN", "CSCALE_FACTOR", "CSCALE_FACTOR_MAX");
        t.Add(Object, "covarianceMatrix#meta", K.Text, null, "SCREENING_DATA_SOURCE");
        t.Add(Object, "covarianceMatrix#meta", K.NumberList, null, "DCP_SENSITIVITY_VECTOR_POSITION", "DCP_SENSITIVITY_VECTOR_VELOCITY");
        return t;
    }
}
