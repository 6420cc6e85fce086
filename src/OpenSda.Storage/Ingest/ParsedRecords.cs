using OpenSda.Orbits;

namespace OpenSda.Storage.Ingest;

/// <summary>The kinds of file an ingest accepts, told apart by content, never by name.</summary>
public enum IngestFormat
{
    Unknown,
    Tle,
    OmmKvn,
    OmmXml,
    OmmJson,
    OmmCsv,
    Oem,
    Tdm,
    Cdm,
}

/// <summary>A rejected record: the 1-based line where it starts, the field at fault, and what was expected.</summary>
public sealed record IngestIssue(int Line, string Field, string Message);

/// <summary>A GP element set read from a TLE, OMM or GP CSV/JSON record.</summary>
public sealed record ParsedElset(int Line, MeanElements Elements, DateTime EpochUtc, string? Line1, string? Line2);

/// <summary>One state of an ephemeris: time (UTC), position km, velocity km/s.</summary>
public readonly record struct EphemerisPoint(DateTime TimeUtc, double X, double Y, double Z, double Vx, double Vy, double Vz);

/// <summary>
/// One OEM segment. <see cref="ObjectId"/> is the OEM's OBJECT_ID as written: a catalog number, or an
/// international designator that the store resolves against the catalog the uploader can see.
/// </summary>
public sealed record ParsedEphemeris(
    int Line, string ObjectId, string? ObjectName, string RefFrame, string CenterName, string TimeSystem,
    IReadOnlyList<EphemerisPoint> Points);

/// <summary>One TDM segment: who took part, when, how many data lines; the segment text is kept as lineage.</summary>
public sealed record ParsedObservation(int Line, int? NoradId, string Participants, DateTime StartUtc, DateTime StopUtc, int DataCount, string Body);

/// <summary>A conjunction reported in a CDM.</summary>
public sealed record ParsedConjunction(int Line, int PrimaryNorad, int SecondaryNorad, DateTime TcaUtc, double MissKm, double? Pc, double? RelativeSpeedKmS);

/// <summary>What one uploaded file held: records that parsed, and the ones that did not.</summary>
public sealed class ParsedFile
{
    public IngestFormat Format { get; set; }
    public List<ParsedElset> Elsets { get; } = [];
    public List<ParsedEphemeris> Ephemerides { get; } = [];
    public List<ParsedObservation> Observations { get; } = [];
    public List<ParsedConjunction> Conjunctions { get; } = [];
    public List<IngestIssue> Rejected { get; } = [];

    public int RecordCount => Elsets.Count + Ephemerides.Count + Observations.Count + Conjunctions.Count;
}

/// <summary>
/// Reads one uploaded file of any supported format. This is the seam between the server and the format
/// readers: the GP formats (TLE/3LE, OMM KVN/XML/JSON, GP CSV) belong to <c>OpenSda.Formats</c>; the
/// store only needs records with their line numbers and per-record diagnostics.
/// </summary>
public interface IIngestParser
{
    ParsedFile Parse(string text, string sourceName);
}
