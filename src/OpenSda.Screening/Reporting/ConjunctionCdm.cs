using System.Globalization;
using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Formats.Ccsds.Common;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Screening.Probability;
using OpenSda.Time;

namespace OpenSda.Screening.Reporting;

/// <summary>
/// A Conjunction Data Message (CCSDS 508.0-B-1) for a screening event: TCA, miss distance, relative
/// state in object 1's RTN frame, both states converted from SGP4's TEME to EME2000, and each
/// object's RTN covariance. Element sets carry no covariance, so the covariances are the documented
/// default model (<c>COVARIANCE_METHOD = DEFAULT</c>), and the Pc is marked as computed from them.
/// Object 1 is the event's primary.
/// </summary>
public static class ConjunctionCdm
{
    /// <summary>What the message says about the screening that produced the event.</summary>
    public sealed record ScreeningContext(Instant StartUtc, Instant StopUtc, double ThresholdKm,
        double HardBodyRadiusM = EventProbability.DefaultHardBodyRadiusM, string Originator = "OPENSDA");

    /// <summary>Builds the message.</summary>
    /// <param name="e">The screening event.</param>
    /// <param name="pc">Its Pc, if computed.</param>
    /// <param name="context">The screening's window, threshold and HBR.</param>
    /// <param name="frames">Frames for TEME → EME2000.</param>
    /// <param name="createdUtc">CREATION_DATE.</param>
    /// <param name="conjunction">The event's conjunction with the covariances the Pc used (provided ones where known);
    /// null for the default model (<see cref="EventProbability.ToConjunction(ConjunctionEvent, double)"/>).</param>
    public static CdmMessage Build(ConjunctionEvent e, PcResult? pc, ScreeningContext context, FrameTree frames, Instant createdUtc,
        Conjunction? conjunction = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(frames);
        var utc = frames.Scales.Utc;
        var tca = Instant.FromJulianDate(e.TcaUtc, utc);
        var id = string.Create(CultureInfo.InvariantCulture,
            $"OPENSDA_{e.Primary.CatalogNumber}_{e.Secondary.CatalogNumber}_{tca.ToIsoString(utc, 0).Replace(":", "", StringComparison.Ordinal).TrimEnd('Z')}");

        var header = new CcsdsBlock(
        [
            new("CCSDS_CDM_VERS", "1.0"),
            new("CREATION_DATE", Epoch(createdUtc, utc)),
            new("ORIGINATOR", context.Originator),
            new("MESSAGE_ID", id),
        ]);

        var relVelRtn = RtnOf(e.PrimaryTeme, e.SecondaryTeme.VelocityKmS - e.PrimaryTeme.VelocityKmS);
        var relativeFields = new List<CcsdsKeyValue>
        {
            new("TCA", Epoch(tca, utc)),
            new("MISS_DISTANCE", Num(e.MissKm * 1000), "m"),
            new("RELATIVE_SPEED", Num(e.RelativeSpeedKmS * 1000), "m/s"),
            new("RELATIVE_POSITION_R", Num(e.MissRtnKm.X * 1000), "m"),
            new("RELATIVE_POSITION_T", Num(e.MissRtnKm.Y * 1000), "m"),
            new("RELATIVE_POSITION_N", Num(e.MissRtnKm.Z * 1000), "m"),
            new("RELATIVE_VELOCITY_R", Num(relVelRtn.X * 1000), "m/s"),
            new("RELATIVE_VELOCITY_T", Num(relVelRtn.Y * 1000), "m/s"),
            new("RELATIVE_VELOCITY_N", Num(relVelRtn.Z * 1000), "m/s"),
            new("START_SCREEN_PERIOD", Epoch(context.StartUtc, utc)),
            new("STOP_SCREEN_PERIOD", Epoch(context.StopUtc, utc)),
            new("SCREEN_VOLUME_FRAME", "RTN"),
            new("SCREEN_VOLUME_SHAPE", "ELLIPSOID"),
            new("SCREEN_VOLUME_X", Num(context.ThresholdKm * 1000), "m"),
            new("SCREEN_VOLUME_Y", Num(context.ThresholdKm * 1000), "m"),
            new("SCREEN_VOLUME_Z", Num(context.ThresholdKm * 1000), "m"),
        };
        if (pc is not null && double.IsFinite(pc.Pc))
        {
            relativeFields.Add(new("COLLISION_PROBABILITY", Num(pc.Pc)));
            relativeFields.Add(new("COLLISION_PROBABILITY_METHOD", "FOSTER-1992"));
        }
        // CDM 1.0 has no HBR keyword: carry the combined radius the way CARA does, as a comment.
        var comments = new List<string> { string.Create(CultureInfo.InvariantCulture, $"HBR = {context.HardBodyRadiusM} [m]") };
        if (pc is not null && pc.UsesDefaultCovariance)
            comments.Add("Pc computed by OpenSDA from GP element sets with its default covariance model: indicative only.");
        var relative = new CcsdsBlock(relativeFields, comments);

        conjunction ??= EventProbability.ToConjunction(e, context.HardBodyRadiusM);
        var o1 = ObjectBlock("OBJECT1", e.Primary, e.PrimaryTeme, conjunction.Primary.Covariance!, frames, tca);
        var o2 = ObjectBlock("OBJECT2", e.Secondary, e.SecondaryTeme, conjunction.Secondary.Covariance!, frames, tca);
        return new CdmMessage(header, relative, o1, o2);
    }

    private static CcsdsBlock ObjectBlock(string label, ScreenedObject o, StateVector teme, StateCovariance covariance,
                                          FrameTree frames, Instant tca)
    {
        var eme = frames.Transform(teme, frames.Teme, frames.J2000, tca);
        var inv = CultureInfo.InvariantCulture;
        var fields = new List<CcsdsKeyValue>
        {
            new("OBJECT", label),
            new("OBJECT_DESIGNATOR", o.CatalogNumber.ToString(inv)),
            new("CATALOG_NAME", "SATCAT"),
            new("OBJECT_NAME", string.IsNullOrWhiteSpace(o.Name) ? "UNKNOWN" : o.Name),
            new("INTERNATIONAL_DESIGNATOR", string.IsNullOrWhiteSpace(o.InternationalDesignator) ? "UNKNOWN" : o.InternationalDesignator),
            new("EPHEMERIS_NAME", "NONE"),
            new("COVARIANCE_METHOD", covariance.Source == CovarianceSource.DefaultModel ? "DEFAULT" : "CALCULATED"),
            new("MANEUVERABLE", "N/A"),
            new("REF_FRAME", "EME2000"),
            new("X", Num(eme.PositionKm.X), "km"),
            new("Y", Num(eme.PositionKm.Y), "km"),
            new("Z", Num(eme.PositionKm.Z), "km"),
            new("X_DOT", Num(eme.VelocityKmS.X), "km/s"),
            new("Y_DOT", Num(eme.VelocityKmS.Y), "km/s"),
            new("Z_DOT", Num(eme.VelocityKmS.Z), "km/s"),
        };
        var rtn = covariance.Frame == CovarianceFrame.Rtn ? covariance : covariance.ToRtn(teme);
        for (var i = 0; i < 6; i++)
        for (var j = 0; j <= i; j++)
            fields.Add(new(CdmKeywords.RtnCovarianceKeyword(i, j), Num(rtn.ValuesM[i, j]), CdmKeywords.CovarianceUnits(i, j)));
        return new CcsdsBlock(fields);
    }

    /// <summary>A vector expressed in the RTN frame of <paramref name="reference"/>.</summary>
    private static Vec3 RtnOf(StateVector reference, Vec3 v)
    {
        var r = reference.PositionKm.Unit;
        var n = Vec3.Cross(reference.PositionKm, reference.VelocityKmS).Unit;
        var t = Vec3.Cross(n, r);
        return new Vec3(Vec3.Dot(v, r), Vec3.Dot(v, t), Vec3.Dot(v, n));
    }

    private static string Epoch(Instant t, TimeScale utc) => t.ToIsoString(utc, 6).TrimEnd('Z');

    private static string Num(double value) => CcsdsValues.Format(value);
}
