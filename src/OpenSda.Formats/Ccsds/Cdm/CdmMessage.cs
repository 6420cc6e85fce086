using System.Globalization;
using System.Text.RegularExpressions;
using OpenSda.Formats.Ccsds.Common;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Formats.Ccsds.Cdm;

/// <summary>
/// A Conjunction Data Message (CCSDS 508.0-B-1, CDM 1.0; CDM 2.0 draft keywords tolerated): a
/// header, the relative metadata and data of the conjunction (TCA, miss distance, relative state in
/// the RTN frame of object 1, screening volume, reported Pc), and one <see cref="CdmObject"/> per
/// object (metadata, OD and additional parameters, state at TCA, RTN covariance). All CDM times are
/// UTC (508.0-B-1 §3.3). Every keyword read is kept in the <see cref="CcsdsBlock"/>s, so writers
/// reproduce the content; the typed properties are read from them.
/// </summary>
public sealed class CdmMessage
{
    /// <summary>Builds a message from its four blocks (header, relative data, object 1, object 2).</summary>
    public CdmMessage(CcsdsBlock header, CcsdsBlock relative, CcsdsBlock object1, CcsdsBlock object2)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Relative = new CdmRelativeData(relative ?? throw new ArgumentNullException(nameof(relative)));
        Object1 = new CdmObject(object1 ?? throw new ArgumentNullException(nameof(object1)));
        Object2 = new CdmObject(object2 ?? throw new ArgumentNullException(nameof(object2)));
        HardBodyRadius = CdmHardBodyRadius.Find(this);
    }

    /// <summary>Header block (CCSDS_CDM_VERS, CREATION_DATE, ORIGINATOR, MESSAGE_FOR, MESSAGE_ID, 2.0: CLASSIFICATION).</summary>
    public CcsdsBlock Header { get; }

    /// <summary><c>CCSDS_CDM_VERS</c>: 1.0 or 2.0.</summary>
    public string Version => Header.Text("CCSDS_CDM_VERS") ?? string.Empty;

    /// <summary><c>CREATION_DATE</c> (UTC).</summary>
    public CcsdsEpoch CreationDate => Header.Epoch("CREATION_DATE") ?? default;

    /// <summary><c>ORIGINATOR</c>.</summary>
    public string Originator => Header.Text("ORIGINATOR") ?? string.Empty;

    /// <summary><c>MESSAGE_FOR</c>, or null.</summary>
    public string? MessageFor => Header.Text("MESSAGE_FOR");

    /// <summary><c>MESSAGE_ID</c>.</summary>
    public string MessageId => Header.Text("MESSAGE_ID") ?? string.Empty;

    /// <summary>Relative metadata and data.</summary>
    public CdmRelativeData Relative { get; }

    /// <summary>Object 1 (usually the operator's satellite).</summary>
    public CdmObject Object1 { get; }

    /// <summary>Object 2.</summary>
    public CdmObject Object2 { get; }

    /// <summary>
    /// The combined hard-body radius the message carries, or null: the CDM 2.0 <c>HBR</c> keyword,
    /// else a <c>COMMENT HBR = …</c> (CARA), else the objects' <c>COMMENT Exclusion Volume Radius</c>
    /// (Space-Track). See <see cref="CdmHardBodyRadius"/>.
    /// </summary>
    public CdmHardBodyRadius? HardBodyRadius { get; }

    /// <summary>True when both messages hold the same keywords, values, units and comments.</summary>
    public bool ContentEquals(CdmMessage other) =>
        other is not null && Header.ContentEquals(other.Header) && Relative.Block.ContentEquals(other.Relative.Block)
        && Object1.Block.ContentEquals(other.Object1.Block) && Object2.Block.ContentEquals(other.Object2.Block);
}

/// <summary>Relative metadata and data of a CDM (508.0-B-1 table 3-2); distances in m, speeds in m/s.</summary>
public sealed class CdmRelativeData
{
    internal CdmRelativeData(CcsdsBlock block) => Block = block;

    /// <summary>All keywords and comments of the section.</summary>
    public CcsdsBlock Block { get; }

    /// <summary>Time of closest approach (UTC).</summary>
    public CcsdsEpoch Tca => Block.Epoch("TCA") ?? default;

    /// <summary>TCA as an instant (CDM times are UTC).</summary>
    public Instant TcaInstant(TimeScales scales) => Tca.ToInstant((scales ?? throw new ArgumentNullException(nameof(scales))).Utc);

    /// <summary><c>MISS_DISTANCE</c>, m.</summary>
    public double MissDistanceM => Block.Number("MISS_DISTANCE") ?? double.NaN;

    /// <summary><c>RELATIVE_SPEED</c>, m/s, or null.</summary>
    public double? RelativeSpeedMS => Block.Number("RELATIVE_SPEED");

    /// <summary>Relative position of object 2 with respect to object 1 in object 1's RTN frame, m, or null.</summary>
    public Vec3? RelativePositionRtnM => Vector("RELATIVE_POSITION_");

    /// <summary>Relative velocity in object 1's RTN frame, m/s, or null.</summary>
    public Vec3? RelativeVelocityRtnMS => Vector("RELATIVE_VELOCITY_");

    /// <summary><c>COLLISION_PROBABILITY</c> as reported, or null.</summary>
    public double? CollisionProbability => Block.Number("COLLISION_PROBABILITY");

    /// <summary><c>COLLISION_PROBABILITY_METHOD</c>, or null.</summary>
    public string? CollisionProbabilityMethod => Block.Text("COLLISION_PROBABILITY_METHOD");

    /// <summary><c>START_SCREEN_PERIOD</c>, or null.</summary>
    public CcsdsEpoch? StartScreenPeriod => Block.Epoch("START_SCREEN_PERIOD");

    /// <summary><c>STOP_SCREEN_PERIOD</c>, or null.</summary>
    public CcsdsEpoch? StopScreenPeriod => Block.Epoch("STOP_SCREEN_PERIOD");

    /// <summary><c>SCREEN_VOLUME_FRAME</c> (RTN or TVN), or null.</summary>
    public string? ScreenVolumeFrame => Block.Text("SCREEN_VOLUME_FRAME");

    /// <summary><c>SCREEN_VOLUME_SHAPE</c> (ELLIPSOID or BOX), or null.</summary>
    public string? ScreenVolumeShape => Block.Text("SCREEN_VOLUME_SHAPE");

    /// <summary>Screening volume half-sizes X, Y, Z in m, or null.</summary>
    public Vec3? ScreenVolumeM =>
        Block.Number("SCREEN_VOLUME_X") is { } x && Block.Number("SCREEN_VOLUME_Y") is { } y && Block.Number("SCREEN_VOLUME_Z") is { } z
            ? new Vec3(x, y, z) : null;

    /// <summary><c>SCREEN_ENTRY_TIME</c>, or null.</summary>
    public CcsdsEpoch? ScreenEntryTime => Block.Epoch("SCREEN_ENTRY_TIME");

    /// <summary><c>SCREEN_EXIT_TIME</c>, or null.</summary>
    public CcsdsEpoch? ScreenExitTime => Block.Epoch("SCREEN_EXIT_TIME");

    private Vec3? Vector(string prefix) =>
        Block.Number(prefix + "R") is { } r && Block.Number(prefix + "T") is { } t && Block.Number(prefix + "N") is { } n
            ? new Vec3(r, t, n) : null;
}

/// <summary>
/// One object of a CDM (508.0-B-1 tables 3-3 to 3-5): metadata, OD and additional parameters,
/// state vector at TCA (km, km/s, in <see cref="RefFrame"/>) and the RTN covariance
/// (lower triangle, m², m²/s, m²/s² …).
/// </summary>
public sealed class CdmObject
{
    internal CdmObject(CcsdsBlock block)
    {
        Block = block;
        CovarianceRtn = CdmCovariance.FromBlock(block);
    }

    /// <summary>All keywords and comments of the object's sections.</summary>
    public CcsdsBlock Block { get; }

    /// <summary><c>OBJECT</c>: OBJECT1 or OBJECT2.</summary>
    public string Label => Block.Text("OBJECT") ?? string.Empty;

    /// <summary><c>OBJECT_DESIGNATOR</c> (the catalog number for SATCAT).</summary>
    public string ObjectDesignator => Block.Text("OBJECT_DESIGNATOR") ?? string.Empty;

    /// <summary><c>CATALOG_NAME</c>.</summary>
    public string CatalogName => Block.Text("CATALOG_NAME") ?? string.Empty;

    /// <summary><c>OBJECT_NAME</c>.</summary>
    public string ObjectName => Block.Text("OBJECT_NAME") ?? string.Empty;

    /// <summary><c>INTERNATIONAL_DESIGNATOR</c>.</summary>
    public string InternationalDesignator => Block.Text("INTERNATIONAL_DESIGNATOR") ?? string.Empty;

    /// <summary><c>OBJECT_TYPE</c> (PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN, OTHER), or null.</summary>
    public string? ObjectType => Block.Text("OBJECT_TYPE");

    /// <summary><c>OPERATOR_ORGANIZATION</c>, or null.</summary>
    public string? OperatorOrganization => Block.Text("OPERATOR_ORGANIZATION");

    /// <summary><c>EPHEMERIS_NAME</c> (NONE when the state comes from the catalog).</summary>
    public string EphemerisName => Block.Text("EPHEMERIS_NAME") ?? string.Empty;

    /// <summary><c>COVARIANCE_METHOD</c> (CALCULATED or DEFAULT).</summary>
    public string CovarianceMethod => Block.Text("COVARIANCE_METHOD") ?? string.Empty;

    /// <summary><c>MANEUVERABLE</c> (YES, NO, N/A).</summary>
    public string Maneuverable => Block.Text("MANEUVERABLE") ?? string.Empty;

    /// <summary><c>ORBIT_CENTER</c>, EARTH when absent.</summary>
    public string OrbitCenter => Block.Text("ORBIT_CENTER") ?? "EARTH";

    /// <summary><c>REF_FRAME</c> of the state (EME2000, GCRF or ITRF in CDM 1.0).</summary>
    public string RefFrame => Block.Text("REF_FRAME") ?? string.Empty;

    /// <summary>State at TCA in <see cref="RefFrame"/>, km and km/s.</summary>
    public StateVector StateKm => new(
        new Vec3(Block.Number("X") ?? double.NaN, Block.Number("Y") ?? double.NaN, Block.Number("Z") ?? double.NaN),
        new Vec3(Block.Number("X_DOT") ?? double.NaN, Block.Number("Y_DOT") ?? double.NaN, Block.Number("Z_DOT") ?? double.NaN));

    /// <summary>The RTN covariance (6×6 to 9×9), or null when absent.</summary>
    public CdmCovariance? CovarianceRtn { get; }

    /// <summary><c>AREA_PC</c>, m², or null.</summary>
    public double? AreaPcM2 => Block.Number("AREA_PC");

    /// <summary><c>MASS</c>, kg, or null.</summary>
    public double? MassKg => Block.Number("MASS");

    /// <summary>CDM 2.0 <c>HBR</c>, m, or null.</summary>
    public double? HbrM => Block.Number("HBR");

    /// <summary>
    /// The state at TCA in <paramref name="to"/>, converted from <see cref="RefFrame"/> with the
    /// foundation's frames (the TCA is UTC). False, with the reason, for a frame that cannot be converted.
    /// </summary>
    public bool TryGetState(FrameTree frames, Frame to, Instant tca, out StateVector state, out string? error)
    {
        ArgumentNullException.ThrowIfNull(frames);
        state = default;
        if (!CcsdsFrames.TryResolve(RefFrame, OrbitCenter, frames, out var from, out error))
        {
            error = $"line {Block.Line("REF_FRAME")}: REF_FRAME: {error}";
            return false;
        }
        state = frames.Transform(StateKm, from, to, tca);
        return true;
    }
}

/// <summary>
/// A CDM RTN covariance: the lower triangle of a symmetric matrix of dimension 6 (position and
/// velocity), 7 (+ drag), 8 (+ SRP) or 9 (+ thrust), rows R, T, N, Ṙ, Ṫ, Ṅ, DRG, SRP, THR, in m², m²/s,
/// m²/s² … (CCSDS 508.0-B-1 §3.5.4, table 3-5).
/// </summary>
public sealed class CdmCovariance
{
    private readonly double[] _lower;

    /// <summary>A covariance from its row-major lower triangle (dimension·(dimension+1)/2 values).</summary>
    public CdmCovariance(int dimension, IReadOnlyList<double> lowerTriangle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 9);
        ArgumentNullException.ThrowIfNull(lowerTriangle);
        if (lowerTriangle.Count != dimension * (dimension + 1) / 2)
            throw new ArgumentException($"a {dimension}x{dimension} lower triangle has {dimension * (dimension + 1) / 2} terms", nameof(lowerTriangle));
        Dimension = dimension;
        _lower = [.. lowerTriangle];
    }

    /// <summary>6, 7, 8 or 9.</summary>
    public int Dimension { get; }

    /// <summary>Term (row, column), either order.</summary>
    public double this[int row, int column]
    {
        get
        {
            if (row < column) (row, column) = (column, row);
            return _lower[row * (row + 1) / 2 + column];
        }
    }

    /// <summary>The row-major lower triangle.</summary>
    public IReadOnlyList<double> LowerTriangle => _lower;

    /// <summary>The full symmetric 6×6 position–velocity block, m, m/s units (m², m²/s, m²/s²).</summary>
    public double[,] ToMatrix6()
    {
        var m = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                m[i, j] = this[i, j];
        return m;
    }

    internal static int DimensionIn(CcsdsBlock block)
    {
        // The extended rows count only through their R..NDOT columns: CDRG_DRG, CSRP_DRG … are shared with the
        // CDM 2.0 XYZ covariance and do not reveal which matrix they belong to.
        var dim = 6;
        for (var i = 6; i < 9; i++)
            for (var j = 0; j < 6; j++)
                if (block.Has(CdmKeywords.RtnCovarianceKeyword(i, j)))
                    dim = i + 1;
        return dim;
    }

    internal static CdmCovariance? FromBlock(CcsdsBlock block)
    {
        var dim = DimensionIn(block);
        var values = new double[dim * (dim + 1) / 2];
        var k = 0;
        for (var i = 0; i < dim; i++)
            for (var j = 0; j <= i; j++)
            {
                if (block.Number(CdmKeywords.RtnCovarianceKeyword(i, j)) is not { } v)
                    return null;
                values[k++] = v;
            }
        return new CdmCovariance(dim, values);
    }
}

/// <summary>Where a CDM's hard-body radius came from.</summary>
public enum CdmHbrSource
{
    /// <summary>The CDM 2.0 <c>HBR</c> keyword of the objects' additional parameters (summed when both objects give one).</summary>
    Keyword,

    /// <summary>A comment such as CARA's <c>COMMENT HBR = 10 [m]</c> or <c>COMMENT Operator Hard Body Radius = 10.0 [m]</c>: the combined radius.</summary>
    Comment,

    /// <summary>
    /// Space-Track's <c>COMMENT Exclusion Volume Radius = 5.000000 [m]</c>, one per object: each is that
    /// object's radius, so the combined radius is their sum (one alone is used as given).
    /// </summary>
    ExclusionVolumeRadius,
}

/// <summary>A hard-body radius found in a CDM, with its origin and the line it came from.</summary>
/// <param name="RadiusM">Combined hard-body radius, m.</param>
/// <param name="Source">Which convention supplied it.</param>
/// <param name="Line">Line (or element line) of the value used first.</param>
public sealed partial record CdmHardBodyRadius(double RadiusM, CdmHbrSource Source, int Line)
{
    [GeneratedRegex(@"^\s*(HBR|(OPERATOR\s+)?HARD[\s_]BODY[\s_]RADIUS)\s*[=:]\s*([-+0-9.eE]+)\s*(\[\s*(m|km)\s*\]|m\b|km\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex HbrComment();

    [GeneratedRegex(@"^\s*EXCLUSION[\s_]VOLUME[\s_]RADIUS\s*[=:]\s*([-+0-9.eE]+)\s*(\[\s*(m|km)\s*\]|m\b|km\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex ExclusionComment();

    /// <summary>Parses one comment text; the radius in m, or null when the comment is not an HBR comment.</summary>
    public static double? ParseHbrComment(string comment, out bool exclusionVolume)
    {
        ArgumentNullException.ThrowIfNull(comment);
        exclusionVolume = false;
        var m = HbrComment().Match(comment);
        if (m.Success)
            return Value(m.Groups[3].Value, m.Groups[4].Value);
        m = ExclusionComment().Match(comment);
        if (m.Success)
        {
            exclusionVolume = true;
            return Value(m.Groups[1].Value, m.Groups[2].Value);
        }
        return null;
    }

    private static double? Value(string number, string units)
    {
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
            return null;
        return units.Contains("km", StringComparison.OrdinalIgnoreCase) ? v * 1000.0 : v;
    }

    internal static CdmHardBodyRadius? Find(CdmMessage cdm)
    {
        double? h1 = cdm.Object1.HbrM is { } a && !double.IsNaN(a) ? a : null;
        double? h2 = cdm.Object2.HbrM is { } b && !double.IsNaN(b) ? b : null;
        if (h1 is not null || h2 is not null)
            return new CdmHardBodyRadius((h1 ?? 0) + (h2 ?? 0), CdmHbrSource.Keyword,
                h1 is not null ? cdm.Object1.Block.Line("HBR") : cdm.Object2.Block.Line("HBR"));

        foreach (var block in (CcsdsBlock[])[cdm.Header, cdm.Relative.Block, cdm.Object1.Block, cdm.Object2.Block])
            foreach (var c in block.Comments)
                if (ParseHbrComment(c, out var ev) is { } r && !ev)
                    return new CdmHardBodyRadius(r, CdmHbrSource.Comment, 0);

        double? e1 = Exclusion(cdm.Object1.Block), e2 = Exclusion(cdm.Object2.Block);
        if (e1 is not null || e2 is not null)
            return new CdmHardBodyRadius((e1 ?? 0) + (e2 ?? 0), CdmHbrSource.ExclusionVolumeRadius, 0);
        return null;
    }

    private static double? Exclusion(CcsdsBlock block)
    {
        foreach (var c in block.Comments)
            if (ParseHbrComment(c, out var ev) is { } r && ev)
                return r;
        return null;
    }
}
