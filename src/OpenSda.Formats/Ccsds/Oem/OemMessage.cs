using OpenSda.Formats.Ccsds.Common;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Time;

namespace OpenSda.Formats.Ccsds.Oem;

/// <summary>Keywords of the Orbit Ephemeris Message (CCSDS 502.0-B-3 §5, tables 5-2 and 5-3; versions 1.0–3.0).</summary>
public static class OemKeywords
{
    /// <summary>Section codes.</summary>
    public const int Header = 0, Metadata = 1, Covariance = 2;

    internal static readonly KeywordTable Table = new KeywordTable()
        .Add(Header, "header", CcsdsValueKind.Text, null, "CCSDS_OEM_VERS", "CLASSIFICATION")
        .Add(Header, "header", CcsdsValueKind.Epoch, null, "CREATION_DATE")
        .Add(Header, "header", CcsdsValueKind.Text, null, "ORIGINATOR", "MESSAGE_ID")
        .Add(Metadata, "metadata", CcsdsValueKind.Text, null, "OBJECT_NAME", "OBJECT_ID", "CENTER_NAME")
        .Add(Metadata, "metadata", CcsdsValueKind.Frame, null, "REF_FRAME")
        .Add(Metadata, "metadata", CcsdsValueKind.Epoch, null, "REF_FRAME_EPOCH")
        .Add(Metadata, "metadata", CcsdsValueKind.TimeSystem, null, "TIME_SYSTEM")
        .Add(Metadata, "metadata", CcsdsValueKind.Epoch, null, "START_TIME", "USEABLE_START_TIME", "USEABLE_STOP_TIME", "STOP_TIME")
        .Add(Metadata, "metadata", CcsdsValueKind.Text, null, "INTERPOLATION")
        .Add(Metadata, "metadata", CcsdsValueKind.Integer, null, "INTERPOLATION_DEGREE")
        .Add(Covariance, "covarianceMatrix", CcsdsValueKind.Epoch, null, "EPOCH")
        .Add(Covariance, "covarianceMatrix", CcsdsValueKind.Frame, null, "COV_REF_FRAME");

    /// <summary>XML element names of the 21 covariance terms, row-major lower triangle (CX_X … CZ_DOT_Z_DOT).</summary>
    public static readonly string[] CovarianceElements = BuildCovarianceElements();

    /// <summary>Names of the ephemeris-line columns, for diagnostics.</summary>
    public static readonly string[] StateColumns = ["EPOCH", "X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT", "X_DDOT", "Y_DDOT", "Z_DDOT"];

    private static string[] BuildCovarianceElements()
    {
        string[] n = ["X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"];
        var list = new List<string>();
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++)
                list.Add("C" + n[i] + "_" + n[j]);
        return [.. list];
    }
}

/// <summary>
/// An Orbit Ephemeris Message (CCSDS 502.0-B-3 §5; versions 1.0, 2.0 and 3.0): a header and one or
/// more segments, each with metadata, ephemeris lines and optional covariance blocks.
/// </summary>
public sealed class OemMessage
{
    /// <summary>A message from its header block and segments.</summary>
    public OemMessage(CcsdsBlock header, IEnumerable<OemSegment> segments)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Segments = [.. segments ?? throw new ArgumentNullException(nameof(segments))];
    }

    /// <summary>Header block (CCSDS_OEM_VERS, CLASSIFICATION, CREATION_DATE, ORIGINATOR, MESSAGE_ID).</summary>
    public CcsdsBlock Header { get; }

    /// <summary><c>CCSDS_OEM_VERS</c>.</summary>
    public string Version => Header.Text("CCSDS_OEM_VERS") ?? string.Empty;

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<OemSegment> Segments { get; }

    /// <summary>
    /// The whole message as one ephemeris source in <paramref name="to"/>: each segment interpolated as
    /// its metadata says (see <see cref="OemSegment.TryCreateEphemeris"/>), later segments winning at
    /// their boundaries. False, with an error naming the line and keyword, when a time system or frame
    /// cannot be converted.
    /// </summary>
    public bool TryCreateEphemeris(TimeScales scales, FrameTree frames, Frame to, out IEphemerisSource source, out string? error)
    {
        var parts = new List<IEphemerisSource>();
        source = null!;
        foreach (var s in Segments)
        {
            if (!s.TryCreateEphemeris(scales, frames, to, out var part, out error))
                return false;
            parts.Add(part);
        }
        error = null;
        source = parts.Count == 1 ? parts[0] : new SegmentedEphemeris(parts);
        return true;
    }

    /// <summary>True when both messages hold the same content (keywords, comments, states, covariances).</summary>
    public bool ContentEquals(OemMessage other) =>
        other is not null && Header.ContentEquals(other.Header) && Segments.Count == other.Segments.Count
        && Segments.Zip(other.Segments).All(p => p.First.ContentEquals(p.Second));
}

/// <summary>One ephemeris line: epoch, position (km), velocity (km/s), and optional acceleration (km/s²).</summary>
public readonly record struct OemState(CcsdsEpoch Epoch, StateVector StateKm, Vec3? AccelerationKmS2 = null);

/// <summary>
/// An OEM covariance at an instant, as <see cref="OemSegment.TryGetCovariances"/> returns it: 6×6, km-based
/// units (km², km²/s, km²/s²), in the requested inertial frame, or in the object's RTN frame when
/// <paramref name="IsRtn"/> is set.
/// </summary>
public sealed record OemCovarianceSample(Instant Epoch, double[,] ValuesKm, bool IsRtn);

/// <summary>
/// One covariance block (CCSDS 502.0-B-3 §5.2.5): epoch, optional frame (default: the segment's
/// REF_FRAME), the 6×6 position–velocity covariance as a 21-term row-major lower triangle in km², km²/s,
/// km²/s².
/// </summary>
public sealed record OemCovariance(CcsdsEpoch Epoch, string? RefFrame, IReadOnlyList<double> LowerTriangle, IReadOnlyList<string> Comments)
{
    /// <summary>Term (row, column), either order.</summary>
    public double this[int row, int column]
    {
        get
        {
            if (row < column) (row, column) = (column, row);
            return LowerTriangle[row * (row + 1) / 2 + column];
        }
    }

    /// <summary>True when both hold the same values and comments.</summary>
    public bool ContentEquals(OemCovariance other) =>
        other is not null && Epoch == other.Epoch && RefFrame == other.RefFrame
        && LowerTriangle.SequenceEqual(other.LowerTriangle) && Comments.SequenceEqual(other.Comments);
}

/// <summary>One OEM segment: metadata, data comments, ephemeris lines and covariance blocks.</summary>
public sealed class OemSegment
{
    /// <summary>A segment.</summary>
    public OemSegment(CcsdsBlock metadata, IEnumerable<string> dataComments, IEnumerable<OemState> states, IEnumerable<OemCovariance> covariances)
    {
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        DataComments = [.. dataComments];
        States = [.. states];
        Covariances = [.. covariances];
    }

    /// <summary>All metadata keywords and comments.</summary>
    public CcsdsBlock Metadata { get; }

    /// <summary>Comments at the start of the data section.</summary>
    public IReadOnlyList<string> DataComments { get; }

    /// <summary>Ephemeris lines in time order.</summary>
    public IReadOnlyList<OemState> States { get; }

    /// <summary>Covariance blocks.</summary>
    public IReadOnlyList<OemCovariance> Covariances { get; }

    public string ObjectName => Metadata.Text("OBJECT_NAME") ?? string.Empty;
    public string ObjectId => Metadata.Text("OBJECT_ID") ?? string.Empty;
    public string CenterName => Metadata.Text("CENTER_NAME") ?? string.Empty;
    public string RefFrame => Metadata.Text("REF_FRAME") ?? string.Empty;
    public CcsdsEpoch? RefFrameEpoch => Metadata.Epoch("REF_FRAME_EPOCH");
    public string TimeSystem => Metadata.Text("TIME_SYSTEM") ?? string.Empty;
    public CcsdsEpoch StartTime => Metadata.Epoch("START_TIME") ?? default;
    public CcsdsEpoch StopTime => Metadata.Epoch("STOP_TIME") ?? default;
    public CcsdsEpoch? UseableStartTime => Metadata.Epoch("USEABLE_START_TIME");
    public CcsdsEpoch? UseableStopTime => Metadata.Epoch("USEABLE_STOP_TIME");

    /// <summary><c>INTERPOLATION</c> as written (HERMITE, LAGRANGE, LINEAR; any case), or null.</summary>
    public string? Interpolation => Metadata.Text("INTERPOLATION");

    /// <summary><c>INTERPOLATION_DEGREE</c>, or null.</summary>
    public int? InterpolationDegree => Metadata.Integer("INTERPOLATION_DEGREE");

    /// <summary>
    /// This segment as an ephemeris source in <paramref name="to"/>: epochs converted with the
    /// segment's TIME_SYSTEM, states with its REF_FRAME (Earth-centred only), interpolated by its
    /// INTERPOLATION and INTERPOLATION_DEGREE (default: Lagrange of degree 5, as Orekit does when the
    /// message is silent), usable between USEABLE_START_TIME and USEABLE_STOP_TIME when given. False,
    /// with an error naming the line and keyword, for an unsupported time system, frame, centre or method.
    /// </summary>
    public bool TryCreateEphemeris(TimeScales scales, FrameTree frames, Frame to, out IEphemerisSource source, out string? error)
    {
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(to);
        source = null!;
        if (!CcsdsTimeSystems.TryResolve(TimeSystem, scales, out var scale, out error))
        {
            error = $"line {Metadata.Line("TIME_SYSTEM")}: TIME_SYSTEM: {error}";
            return false;
        }
        if (!CcsdsFrames.TryResolve(RefFrame, CenterName, frames, out var from, out error))
        {
            var key = CcsdsFrames.IsKnown(RefFrame) && !CenterName.Equals("EARTH", StringComparison.OrdinalIgnoreCase) ? "CENTER_NAME" : "REF_FRAME";
            error = $"line {Metadata.Line(key)}: {key}: {error}";
            return false;
        }
        var method = (Interpolation ?? "LAGRANGE").ToUpperInvariant() switch
        {
            "HERMITE" => EphemerisInterpolation.Hermite,
            "LAGRANGE" => EphemerisInterpolation.Lagrange,
            "LINEAR" => EphemerisInterpolation.Linear,
            _ => (EphemerisInterpolation?)null,
        };
        if (method is null)
        {
            error = $"line {Metadata.Line("INTERPOLATION")}: INTERPOLATION: method \"{Interpolation}\" is not supported (HERMITE, LAGRANGE, LINEAR)";
            return false;
        }
        if (States.Count < 2)
        {
            error = $"line {Metadata.Line("OBJECT_NAME")}: DATA: a segment needs at least two ephemeris lines to interpolate";
            return false;
        }
        var degree = Math.Max(1, InterpolationDegree ?? 5);
        var times = new Instant[States.Count];
        var states = new StateVector[States.Count];
        for (var i = 0; i < States.Count; i++)
        {
            times[i] = States[i].Epoch.ToInstant(scale);
            states[i] = ReferenceEquals(from, to) ? States[i].StateKm : frames.Transform(States[i].StateKm, from, to, times[i]);
        }
        source = new InterpolatedEphemeris(times, states, method.Value, degree,
            UseableStartTime?.ToInstant(scale), UseableStopTime?.ToInstant(scale));
        error = null;
        return true;
    }

    /// <summary>
    /// This segment's covariance blocks as 6×6 matrices (km², km²/s, km²/s²) at instants: in
    /// <paramref name="to"/> for a block whose COV_REF_FRAME (default: the segment's REF_FRAME) is an
    /// Earth-centred frame, transformed with the frame transform's full state Jacobian
    /// J = [[R, 0], [−[ω×]R, R]] as P' = J·P·Jᵀ (so a rotating frame such as ITRF is handled); left in the object's
    /// RTN frame (flagged) for RTN/RSW/RIC blocks. False, naming the block's EPOCH and the keyword, for an
    /// unsupported time system or frame.
    /// </summary>
    public bool TryGetCovariances(TimeScales scales, FrameTree frames, Frame to, out IReadOnlyList<OemCovarianceSample> samples, out string? error)
    {
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(to);
        samples = [];
        if (!CcsdsTimeSystems.TryResolve(TimeSystem, scales, out var scale, out error))
        {
            error = $"line {Metadata.Line("TIME_SYSTEM")}: TIME_SYSTEM: {error}";
            return false;
        }
        var list = new List<OemCovarianceSample>(Covariances.Count);
        foreach (var c in Covariances)
        {
            var t = c.Epoch.ToInstant(scale);
            var name = string.IsNullOrWhiteSpace(c.RefFrame) ? RefFrame : c.RefFrame.Trim();
            var p = new double[6, 6];
            for (var i = 0; i < 6; i++)
                for (var j = 0; j < 6; j++)
                    p[i, j] = c[i, j];
            if (name.ToUpperInvariant() is "RTN" or "RSW" or "RIC")
            {
                list.Add(new OemCovarianceSample(t, p, true));
                continue;
            }
            if (!CcsdsFrames.TryResolve(name, CenterName, frames, out var from, out error))
            {
                error = $"covariance at {c.Epoch}: COV_REF_FRAME: {error}";
                return false;
            }
            list.Add(new OemCovarianceSample(t, ReferenceEquals(from, to) ? p : Congruence(p, frames.GetTransform(from, to, t)), false));
        }
        samples = list;
        error = null;
        return true;
    }

    private static double[,] Congruence(double[,] p, FrameTransform transform)
    {
        // Column k of the Jacobian is the transform of the k-th unit state (the transform is linear).
        var jac = new double[6, 6];
        for (var k = 0; k < 6; k++)
        {
            var e = new double[6];
            e[k] = 1;
            var s = transform.TransformState(new StateVector(new Vec3(e[0], e[1], e[2]), new Vec3(e[3], e[4], e[5])));
            jac[0, k] = s.PositionKm.X; jac[1, k] = s.PositionKm.Y; jac[2, k] = s.PositionKm.Z;
            jac[3, k] = s.VelocityKmS.X; jac[4, k] = s.VelocityKmS.Y; jac[5, k] = s.VelocityKmS.Z;
        }
        var jp = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++) sum += jac[i, k] * p[k, j];
                jp[i, j] = sum;
            }
        var r = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++) sum += jp[i, k] * jac[j, k];
                r[i, j] = r[j, i] = sum;
            }
        return r;
    }

    /// <summary>True when both segments hold the same content.</summary>
    public bool ContentEquals(OemSegment other) =>
        other is not null && Metadata.ContentEquals(other.Metadata) && DataComments.SequenceEqual(other.DataComments)
        && States.SequenceEqual(other.States) && Covariances.Count == other.Covariances.Count
        && Covariances.Zip(other.Covariances).All(p => p.First.ContentEquals(p.Second));
}
