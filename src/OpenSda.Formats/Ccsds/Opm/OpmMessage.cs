using OpenSda.Formats.Ccsds.Common;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Time;
using K = OpenSda.Formats.Ccsds.Common.CcsdsValueKind;

namespace OpenSda.Formats.Ccsds.Opm;

/// <summary>Keywords of the Orbit Parameter Message (CCSDS 502.0-B-3 §3, table 3-3), in the standard's order.</summary>
public static class OpmKeywords
{
    /// <summary>Section codes: header, metadata, data, manoeuvre.</summary>
    public const int Header = 0, Metadata = 1, Data = 2, Maneuver = 3;

    internal static readonly KeywordTable Table = Build();

    private static KeywordTable Build()
    {
        var t = new KeywordTable()
            .Add(Header, "header", K.Text, null, "CCSDS_OPM_VERS", "CLASSIFICATION")
            .Add(Header, "header", K.Epoch, null, "CREATION_DATE")
            .Add(Header, "header", K.Text, null, "ORIGINATOR", "MESSAGE_ID")
            .Add(Metadata, "metadata", K.Text, null, "OBJECT_NAME", "OBJECT_ID", "CENTER_NAME")
            .Add(Metadata, "metadata", K.Frame, null, "REF_FRAME")
            .Add(Metadata, "metadata", K.Epoch, null, "REF_FRAME_EPOCH")
            .Add(Metadata, "metadata", K.TimeSystem, null, "TIME_SYSTEM")
            .Add(Data, "stateVector", K.Epoch, null, "EPOCH")
            .Add(Data, "stateVector", K.Number, "km", "X", "Y", "Z")
            .Add(Data, "stateVector", K.Number, "km/s", "X_DOT", "Y_DOT", "Z_DOT")
            .Add(Data, "keplerianElements", K.Number, "km", "SEMI_MAJOR_AXIS")
            .Add(Data, "keplerianElements", K.Number, null, "ECCENTRICITY")
            .Add(Data, "keplerianElements", K.Number, "deg", "INCLINATION", "RA_OF_ASC_NODE", "ARG_OF_PERICENTER", "TRUE_ANOMALY", "MEAN_ANOMALY")
            .Add(Data, "keplerianElements", K.Number, "km**3/s**2", "GM")
            .Add(Data, "spacecraftParameters", K.Number, "kg", "MASS")
            .Add(Data, "spacecraftParameters", K.Number, "m**2", "SOLAR_RAD_AREA")
            .Add(Data, "spacecraftParameters", K.Number, null, "SOLAR_RAD_COEFF")
            .Add(Data, "spacecraftParameters", K.Number, "m**2", "DRAG_AREA")
            .Add(Data, "spacecraftParameters", K.Number, null, "DRAG_COEFF")
            .Add(Data, "covarianceMatrix", K.Frame, null, "COV_REF_FRAME");
        string[] n = ["X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++)
                t.Add(Data, "covarianceMatrix", K.Number, (i < 3, j < 3) switch { (true, _) => "km**2", (false, true) => "km**2/s", _ => "km**2/s**2" }, "C" + n[i] + "_" + n[j]);
        t.Add(Maneuver, "maneuverParameters", K.Epoch, null, "MAN_EPOCH_IGNITION")
         .Add(Maneuver, "maneuverParameters", K.Number, "s", "MAN_DURATION")
         .Add(Maneuver, "maneuverParameters", K.Number, "kg", "MAN_DELTA_MASS")
         .Add(Maneuver, "maneuverParameters", K.Frame, null, "MAN_REF_FRAME")
         .Add(Maneuver, "maneuverParameters", K.Number, "km/s", "MAN_DV_1", "MAN_DV_2", "MAN_DV_3");
        return t;
    }
}

/// <summary>
/// An Orbit Parameter Message (CCSDS 502.0-B-3 §3): one state vector at an epoch in the declared
/// frame and time system, with optional osculating Keplerian elements, spacecraft parameters, a 6×6
/// covariance and manoeuvres. Read only.
/// </summary>
public sealed class OpmMessage
{
    internal OpmMessage(CcsdsBlock header, CcsdsBlock metadata, CcsdsBlock data, IReadOnlyList<CcsdsBlock> maneuvers)
    {
        Header = header;
        Metadata = metadata;
        Data = data;
        Maneuvers = [.. maneuvers.Select(m => new OpmManeuver(m))];
    }

    public CcsdsBlock Header { get; }
    public CcsdsBlock Metadata { get; }

    /// <summary>State vector, Keplerian elements, spacecraft parameters, covariance and user-defined keywords.</summary>
    public CcsdsBlock Data { get; }

    public string Version => Header.Text("CCSDS_OPM_VERS") ?? string.Empty;
    public string ObjectName => Metadata.Text("OBJECT_NAME") ?? string.Empty;
    public string ObjectId => Metadata.Text("OBJECT_ID") ?? string.Empty;
    public string CenterName => Metadata.Text("CENTER_NAME") ?? string.Empty;
    public string RefFrame => Metadata.Text("REF_FRAME") ?? string.Empty;
    public string TimeSystem => Metadata.Text("TIME_SYSTEM") ?? string.Empty;

    /// <summary>Epoch of the state, in <see cref="TimeSystem"/>.</summary>
    public CcsdsEpoch Epoch => Data.Epoch("EPOCH") ?? default;

    /// <summary>State at <see cref="Epoch"/> in <see cref="RefFrame"/>, km and km/s.</summary>
    public StateVector StateKm => new(
        new Vec3(Data.Number("X") ?? double.NaN, Data.Number("Y") ?? double.NaN, Data.Number("Z") ?? double.NaN),
        new Vec3(Data.Number("X_DOT") ?? double.NaN, Data.Number("Y_DOT") ?? double.NaN, Data.Number("Z_DOT") ?? double.NaN));

    /// <summary>Osculating Keplerian elements, or null when not given.</summary>
    public OpmKeplerianElements? Keplerian =>
        Data.Number("SEMI_MAJOR_AXIS") is { } a && Data.Number("ECCENTRICITY") is { } e && Data.Number("INCLINATION") is { } i
        && Data.Number("RA_OF_ASC_NODE") is { } raan && Data.Number("ARG_OF_PERICENTER") is { } w && Data.Number("GM") is { } gm
            ? new OpmKeplerianElements(a, e, i, raan, w, Data.Number("TRUE_ANOMALY"), Data.Number("MEAN_ANOMALY"), gm)
            : null;

    public double? MassKg => Data.Number("MASS");

    /// <summary>The 6×6 covariance (km², km²/s, km²/s²) as a 21-term lower triangle, or null.</summary>
    public IReadOnlyList<double>? Covariance
    {
        get
        {
            string[] n = ["X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"];
            var list = new List<double>(21);
            for (var i = 0; i < 6; i++)
                for (var j = 0; j <= i; j++)
                {
                    if (Data.Number("C" + n[i] + "_" + n[j]) is not { } v) return null;
                    list.Add(v);
                }
            return list;
        }
    }

    /// <summary>Manoeuvres in order.</summary>
    public IReadOnlyList<OpmManeuver> Maneuvers { get; }

    /// <summary>The epoch as an instant, or false with an error naming the TIME_SYSTEM line.</summary>
    public bool TryGetEpoch(TimeScales scales, out Instant epoch, out string? error)
    {
        epoch = default;
        if (!CcsdsTimeSystems.TryResolve(TimeSystem, scales, out var scale, out error))
        {
            error = $"line {Metadata.Line("TIME_SYSTEM")}: TIME_SYSTEM: {error}";
            return false;
        }
        epoch = Epoch.ToInstant(scale);
        return true;
    }

    /// <summary>The state in <paramref name="to"/>, converted with the foundation's frames, or false with the reason (line and keyword).</summary>
    public bool TryGetState(TimeScales scales, FrameTree frames, Frame to, out StateVector state, out string? error)
    {
        ArgumentNullException.ThrowIfNull(frames);
        state = default;
        if (!TryGetEpoch(scales, out var t, out error))
            return false;
        if (!CcsdsFrames.TryResolve(RefFrame, CenterName, frames, out var from, out error))
        {
            error = $"line {Metadata.Line("REF_FRAME")}: REF_FRAME: {error}";
            return false;
        }
        state = frames.Transform(StateKm, from, to, t);
        return true;
    }
}

/// <summary>Osculating Keplerian elements of an OPM (km, degrees, km³/s²); one of true or mean anomaly is given.</summary>
public sealed record OpmKeplerianElements(double SemiMajorAxisKm, double Eccentricity, double InclinationDeg, double RaanDeg,
    double ArgPericenterDeg, double? TrueAnomalyDeg, double? MeanAnomalyDeg, double GmKm3S2);

/// <summary>One OPM manoeuvre (CCSDS 502.0-B-3 §3.2.4.7): ignition epoch, duration (s), mass change (kg), frame and Δv (km/s).</summary>
public sealed class OpmManeuver
{
    internal OpmManeuver(CcsdsBlock block) => Block = block;

    public CcsdsBlock Block { get; }
    public CcsdsEpoch EpochIgnition => Block.Epoch("MAN_EPOCH_IGNITION") ?? default;
    public double DurationS => Block.Number("MAN_DURATION") ?? double.NaN;
    public double DeltaMassKg => Block.Number("MAN_DELTA_MASS") ?? double.NaN;
    public string RefFrame => Block.Text("MAN_REF_FRAME") ?? string.Empty;
    public Vec3 DeltaVKmS => new(Block.Number("MAN_DV_1") ?? double.NaN, Block.Number("MAN_DV_2") ?? double.NaN, Block.Number("MAN_DV_3") ?? double.NaN);
}
