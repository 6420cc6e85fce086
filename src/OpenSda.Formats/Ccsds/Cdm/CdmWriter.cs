using OpenSda.Formats.Ccsds.Common;

namespace OpenSda.Formats.Ccsds.Cdm;

/// <summary>
/// Writes Conjunction Data Messages (CCSDS 508.0-B-1) in KVN and NDM/XML, keyword for keyword from
/// the message's blocks in the standard's order, values and units exactly as held, so that reading
/// what was written gives the same content (a property the tests check on every sample).
/// </summary>
public static class CdmWriter
{
    /// <summary>The message as KVN.</summary>
    public static string WriteKvn(CdmMessage cdm)
    {
        ArgumentNullException.ThrowIfNull(cdm);
        var w = new KvnWriter();
        w.Pair("CCSDS_CDM_VERS", cdm.Version);
        w.Comments(cdm.Header.Comments);
        foreach (var f in cdm.Header.Fields)
            if (f.Keyword != "CCSDS_CDM_VERS")
                w.Field(f);
        foreach (var block in (CcsdsBlock[])[cdm.Relative.Block, cdm.Object1.Block, cdm.Object2.Block])
        {
            w.Comments(block.Comments);
            foreach (var f in block.Fields)
                w.Field(f);
        }
        return w.ToString();
    }

    /// <summary>The message as NDM/XML (CCSDS 505.0-B-2 <c>&lt;cdm&gt;</c>).</summary>
    public static string WriteXml(CdmMessage cdm)
    {
        ArgumentNullException.ThrowIfNull(cdm);
        var x = new XmlWriterLite();
        x.Open("cdm", ("id", "CCSDS_CDM_VERS"), ("version", cdm.Version));
        x.Open("header");
        x.Comments(cdm.Header.Comments);
        foreach (var f in cdm.Header.Fields)
            if (f.Keyword != "CCSDS_CDM_VERS")
                x.Field(f);
        x.Close();
        x.Open("body");
        x.Open("relativeMetadataData");
        x.Comments(cdm.Relative.Block.Comments);
        var inRsv = false;
        foreach (var f in cdm.Relative.Block.Fields)
        {
            var rsv = Container(f) == "relativeStateVector";
            if (rsv != inRsv)
            {
                if (rsv) x.Open("relativeStateVector");
                else x.Close();
                inRsv = rsv;
            }
            x.Field(f);
        }
        if (inRsv) x.Close();
        x.Close();
        foreach (var o in (CdmObject[])[cdm.Object1, cdm.Object2])
        {
            x.Open("segment");
            x.Open("metadata");
            x.Comments(o.Block.Comments);
            foreach (var f in o.Block.Fields)
                if (Container(f) == "metadata")
                    x.Field(f);
            x.Close();
            x.Open("data");
            string? open = null;
            foreach (var f in o.Block.Fields)
            {
                var c = Container(f);
                if (c == "metadata")
                    continue;
                if (c != open)
                {
                    if (open is not null) x.Close();
                    x.Open(c.Split('#')[0]);
                    open = c;
                }
                x.Field(f);
            }
            if (open is not null) x.Close();
            x.Close();
            x.Close();
        }
        x.Close();
        x.Close();
        return x.ToString();
    }

    private static string Container(CcsdsKeyValue f) =>
        CdmKeywords.TryGet(f.Keyword, out var spec) ? spec.Container : "userDefinedParameters";
}
