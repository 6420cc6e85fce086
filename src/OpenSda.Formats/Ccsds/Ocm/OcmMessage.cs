using OpenSda.Formats.Ccsds.Common;
using K = OpenSda.Formats.Ccsds.Common.CcsdsValueKind;

namespace OpenSda.Formats.Ccsds.Ocm;

/// <summary>
/// Keywords of the Orbit Comprehensive Message (CCSDS 502.0-B-3 §6): header (table 6-2), metadata (table 6-3),
/// trajectory-state time history (table 6-4) and covariance time history (table 6-6) blocks.
/// </summary>
public static class OcmKeywords
{
    /// <summary>Section codes: header, metadata, trajectory, covariance.</summary>
    public const int Header = 0, Metadata = 1, Trajectory = 2, Covariance = 3;

    internal static readonly KeywordTable Table = new KeywordTable()
        .Add(Header, "header", K.Text, null, "CCSDS_OCM_VERS", "CLASSIFICATION")
        .Add(Header, "header", K.Epoch, null, "CREATION_DATE")
        .Add(Header, "header", K.Text, null, "ORIGINATOR", "MESSAGE_ID")
        .Add(Metadata, "metadata", K.Text, null,
            "OBJECT_NAME", "INTERNATIONAL_DESIGNATOR", "CATALOG_NAME", "OBJECT_DESIGNATOR", "ALTERNATE_NAMES",
            "ORIGINATOR_POC", "ORIGINATOR_POSITION", "ORIGINATOR_PHONE", "ORIGINATOR_EMAIL", "ORIGINATOR_ADDRESS",
            "TECH_ORG", "TECH_POC", "TECH_POSITION", "TECH_PHONE", "TECH_EMAIL", "TECH_ADDRESS",
            "PREVIOUS_MESSAGE_ID", "NEXT_MESSAGE_ID", "ADM_MSG_LINK", "CDM_MSG_LINK", "PRM_MSG_LINK", "RDM_MSG_LINK",
            "TDM_MSG_LINK", "OPERATOR", "OWNER", "COUNTRY", "CONSTELLATION", "OBJECT_TYPE")
        .Add(Metadata, "metadata", K.TimeSystem, null, "TIME_SYSTEM")
        .Add(Metadata, "metadata", K.Epoch, null, "EPOCH_TZERO")
        .Add(Metadata, "metadata", K.Text, null, "OPS_STATUS", "ORBIT_CATEGORY", "OCM_DATA_ELEMENTS")
        .Add(Metadata, "metadata", K.Number, "s", "SCLK_OFFSET_AT_EPOCH", "SCLK_SEC_PER_SI_SEC")
        .Add(Metadata, "metadata", K.Epoch, null, "PREVIOUS_MESSAGE_EPOCH", "NEXT_MESSAGE_EPOCH", "START_TIME", "STOP_TIME")
        .Add(Metadata, "metadata", K.Number, "d", "TIME_SPAN")
        .Add(Metadata, "metadata", K.Number, "s", "TAIMUTC_AT_TZERO")
        .Add(Metadata, "metadata", K.Epoch, null, "NEXT_LEAP_EPOCH")
        .Add(Metadata, "metadata", K.Number, "s", "NEXT_LEAP_TAIMUTC", "UT1MUTC_AT_TZERO")
        .Add(Metadata, "metadata", K.Text, null, "EOP_SOURCE", "INTERP_METHOD_EOP", "CELESTIAL_SOURCE")
        .Add(Trajectory, "traj", K.Text, null, "TRAJ_ID", "TRAJ_PREV_ID", "TRAJ_NEXT_ID", "TRAJ_BASIS", "TRAJ_BASIS_ID", "INTERPOLATION")
        .Add(Trajectory, "traj", K.Integer, null, "INTERPOLATION_DEGREE")
        .Add(Trajectory, "traj", K.Text, null, "PROPAGATOR", "CENTER_NAME")
        .Add(Trajectory, "traj", K.Frame, null, "TRAJ_REF_FRAME")
        .Add(Trajectory, "traj", K.Epoch, null, "TRAJ_FRAME_EPOCH", "USEABLE_START_TIME", "USEABLE_STOP_TIME")
        .Add(Trajectory, "traj", K.Number, null, "ORB_REVNUM")
        .Add(Trajectory, "traj", K.Integer, null, "ORB_REVNUM_BASIS")
        .Add(Trajectory, "traj", K.Text, null, "TRAJ_TYPE", "ORB_AVERAGING", "TRAJ_UNITS")
        .Add(Covariance, "cov", K.Text, null, "COV_ID", "COV_PREV_ID", "COV_NEXT_ID", "COV_BASIS", "COV_BASIS_ID")
        .Add(Covariance, "cov", K.Frame, null, "COV_REF_FRAME")
        .Add(Covariance, "cov", K.Epoch, null, "COV_FRAME_EPOCH")
        .Add(Covariance, "cov", K.Number, null, "COV_SCALE_MIN", "COV_SCALE_MAX", "COV_CONFIDENCE")
        .Add(Covariance, "cov", K.Text, null, "COV_TYPE", "COV_ORDERING", "COV_UNITS");

    /// <summary>
    /// Number of elements of each supported orbital-element set (SANA registry of 502.0-B-3 Annex B): the values after
    /// the time tag in a trajectory line, and the covariance dimension.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ElementCounts { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["CARTP"] = 3, ["CARTPV"] = 6, ["CARTPVA"] = 9, ["KEPLERIAN"] = 6, ["KEPLERIANMEAN"] = 6, ["EQUINOCTIAL"] = 6,
        ["DELAUNAY"] = 6, ["DELAUNAYMOD"] = 6, ["POINCARE"] = 6, ["LDBARV"] = 6, ["GEODETIC"] = 3,
    };
}

/// <summary>One time-tagged line of a trajectory or covariance block.</summary>
/// <param name="OffsetS">
/// Seconds from EPOCH_TZERO: the relative time tag as written, or an absolute tag's distance from EPOCH_TZERO (days of
/// 86 400 s in the message's time system).
/// </param>
/// <param name="Epoch">The absolute time tag when the line gave one, else null.</param>
/// <param name="Values">The values after the time tag, in the block's units.</param>
/// <param name="Line">1-based line number.</param>
public sealed record OcmDataLine(double OffsetS, CcsdsEpoch? Epoch, IReadOnlyList<double> Values, int Line);

/// <summary>A trajectory-state time history (CCSDS 502.0-B-3 §6.2.4): its metadata and state lines.</summary>
public sealed class OcmTrajectory
{
    internal OcmTrajectory(CcsdsBlock metadata, string trajType, IReadOnlyList<OcmDataLine> states)
    {
        Metadata = metadata;
        TrajType = trajType;
        States = states;
    }

    /// <summary>Keywords of the block (TRAJ_ID, TRAJ_BASIS, CENTER_NAME, TRAJ_REF_FRAME, TRAJ_UNITS, …).</summary>
    public CcsdsBlock Metadata { get; }

    /// <summary>The element set (TRAJ_TYPE; CARTPV when absent, as in Orekit's reading of the blue-book example).</summary>
    public string TrajType { get; }

    /// <summary>Reference frame (TRAJ_REF_FRAME), null when not given (the standard's default is ICRF).</summary>
    public string? ReferenceFrame => Metadata.Text("TRAJ_REF_FRAME");

    /// <summary>Centre (CENTER_NAME; EARTH when not given).</summary>
    public string CenterName => Metadata.Text("CENTER_NAME") ?? "EARTH";

    /// <summary>The state lines in file order.</summary>
    public IReadOnlyList<OcmDataLine> States { get; }
}

/// <summary>A covariance time history (CCSDS 502.0-B-3 §6.2.6): metadata and, per line, the ordered matrix terms.</summary>
public sealed class OcmCovariance
{
    internal OcmCovariance(CcsdsBlock metadata, string covType, string ordering, IReadOnlyList<OcmDataLine> lines)
    {
        Metadata = metadata;
        CovType = covType;
        Ordering = ordering;
        Lines = lines;
    }

    /// <summary>Keywords of the block.</summary>
    public CcsdsBlock Metadata { get; }

    /// <summary>The element set the covariance refers to (COV_TYPE; CARTPV when absent).</summary>
    public string CovType { get; }

    /// <summary>Term ordering (COV_ORDERING: LTM default, UTM, FULL, LTMWCC, UTMWCC).</summary>
    public string Ordering { get; }

    /// <summary>The matrix lines in file order.</summary>
    public IReadOnlyList<OcmDataLine> Lines { get; }

    /// <summary>The symmetric n×n matrix of one line (LTM/UTM/FULL orderings; the *WCC orderings hold correlations).</summary>
    public double[,] Matrix(int index)
    {
        var n = OcmKeywords.ElementCounts[CovType];
        var v = Lines[index].Values;
        var m = new double[n, n];
        var k = 0;
        if (Ordering == "FULL")
        {
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    m[i, j] = v[k++];
            return m;
        }
        var upper = Ordering.StartsWith("UTM", StringComparison.Ordinal);
        for (var i = 0; i < n; i++)
        {
            for (var j = upper ? i : 0; upper ? j < n : j <= i; j++)
            {
                m[i, j] = v[k];
                m[j, i] = v[k++];
            }
        }
        return m;
    }
}

/// <summary>A block of the OCM kept by name only (PHYS, PERT, OD, MAN, USER): its keywords and raw data lines.</summary>
/// <param name="Name">Block name (the part before <c>_START</c>).</param>
/// <param name="Block">Its keyword-value pairs (not checked against the standard's tables).</param>
/// <param name="DataLines">Lines that are not keyword = value (manoeuvre time histories).</param>
public sealed record OcmOtherBlock(string Name, CcsdsBlock Block, IReadOnlyList<string> DataLines);

/// <summary>
/// An Orbit Comprehensive Message (CCSDS 502.0-B-3 §6, new in version 3.0 of the ODM): header, metadata with the time
/// system and EPOCH_TZERO, and any number of trajectory-state and covariance time histories whose time tags are
/// absolute epochs or seconds relative to EPOCH_TZERO. The physical-properties, perturbations, orbit-determination,
/// manoeuvre and user-defined blocks are kept as keyword lists. Read only (KVN).
/// </summary>
public sealed class OcmMessage
{
    internal OcmMessage(CcsdsBlock header, CcsdsBlock metadata, IReadOnlyList<OcmTrajectory> trajectories,
        IReadOnlyList<OcmCovariance> covariances, IReadOnlyList<OcmOtherBlock> otherBlocks)
    {
        Header = header;
        Metadata = metadata;
        Trajectories = trajectories;
        Covariances = covariances;
        OtherBlocks = otherBlocks;
    }

    /// <summary>Header keywords (CCSDS_OCM_VERS, CREATION_DATE, ORIGINATOR, …).</summary>
    public CcsdsBlock Header { get; }

    /// <summary>Metadata keywords (TIME_SYSTEM, EPOCH_TZERO, OBJECT_NAME, …).</summary>
    public CcsdsBlock Metadata { get; }

    /// <summary>The time system of every epoch in the message.</summary>
    public string TimeSystem => Metadata.Text("TIME_SYSTEM")!;

    /// <summary>The epoch relative time tags count from.</summary>
    public CcsdsEpoch EpochTZero => Metadata.Epoch("EPOCH_TZERO")!.Value;

    /// <summary>Trajectory-state time histories in file order.</summary>
    public IReadOnlyList<OcmTrajectory> Trajectories { get; }

    /// <summary>Covariance time histories in file order.</summary>
    public IReadOnlyList<OcmCovariance> Covariances { get; }

    /// <summary>The other blocks, kept by name.</summary>
    public IReadOnlyList<OcmOtherBlock> OtherBlocks { get; }
}
