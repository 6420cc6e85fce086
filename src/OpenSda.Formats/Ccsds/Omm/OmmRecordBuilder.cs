using OpenSda.Formats.Catalog;
using OpenSda.Formats.Tle;
using OpenSda.Formats.Text;
using OpenSda.Orbits;
using OpenSda.Time;
using K = OpenSda.Formats.Ccsds.Omm.OmmKeyword;

namespace OpenSda.Formats.Ccsds.Omm;

/// <summary>
/// Turns the keyword values of one OMM record into a <see cref="CatalogEntry"/>, validating every
/// value and reporting each problem against the keyword's own line. Shared by all OMM encodings.
/// </summary>
internal static class OmmRecordBuilder
{
    private static readonly K[] MandatoryMetadata =
        [K.OBJECT_NAME, K.OBJECT_ID, K.CENTER_NAME, K.REF_FRAME, K.TIME_SYSTEM, K.MEAN_ELEMENT_THEORY];

    private static readonly K[] OtherNumbers =
    [
        K.SEMI_MAJOR_AXIS, K.GM, K.MASS, K.SOLAR_RAD_AREA, K.SOLAR_RAD_COEFF, K.DRAG_AREA, K.DRAG_COEFF, K.BTERM, K.AGOM,
        K.CX_X, K.CY_X, K.CY_Y, K.CZ_X, K.CZ_Y, K.CZ_Z, K.CX_DOT_X, K.CX_DOT_Y, K.CX_DOT_Z, K.CX_DOT_X_DOT,
        K.CY_DOT_X, K.CY_DOT_Y, K.CY_DOT_Z, K.CY_DOT_X_DOT, K.CY_DOT_Y_DOT,
        K.CZ_DOT_X, K.CZ_DOT_Y, K.CZ_DOT_Z, K.CZ_DOT_X_DOT, K.CZ_DOT_Y_DOT, K.CZ_DOT_Z_DOT,
    ];

    /// <param name="f">The record's values.</param>
    /// <param name="acc">Receives the entry or the diagnostics.</param>
    /// <param name="ccsdsMessage">True for KVN and XML messages, where the CCSDS mandatory metadata must be present and non-empty; false for GP CSV/JSON rows.</param>
    public static bool TryBuild(OmmFields f, CatalogAccumulator acc, bool ccsdsMessage)
    {
        var before = acc.Diagnostics.Count;
        var ok = true;

        if (ccsdsMessage)
        {
            foreach (var k in MandatoryMetadata)
            {
                if (!f.Has(k))
                    ok = Fail(acc, f, k, "mandatory keyword is missing");
                else if (f.Get(k).IsEmpty)
                    ok = Fail(acc, f, k, "mandatory value is empty");
            }
            foreach (var k in (ReadOnlySpan<K>)[K.CREATION_DATE, K.ORIGINATOR])
                if (!f.Has(k) || f.Get(k).IsEmpty)
                    acc.Warning(f.Line(k), k.ToString(), "header value is empty or missing (CelesTrak leaves it blank); accepted");
        }

        JulianDate epoch = default;
        if (Required(acc, f, K.EPOCH, ref ok) && !Numbers.TryEpoch(f.Get(K.EPOCH), out epoch))
            ok = Fail(acc, f, K.EPOCH, $"expected an epoch YYYY-MM-DDThh:mm:ss[.d] or YYYY-DDDThh:mm:ss[.d], found \"{f.Get(K.EPOCH)}\"");

        if (!f.Has(K.MEAN_MOTION) && f.Has(K.SEMI_MAJOR_AXIS))
            ok = Fail(acc, f, K.MEAN_MOTION, "SGP4 element sets need MEAN_MOTION; only SEMI_MAJOR_AXIS is given");
        var n = Number(acc, f, K.MEAN_MOTION, "revolutions per day", true, 0.0, double.MaxValue, ref ok, exclusiveMin: true);
        var ecc = Number(acc, f, K.ECCENTRICITY, "dimensionless, 0 <= e < 1", true, 0.0, 0.9999999999, ref ok);
        var incl = Number(acc, f, K.INCLINATION, "degrees, 0 to 180", true, 0.0, 180.0, ref ok);
        var raan = Number(acc, f, K.RA_OF_ASC_NODE, "degrees", true, -360.0, 360.0, ref ok);
        var argp = Number(acc, f, K.ARG_OF_PERICENTER, "degrees", true, -360.0, 360.0, ref ok);
        var ma = Number(acc, f, K.MEAN_ANOMALY, "degrees", true, -360.0, 360.0, ref ok);
        var bstar = Number(acc, f, K.BSTAR, "1/Earth radii", false, double.MinValue, double.MaxValue, ref ok);
        var ndot = Number(acc, f, K.MEAN_MOTION_DOT, "rev/day^2", false, double.MinValue, double.MaxValue, ref ok);
        var nddot = Number(acc, f, K.MEAN_MOTION_DDOT, "rev/day^3", false, double.MinValue, double.MaxValue, ref ok);
        foreach (var k in OtherNumbers)
            if (f.Has(k) && !f.Get(k).IsEmpty)
                Number(acc, f, k, "a number", false, double.MinValue, double.MaxValue, ref ok);

        var eph = Integer(acc, f, K.EPHEMERIS_TYPE, 0, 9, ref ok);
        var elset = Integer(acc, f, K.ELEMENT_SET_NO, 0, int.MaxValue, ref ok);
        var rev = Integer(acc, f, K.REV_AT_EPOCH, 0, int.MaxValue, ref ok);

        var cls = 'U';
        var clsText = f.Get(K.CLASSIFICATION_TYPE);
        if (!clsText.IsEmpty)
        {
            if (clsText.Length != 1 || clsText[0] is not ('U' or 'C' or 'S'))
                ok = Fail(acc, f, K.CLASSIFICATION_TYPE, $"expected U, C or S, found \"{clsText}\"");
            else
                cls = clsText[0];
        }

        var satnum = 0;
        var satText = f.Get(K.NORAD_CAT_ID);
        if (Required(acc, f, K.NORAD_CAT_ID, ref ok)
            && !(Numbers.TryInt(satText, out satnum) && satnum is >= 0 and <= 999_999_999 && satText[0] != '-' && satText[0] != '+')
            && !Alpha5.TryDecode(satText, out satnum))
            ok = Fail(acc, f, K.NORAD_CAT_ID, $"expected a catalog number of up to 9 digits, found \"{satText}\"");

        if (ok)
        {
            Advise(acc, f, K.REF_FRAME, "TEME", "SGP4 mean elements are defined in TEME");
            Advise(acc, f, K.TIME_SYSTEM, "UTC", "GP epochs are UTC");
            Advise(acc, f, K.CENTER_NAME, "EARTH", "SGP4 is an Earth-orbit theory");
            var theory = f.Get(K.MEAN_ELEMENT_THEORY);
            if (!theory.IsEmpty && !theory.Contains("SGP4", StringComparison.OrdinalIgnoreCase))
                acc.Warning(f.Line(K.MEAN_ELEMENT_THEORY), nameof(K.MEAN_ELEMENT_THEORY), $"\"{theory}\" is not SGP4; elements loaded as SGP4 mean elements");
        }

        if (!ok)
        {
            acc.Rejected++;
            return false;
        }

        var name = f.Get(K.OBJECT_NAME);
        var id = f.Get(K.OBJECT_ID);
        var elements = new MeanElements
        {
            CatalogNumber = satnum,
            Name = name.IsEmpty ? null : name.ToString(),
            InternationalDesignator = id.IsEmpty ? null : id.ToString(),
            Classification = cls,
            EpochUtc = epoch,
            MeanMotionRevPerDay = n,
            Eccentricity = ecc,
            InclinationDeg = incl,
            RaanDeg = raan,
            ArgPerigeeDeg = argp,
            MeanAnomalyDeg = ma,
            BStar = bstar,
            MeanMotionDot = ndot,
            MeanMotionDDot = nddot,
            ElementSetNumber = elset,
            RevolutionNumber = rev,
            EphemerisType = eph,
        };
        _ = before;
        acc.Entries.Add(new CatalogEntry(elements, satText.ToString(), new Provenance(acc.Source, f.RecordLine, acc.Format, acc.RetrievedUtc)));
        return true;
    }

    private static void Advise(CatalogAccumulator acc, OmmFields f, K k, string expected, string why)
    {
        var v = f.Get(k);
        if (!v.IsEmpty && !v.Equals(expected, StringComparison.OrdinalIgnoreCase))
            acc.Warning(f.Line(k), k.ToString(), $"expected {expected} ({why}), found \"{v}\"");
    }

    private static bool Fail(CatalogAccumulator acc, OmmFields f, K k, string message)
    {
        acc.Error(f.Line(k), k.ToString(), message);
        return false;
    }

    private static bool Required(CatalogAccumulator acc, OmmFields f, K k, ref bool ok)
    {
        if (!f.Has(k))
        {
            ok = Fail(acc, f, k, "mandatory keyword is missing");
            return false;
        }
        if (f.Get(k).IsEmpty)
        {
            ok = Fail(acc, f, k, "mandatory value is empty");
            return false;
        }
        return true;
    }

    private static double Number(CatalogAccumulator acc, OmmFields f, K k, string unit, bool required, double min, double max, ref bool ok, bool exclusiveMin = false)
    {
        if (required ? !Required(acc, f, k, ref ok) : f.Get(k).IsEmpty)
            return 0.0;
        var s = f.Get(k);
        if (!Numbers.TryDouble(s, out var v))
        {
            ok = Fail(acc, f, k, $"expected a number ({unit}), found \"{s}\"");
            return 0.0;
        }
        if (v < min || v > max || (exclusiveMin && v <= min))
        {
            ok = Fail(acc, f, k, $"value {s} out of range ({unit})");
            return 0.0;
        }
        return v;
    }

    private static int Integer(CatalogAccumulator acc, OmmFields f, K k, int min, int max, ref bool ok)
    {
        var s = f.Get(k);
        if (s.IsEmpty)
            return 0;
        if (!Numbers.TryInt(s, out var v) || v < min || v > max)
        {
            ok = Fail(acc, f, k, $"expected an integer from {min} to {max}, found \"{s}\"");
            return 0;
        }
        return v;
    }
}
