using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Common;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Formats.Ccsds.Omm;

/// <summary>Header values of OMMs written by <see cref="OmmWriter"/>.</summary>
public sealed record OmmWriteOptions
{
    /// <summary>Defaults: version 3.0, originator OpenSDA, no creation date (the writer then uses the epoch of the first set).</summary>
    public static OmmWriteOptions Default { get; } = new();

    /// <summary><c>CCSDS_OMM_VERS</c>: 2.0 or 3.0.</summary>
    public string Version { get; init; } = "3.0";

    /// <summary><c>ORIGINATOR</c>.</summary>
    public string Originator { get; init; } = "OpenSDA";

    /// <summary><c>CREATION_DATE</c> (UTC), or null for the first element set's epoch (deterministic output).</summary>
    public DateTimeOffset? CreationDateUtc { get; init; }
}

/// <summary>
/// Writes SGP4 mean element sets as CCSDS Orbit Mean-elements Messages (CCSDS 502.0-B-3 §4): KVN
/// (one message per element set, concatenated as CelesTrak does), NDM/XML (a bare <c>&lt;omm&gt;</c>
/// for one set, an <c>&lt;ndm&gt;</c> of them otherwise) and GP JSON (an array of objects with JSON
/// numbers, CelesTrak's layout). Metadata is fixed by SGP4: CENTER_NAME EARTH, REF_FRAME TEME,
/// TIME_SYSTEM UTC, MEAN_ELEMENT_THEORY SGP4. Numbers are written in their shortest round-trip form and
/// epochs to the microsecond, so <see cref="OmmReader"/> reads back the same elements (epochs within
/// 0.5 µs). A missing name or international designator is written as <c>UNKNOWN</c> (both are mandatory).
/// </summary>
public static class OmmWriter
{
    /// <summary>KVN.</summary>
    public static string WriteKvn(IEnumerable<CatalogEntry> entries, OmmWriteOptions? options = null) =>
        WriteKvn(entries.Select(e => e.Elements), options);

    /// <summary>KVN.</summary>
    public static string WriteKvn(IEnumerable<MeanElements> sets, OmmWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        options ??= OmmWriteOptions.Default;
        var w = new KvnWriter();
        var first = true;
        foreach (var e in sets)
        {
            if (!first) w.Blank();
            first = false;
            foreach (var (section, key, value, units) in Fields(e, options))
            {
                _ = section;
                w.Pair(key, value, units);
            }
        }
        return w.ToString();
    }

    /// <summary>NDM/XML.</summary>
    public static string WriteXml(IEnumerable<CatalogEntry> entries, OmmWriteOptions? options = null) =>
        WriteXml(entries.Select(e => e.Elements), options);

    /// <summary>NDM/XML.</summary>
    public static string WriteXml(IEnumerable<MeanElements> sets, OmmWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        options ??= OmmWriteOptions.Default;
        var list = sets.ToList();
        var x = new XmlWriterLite();
        if (list.Count != 1) x.Open("ndm");
        foreach (var e in list)
        {
            x.Open("omm", ("id", "CCSDS_OMM_VERS"), ("version", options.Version));
            string? open = null;
            var inBody = false;
            foreach (var (section, key, value, units) in Fields(e, options))
            {
                if (key == "CCSDS_OMM_VERS") continue;
                if (section != open)
                {
                    if (open is not null) x.Close();
                    if (open == "header") { x.Open("body"); x.Open("segment"); inBody = true; }
                    if (section is "meanElements" && open == "metadata") x.Open("data");
                    x.Open(section);
                    open = section;
                }
                x.Leaf(key, value, units);
            }
            x.Close();
            if (inBody) { x.Close(); x.Close(); x.Close(); }
            x.Close();
        }
        if (list.Count != 1) x.Close();
        return x.ToString();
    }

    /// <summary>GP JSON (an array of objects; numbers as JSON numbers).</summary>
    public static string WriteJson(IEnumerable<CatalogEntry> entries, OmmWriteOptions? options = null) =>
        WriteJson(entries.Select(e => e.Elements), options);

    /// <summary>GP JSON (an array of objects; numbers as JSON numbers).</summary>
    public static string WriteJson(IEnumerable<MeanElements> sets, OmmWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        options ??= OmmWriteOptions.Default;
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartArray();
            foreach (var e in sets)
            {
                j.WriteStartObject();
                j.WriteString("CCSDS_OMM_VERS", options.Version);
                j.WriteString("CREATION_DATE", CreationDate(e, options));
                j.WriteString("ORIGINATOR", options.Originator);
                j.WriteString("OBJECT_NAME", e.Name ?? "UNKNOWN");
                j.WriteString("OBJECT_ID", e.InternationalDesignator ?? "UNKNOWN");
                j.WriteString("CENTER_NAME", "EARTH");
                j.WriteString("REF_FRAME", "TEME");
                j.WriteString("TIME_SYSTEM", "UTC");
                j.WriteString("MEAN_ELEMENT_THEORY", "SGP4");
                j.WriteString("EPOCH", Epoch(e.EpochUtc));
                j.WriteNumber("MEAN_MOTION", e.MeanMotionRevPerDay);
                j.WriteNumber("ECCENTRICITY", e.Eccentricity);
                j.WriteNumber("INCLINATION", e.InclinationDeg);
                j.WriteNumber("RA_OF_ASC_NODE", e.RaanDeg);
                j.WriteNumber("ARG_OF_PERICENTER", e.ArgPerigeeDeg);
                j.WriteNumber("MEAN_ANOMALY", e.MeanAnomalyDeg);
                j.WriteNumber("EPHEMERIS_TYPE", e.EphemerisType);
                j.WriteString("CLASSIFICATION_TYPE", e.Classification.ToString());
                j.WriteNumber("NORAD_CAT_ID", e.CatalogNumber);
                j.WriteNumber("ELEMENT_SET_NO", e.ElementSetNumber);
                j.WriteNumber("REV_AT_EPOCH", e.RevolutionNumber);
                j.WriteNumber("BSTAR", e.BStar);
                j.WriteNumber("MEAN_MOTION_DOT", e.MeanMotionDot);
                j.WriteNumber("MEAN_MOTION_DDOT", e.MeanMotionDDot);
                j.WriteEndObject();
            }
            j.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>An epoch as CCSDS text to the microsecond (<c>YYYY-MM-DDThh:mm:ss.ffffff</c>), as CelesTrak writes it.</summary>
    public static string Epoch(JulianDate epochUtc)
    {
        var n = epochUtc.Normalized();
        var micros = (long)Math.Round(n.Fraction * 86_400_000_000.0);
        var day = n.Day;
        if (micros >= 86_400_000_000L) { micros -= 86_400_000_000L; day += 1; }
        var (y, mo, d, _, _, _) = new JulianDate(day, 0).ToCalendar();
        var h = micros / 3_600_000_000L;
        var mi = micros / 60_000_000L % 60;
        var s = micros / 1_000_000L % 60;
        var us = micros % 1_000_000L;
        return string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{mo:00}-{d:00}T{h:00}:{mi:00}:{s:00}.{us:000000}");
    }

    private static string CreationDate(MeanElements e, OmmWriteOptions o) =>
        o.CreationDateUtc is { } c ? c.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) : Epoch(e.EpochUtc);

    private static IEnumerable<(string Section, string Key, string Value, string? Units)> Fields(MeanElements e, OmmWriteOptions o)
    {
        static string F(double v) => CcsdsValues.Format(v);
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        yield return ("header", "CCSDS_OMM_VERS", o.Version, null);
        yield return ("header", "CREATION_DATE", CreationDate(e, o), null);
        yield return ("header", "ORIGINATOR", o.Originator, null);
        yield return ("metadata", "OBJECT_NAME", e.Name ?? "UNKNOWN", null);
        yield return ("metadata", "OBJECT_ID", e.InternationalDesignator ?? "UNKNOWN", null);
        yield return ("metadata", "CENTER_NAME", "EARTH", null);
        yield return ("metadata", "REF_FRAME", "TEME", null);
        yield return ("metadata", "TIME_SYSTEM", "UTC", null);
        yield return ("metadata", "MEAN_ELEMENT_THEORY", "SGP4", null);
        yield return ("meanElements", "EPOCH", Epoch(e.EpochUtc), null);
        yield return ("meanElements", "MEAN_MOTION", F(e.MeanMotionRevPerDay), "rev/day");
        yield return ("meanElements", "ECCENTRICITY", F(e.Eccentricity), null);
        yield return ("meanElements", "INCLINATION", F(e.InclinationDeg), "deg");
        yield return ("meanElements", "RA_OF_ASC_NODE", F(e.RaanDeg), "deg");
        yield return ("meanElements", "ARG_OF_PERICENTER", F(e.ArgPerigeeDeg), "deg");
        yield return ("meanElements", "MEAN_ANOMALY", F(e.MeanAnomalyDeg), "deg");
        yield return ("tleParameters", "EPHEMERIS_TYPE", I(e.EphemerisType), null);
        yield return ("tleParameters", "CLASSIFICATION_TYPE", e.Classification.ToString(), null);
        yield return ("tleParameters", "NORAD_CAT_ID", I(e.CatalogNumber), null);
        yield return ("tleParameters", "ELEMENT_SET_NO", I(e.ElementSetNumber), null);
        yield return ("tleParameters", "REV_AT_EPOCH", I(e.RevolutionNumber), null);
        yield return ("tleParameters", "BSTAR", F(e.BStar), "1/ER");
        yield return ("tleParameters", "MEAN_MOTION_DOT", F(e.MeanMotionDot), "rev/day**2");
        yield return ("tleParameters", "MEAN_MOTION_DDOT", F(e.MeanMotionDDot), "rev/day**3");
    }
}
