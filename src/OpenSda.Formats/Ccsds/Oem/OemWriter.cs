using System.Text;
using OpenSda.Formats.Ccsds.Common;

namespace OpenSda.Formats.Ccsds.Oem;

/// <summary>
/// Writes Orbit Ephemeris Messages (CCSDS 502.0-B-3 §5) in KVN and NDM/XML. Numbers are written in
/// the shortest form that reads back to the same double, so a read of the output has the same content.
/// </summary>
public static class OemWriter
{
    /// <summary>The message as KVN.</summary>
    public static string WriteKvn(OemMessage oem)
    {
        ArgumentNullException.ThrowIfNull(oem);
        var w = new KvnWriter();
        w.Pair("CCSDS_OEM_VERS", oem.Version);
        w.Comments(oem.Header.Comments);
        foreach (var f in oem.Header.Fields)
            if (f.Keyword != "CCSDS_OEM_VERS")
                w.Field(f);
        foreach (var s in oem.Segments)
        {
            w.Blank();
            w.Line("META_START");
            w.Comments(s.Metadata.Comments);
            foreach (var f in s.Metadata.Fields)
                w.Field(f);
            w.Line("META_STOP");
            w.Blank();
            w.Comments(s.DataComments);
            var sb = new StringBuilder();
            foreach (var st in s.States)
            {
                sb.Clear().Append(st.Epoch.ToString());
                foreach (var v in Numbers(st))
                    sb.Append(' ').Append(CcsdsValues.Format(v));
                w.Line(sb.ToString());
            }
            if (s.Covariances.Count > 0)
            {
                w.Blank();
                w.Line("COVARIANCE_START");
                foreach (var c in s.Covariances)
                {
                    w.Comments(c.Comments);
                    w.Pair("EPOCH", c.Epoch.ToString());
                    if (c.RefFrame is not null)
                        w.Pair("COV_REF_FRAME", c.RefFrame);
                    for (var i = 0; i < 6; i++)
                    {
                        sb.Clear();
                        for (var j = 0; j <= i; j++)
                            sb.Append(j == 0 ? "" : " ").Append(CcsdsValues.Format(c[i, j]));
                        w.Line(sb.ToString());
                    }
                }
                w.Line("COVARIANCE_STOP");
            }
        }
        return w.ToString();
    }

    /// <summary>The message as NDM/XML (<c>&lt;oem&gt;</c>).</summary>
    public static string WriteXml(OemMessage oem)
    {
        ArgumentNullException.ThrowIfNull(oem);
        var x = new XmlWriterLite();
        x.Open("oem", ("id", "CCSDS_OEM_VERS"), ("version", oem.Version));
        x.Open("header");
        x.Comments(oem.Header.Comments);
        foreach (var f in oem.Header.Fields)
            if (f.Keyword != "CCSDS_OEM_VERS")
                x.Field(f);
        x.Close();
        x.Open("body");
        foreach (var s in oem.Segments)
        {
            x.Open("segment");
            x.Open("metadata");
            x.Comments(s.Metadata.Comments);
            foreach (var f in s.Metadata.Fields)
                x.Field(f);
            x.Close();
            x.Open("data");
            x.Comments(s.DataComments);
            foreach (var st in s.States)
            {
                x.Open("stateVector");
                x.Leaf("EPOCH", st.Epoch.ToString());
                var k = 1;
                foreach (var v in Numbers(st))
                {
                    x.Leaf(OemKeywords.StateColumns[k], CcsdsValues.Format(v), OemReader.StateUnits(k));
                    k++;
                }
                x.Close();
            }
            foreach (var c in s.Covariances)
            {
                x.Open("covarianceMatrix");
                x.Comments(c.Comments);
                x.Leaf("EPOCH", c.Epoch.ToString());
                if (c.RefFrame is not null)
                    x.Leaf("COV_REF_FRAME", c.RefFrame);
                for (var k = 0; k < 21; k++)
                    x.Leaf(OemKeywords.CovarianceElements[k], CcsdsValues.Format(c.LowerTriangle[k]));
                x.Close();
            }
            x.Close();
            x.Close();
        }
        x.Close();
        x.Close();
        return x.ToString();
    }

    private static IEnumerable<double> Numbers(OemState s)
    {
        var p = s.StateKm.PositionKm;
        var v = s.StateKm.VelocityKmS;
        yield return p.X; yield return p.Y; yield return p.Z;
        yield return v.X; yield return v.Y; yield return v.Z;
        if (s.AccelerationKmS2 is { } a)
        {
            yield return a.X; yield return a.Y; yield return a.Z;
        }
    }
}
