namespace OpenSda.Storage;

/// <summary>Where a record came from: the ingest (file or URL) and the line in it, or the records it was derived from.</summary>
public sealed record Lineage(long? IngestId, string? File, int? Line, IReadOnlyList<string> DerivedFrom);

public sealed record ObjectSummary(int NoradId, string? Name, string? IntlDesignator, string? Regime);

/// <summary>One source of state for an object: an element-set feed or an operator ephemeris, as the caller may see it.</summary>
public sealed record SourceRef(string Kind, long Id, string Source, string Originator, string Releasability, string DataMode, string Epoch);

/// <summary>
/// An object with the sources the caller may see. <see cref="Preferred"/> follows the documented
/// preference: an operator ephemeris (OEM) over an element set; among records of one kind, the newer
/// (later epoch, or for an ephemeris the later stop time) over the older.
/// </summary>
public sealed record ObjectDetail(int NoradId, string? Name, string? IntlDesignator, string? Regime, SourceRef? Preferred, IReadOnlyList<SourceRef> Sources);

public sealed record ElsetView(
    long Id, int NoradId, string? Name, string? IntlDesignator, string Source, string Format, string Epoch,
    double MeanMotionRevPerDay, double Eccentricity, double InclinationDeg, double RaanDeg, double ArgPerigeeDeg,
    double MeanAnomalyDeg, double Bstar, double MeanMotionDot, double MeanMotionDdot, int ElementSetNo, int RevNo,
    string? Line1, string? Line2, string Originator, string Releasability, string DataMode, Lineage Lineage);

public sealed record EphemerisView(
    long Id, int NoradId, string? ObjectName, string RefFrame, string CenterName, string TimeSystem, string StartTime,
    string StopTime, int PointCount, string Originator, string Releasability, string DataMode, Lineage Lineage,
    IReadOnlyList<double[]>? Points);

public sealed record ObservationView(
    long Id, int? NoradId, string Participants, string StartTime, string StopTime, int DataCount,
    string Originator, string Releasability, string DataMode, Lineage Lineage);

public sealed record ConjunctionView(
    long Id, int PrimaryNoradId, int SecondaryNoradId, string Tca, double MissKm, double? Pc, double? RelativeSpeedKmS,
    string Source, long? ScreeningRunId, string Originator, string Releasability, string DataMode, Lineage Lineage, string CreatedAt);

public sealed record ScreeningRunView(long Id, string Status, double Progress, string Parameters, string? Message, int Conjunctions, string CreatedAt, string? FinishedAt);

public sealed record WatchListView(long Id, string Name, IReadOnlyList<int> NoradIds, string CreatedAt);

public sealed record AlertView(long Id, long WatchListId, long ConjunctionId, int NoradId, string Message, string CreatedAt);

public sealed record ObjectQuery(string? Q, int? NoradId, string? Name, string? IntlDesignator, string? Regime);

public sealed record ConjunctionQuery(DateTime? From, DateTime? To, double? MaxMissKm, double? MinPc, int? NoradId, long? WatchListId, long? ScreeningRunId);

/// <summary>The answer to an upload: how many records were committed and which were rejected, with line and field.</summary>
public sealed record IngestResult(long? IngestId, string Format, int Accepted, IReadOnlyList<Ingest.IngestIssue> Rejected);

/// <summary>
/// A reference to a stored record that a derived product was computed from: <c>elset:12</c>,
/// <c>ephemeris:3</c>, <c>conjunction:7</c>, <c>observation:4</c>.
/// </summary>
public readonly record struct RecordRef(string Kind, long Id)
{
    public override string ToString() => $"{Kind}:{Id}";

    public static RecordRef Parse(string s)
    {
        var i = s.IndexOf(':', StringComparison.Ordinal);
        return new RecordRef(s[..i], long.Parse(s.AsSpan(i + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A conjunction computed by the server (screening) from stored records.</summary>
public sealed record DerivedConjunction(
    int PrimaryNoradId, int SecondaryNoradId, DateTime TcaUtc, double MissKm, double? Pc, double? RelativeSpeedKmS,
    IReadOnlyList<RecordRef> Inputs, long? ScreeningRunId);

/// <summary>Pushed to stream subscribers; <see cref="Audience"/> decides who receives it.</summary>
public sealed record StreamEvent(string Type, object Payload, Audience Audience);

/// <summary>
/// Who may see a record: everyone (public), or its originator and the members of the organisations and
/// groups its marking names (held as principal ids), or exactly one recipient organisation (alerts).
/// </summary>
public sealed record Audience(bool IsPublic, long OriginatorId, IReadOnlySet<long> PrincipalIds)
{
    public bool Admits(Caller c) => IsPublic || c.OrgId == OriginatorId || c.PrincipalIds.Any(PrincipalIds.Contains);
}

/// <summary>The input of a screening run: the current element set and the current ephemeris per object the run's owner may see.</summary>
public sealed record ScreeningCatalog(IReadOnlyList<ScreeningElset> Elsets, IReadOnlyList<ScreeningEphemeris> Ephemerides);

/// <summary>One current element set, for screening and the web catalogue (mean elements as stored; epoch ISO-8601 UTC).</summary>
public sealed class ScreeningElset
{
    public long Id { get; set; }
    public long NoradId { get; set; }
    public string? Name { get; set; }
    public string? IntlDesignator { get; set; }
    public string Epoch { get; set; } = "";
    public double MeanMotionRevPerDay { get; set; }
    public double Eccentricity { get; set; }
    public double InclinationDeg { get; set; }
    public double RaanDeg { get; set; }
    public double ArgPerigeeDeg { get; set; }
    public double MeanAnomalyDeg { get; set; }
    public double Bstar { get; set; }
    public double MeanMotionDot { get; set; }
    public double MeanMotionDdot { get; set; }
    public string Originator { get; set; } = "";
    public string Marking { get; set; } = "";

    public RecordRef Ref => new("elset", Id);
}

/// <summary>One ephemeris for screening: frame, centre and time system as the OEM declared them; points as stored.</summary>
public sealed class ScreeningEphemeris
{
    public long Id { get; set; }
    public long NoradId { get; set; }
    public string? ObjectName { get; set; }
    public string RefFrame { get; set; } = "";
    public string CenterName { get; set; } = "";
    public string TimeSystem { get; set; } = "";
    public string StartTime { get; set; } = "";
    public string StopTime { get; set; } = "";
    public string Points { get; set; } = "";
    public string Originator { get; set; } = "";
    public string Marking { get; set; } = "";

    public RecordRef Ref => new("ephemeris", Id);

    /// <summary>Points as <c>[seconds since the first, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s]</c>.</summary>
    public IReadOnlyList<double[]> ParsePoints() => OpenSdaStore.ParsePoints(Points);
}
