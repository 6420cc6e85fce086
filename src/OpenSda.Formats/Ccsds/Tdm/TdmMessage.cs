using OpenSda.Formats.Ccsds.Common;
using OpenSda.Time;
using K = OpenSda.Formats.Ccsds.Common.CcsdsValueKind;

namespace OpenSda.Formats.Ccsds.Tdm;

/// <summary>
/// Keywords of the Tracking Data Message (CCSDS 503.0-B-2): header, metadata (table 3-3) and the
/// observable keywords of the data section (table 3-5).
/// </summary>
public static class TdmKeywords
{
    /// <summary>Section codes.</summary>
    public const int Header = 0, Metadata = 1;

    internal static readonly KeywordTable Table = Build();

    /// <summary>Observable keywords (CCSDS 503.0-B-2 §3.5), with the units of each value.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Observables = BuildObservables();

    private static KeywordTable Build()
    {
        var t = new KeywordTable()
            .Add(Header, "header", K.Text, null, "CCSDS_TDM_VERS", "CLASSIFICATION")
            .Add(Header, "header", K.Epoch, null, "CREATION_DATE")
            .Add(Header, "header", K.Text, null, "ORIGINATOR", "MESSAGE_ID")
            .Add(Metadata, "metadata", K.Text, null, "TRACK_ID", "DATA_TYPES")
            .Add(Metadata, "metadata", K.TimeSystem, null, "TIME_SYSTEM")
            .Add(Metadata, "metadata", K.Epoch, null, "START_TIME", "STOP_TIME")
            .Add(Metadata, "metadata", K.Text, null, "PARTICIPANT_1", "PARTICIPANT_2", "PARTICIPANT_3", "PARTICIPANT_4", "PARTICIPANT_5",
                "MODE", "PATH", "PATH_1", "PATH_2", "EPHEMERIS_NAME_1", "EPHEMERIS_NAME_2", "EPHEMERIS_NAME_3", "EPHEMERIS_NAME_4",
                "EPHEMERIS_NAME_5", "TRANSMIT_BAND", "RECEIVE_BAND")
            .Add(Metadata, "metadata", K.Integer, null, "TURNAROUND_NUMERATOR", "TURNAROUND_DENOMINATOR")
            .Add(Metadata, "metadata", K.Text, null, "TIMETAG_REF")
            .Add(Metadata, "metadata", K.Number, "s", "INTEGRATION_INTERVAL")
            .Add(Metadata, "metadata", K.Text, null, "INTEGRATION_REF")
            .Add(Metadata, "metadata", K.Number, "Hz", "FREQ_OFFSET")
            .Add(Metadata, "metadata", K.Text, null, "RANGE_MODE")
            .Add(Metadata, "metadata", K.Number, null, "RANGE_MODULUS")
            .Add(Metadata, "metadata", K.Text, null, "RANGE_UNITS", "ANGLE_TYPE")
            .Add(Metadata, "metadata", K.Frame, null, "REFERENCE_FRAME")
            .Add(Metadata, "metadata", K.Text, null, "INTERPOLATION")
            .Add(Metadata, "metadata", K.Integer, null, "INTERPOLATION_DEGREE")
            .Add(Metadata, "metadata", K.Number, "Hz", "DOPPLER_COUNT_BIAS")
            .Add(Metadata, "metadata", K.Number, null, "DOPPLER_COUNT_SCALE")
            .Add(Metadata, "metadata", K.Text, null, "DOPPLER_COUNT_ROLLOVER")
            .Add(Metadata, "metadata", K.Number, "s", "TRANSMIT_DELAY_1", "TRANSMIT_DELAY_2", "TRANSMIT_DELAY_3", "TRANSMIT_DELAY_4", "TRANSMIT_DELAY_5",
                "RECEIVE_DELAY_1", "RECEIVE_DELAY_2", "RECEIVE_DELAY_3", "RECEIVE_DELAY_4", "RECEIVE_DELAY_5")
            .Add(Metadata, "metadata", K.Text, null, "DATA_QUALITY")
            .Add(Metadata, "metadata", K.Number, "deg", "CORRECTION_ANGLE_1", "CORRECTION_ANGLE_2")
            .Add(Metadata, "metadata", K.Number, "km/s", "CORRECTION_DOPPLER")
            .Add(Metadata, "metadata", K.Number, null, "CORRECTION_MAG", "CORRECTION_RANGE")
            .Add(Metadata, "metadata", K.Number, "m**2", "CORRECTION_RCS")
            .Add(Metadata, "metadata", K.Number, "Hz", "CORRECTION_RECEIVE", "CORRECTION_TRANSMIT")
            .Add(Metadata, "metadata", K.Number, "deg", "CORRECTION_ABERRATION_YEARLY", "CORRECTION_ABERRATION_DIURNAL")
            .Add(Metadata, "metadata", K.Text, null, "CORRECTIONS_APPLIED");
        return t;
    }

    private static Dictionary<string, string?> BuildObservables()
    {
        var d = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ANGLE_1"] = "deg", ["ANGLE_2"] = "deg", ["CARRIER_POWER"] = "dBW", ["CLOCK_BIAS"] = "s", ["CLOCK_DRIFT"] = "s/s",
            ["DOPPLER_COUNT"] = null, ["DOPPLER_INSTANTANEOUS"] = "km/s", ["DOPPLER_INTEGRATED"] = "km/s", ["DOR"] = "s",
            ["MAG"] = null, ["PC_N0"] = "dBHz", ["PR_N0"] = "dBHz", ["PRESSURE"] = "hPa", ["RANGE"] = null, ["RCS"] = "m**2",
            ["RECEIVE_FREQ"] = "Hz", ["RHUMIDITY"] = "%", ["STEC"] = "TECU", ["TEMPERATURE"] = "K", ["TROPO_DRY"] = "m",
            ["TROPO_WET"] = "m", ["VLBI_DELAY"] = "s",
        };
        for (var i = 1; i <= 5; i++)
        {
            d["RECEIVE_FREQ_" + i] = "Hz";
            d["TRANSMIT_FREQ_" + i] = "Hz";
            d["TRANSMIT_FREQ_RATE_" + i] = "Hz/s";
            d["RECEIVE_PHASE_CT_" + i] = null;
            d["TRANSMIT_PHASE_CT_" + i] = null;
        }
        return d;
    }
}

/// <summary>
/// A Tracking Data Message (CCSDS 503.0-B-2; TDM 1.0 and 2.0): a header and segments of metadata
/// plus time-tagged observations (range, Doppler, angles, frequencies, clock, media). Read only; the
/// start of the observation pipeline.
/// </summary>
public sealed class TdmMessage
{
    internal TdmMessage(CcsdsBlock header, IReadOnlyList<TdmSegment> segments)
    {
        Header = header;
        Segments = segments;
    }

    public CcsdsBlock Header { get; }
    public string Version => Header.Text("CCSDS_TDM_VERS") ?? string.Empty;
    public IReadOnlyList<TdmSegment> Segments { get; }
}

/// <summary>One TDM segment: metadata (participants, mode, path, time system …), data comments and observations.</summary>
public sealed class TdmSegment
{
    internal TdmSegment(CcsdsBlock metadata, IReadOnlyList<string> dataComments, IReadOnlyList<TdmObservation> observations)
    {
        Metadata = metadata;
        DataComments = dataComments;
        Observations = observations;
    }

    public CcsdsBlock Metadata { get; }
    public IReadOnlyList<string> DataComments { get; }
    public IReadOnlyList<TdmObservation> Observations { get; }
    public string TimeSystem => Metadata.Text("TIME_SYSTEM") ?? string.Empty;

    /// <summary>The participants PARTICIPANT_1..5 that are given.</summary>
    public IReadOnlyList<string> Participants =>
        [.. Enumerable.Range(1, 5).Select(i => Metadata.Text("PARTICIPANT_" + i)).OfType<string>()];

    /// <summary>The instant of an observation in this segment's time system, or false with an error naming the TIME_SYSTEM line.</summary>
    public bool TryGetInstant(TdmObservation observation, TimeScales scales, out Instant instant, out string? error)
    {
        instant = default;
        if (!CcsdsTimeSystems.TryResolve(TimeSystem, scales, out var scale, out error))
        {
            error = $"line {Metadata.Line("TIME_SYSTEM")}: TIME_SYSTEM: {error}";
            return false;
        }
        instant = observation.Epoch.ToInstant(scale);
        return true;
    }
}

/// <summary>One observation: observable keyword, epoch (in the segment's time system) and value (units per <see cref="TdmKeywords.Observables"/>).</summary>
public sealed record TdmObservation(string Keyword, CcsdsEpoch Epoch, double Value, int Line);
