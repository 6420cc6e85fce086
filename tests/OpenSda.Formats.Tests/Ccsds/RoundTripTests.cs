using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Oem;
using OpenSda.Formats.Ccsds.Omm;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Formats.Tests.Ccsds;

/// <summary>Read → write → read gives identical content, in every encoding and across encodings.</summary>
public class RoundTripTests
{
    public static TheoryData<string> CdmFiles()
    {
        var d = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(SharedData.Data("ccsds", "cdm")).Order(StringComparer.Ordinal))
            d.Add(f);
        foreach (var f in Directory.GetFiles(SharedData.Data("pc-cases", "cdm")).Order(StringComparer.Ordinal).Take(12))
            d.Add(f);
        return d;
    }

    public static TheoryData<string> OemFiles()
    {
        var d = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(SharedData.Data("ccsds", "oem")).Order(StringComparer.Ordinal))
            d.Add(f);
        return d;
    }

    [Theory]
    [MemberData(nameof(CdmFiles))]
    public void Cdm_content_survives_kvn_and_xml_round_trips(string file)
    {
        var original = CdmReader.Read(File.ReadAllText(file), file).GetOrThrow();
        var viaKvn = CdmReader.ReadKvn(CdmWriter.WriteKvn(original), "kvn").GetOrThrow();
        var viaXml = CdmReader.ReadXml(CdmWriter.WriteXml(original), "xml").GetOrThrow();
        Assert.True(original.ContentEquals(viaKvn), "KVN round trip changed the content");
        Assert.True(original.ContentEquals(viaXml), "XML round trip changed the content");
        Assert.Equal(CdmWriter.WriteKvn(original), CdmWriter.WriteKvn(viaXml));
        Assert.Equal(original.HardBodyRadius?.RadiusM, viaXml.HardBodyRadius?.RadiusM);
    }

    [Theory]
    [MemberData(nameof(OemFiles))]
    public void Oem_content_survives_kvn_and_xml_round_trips(string file)
    {
        var original = OemReader.Read(File.ReadAllText(file), file).GetOrThrow();
        var viaKvn = OemReader.ReadKvn(OemWriter.WriteKvn(original), "kvn").GetOrThrow();
        var viaXml = OemReader.ReadXml(OemWriter.WriteXml(original), "xml").GetOrThrow();
        Assert.True(original.ContentEquals(viaKvn), "KVN round trip changed the content");
        Assert.True(original.ContentEquals(viaXml), "XML round trip changed the content");
    }

    [Fact]
    public void Random_oem_messages_survive_round_trips()
    {
        // Property test: random segments, states with up to 17 significant digits, optional accelerations and covariances.
        var rng = new Random(20240511);
        for (var trial = 0; trial < 100; trial++)
        {
            var segments = new List<OemSegment>();
            var t0 = new CcsdsEpoch(2020 + rng.Next(10), 1 + rng.Next(12), 1 + rng.Next(28), rng.Next(24), rng.Next(60), rng.Next(60), rng.Next(1000) * 1_000_000L);
            var start = t0.ToInstant(TimeScales.Bundled.Utc);
            for (var s = 0; s < 1 + rng.Next(3); s++)
            {
                var n = 2 + rng.Next(20);
                var acc = rng.Next(2) == 0;
                var states = Enumerable.Range(0, n).Select(k => new OemState(
                    CcsdsEpoch.FromInstant(start.AddSeconds(60.0 * k + s * 3600), TimeScales.Bundled.Utc),
                    new StateVector(V(rng, 7000), V(rng, 7)), acc ? V(rng, 0.01) : null)).ToList();
                var covs = Enumerable.Range(0, rng.Next(3)).Select(_ => new OemCovariance(states[0].Epoch, rng.Next(2) == 0 ? null : "RTN",
                    Enumerable.Range(0, 21).Select(_ => rng.NextDouble() * Math.Pow(10, rng.Next(-12, 3))).ToList(), rng.Next(2) == 0 ? [] : ["c <&> \"q\""])).ToList();
                var meta = new CcsdsBlock(
                [
                    new("OBJECT_NAME", "SAT " + trial), new("OBJECT_ID", "2020-001A"), new("CENTER_NAME", "EARTH"),
                    new("REF_FRAME", "GCRF"), new("TIME_SYSTEM", "UTC"),
                    new("START_TIME", states[0].Epoch.ToString()), new("STOP_TIME", states[^1].Epoch.ToString()),
                    new("INTERPOLATION", "HERMITE"), new("INTERPOLATION_DEGREE", "7"),
                ], rng.Next(2) == 0 ? [] : ["metadata comment"]);
                segments.Add(new OemSegment(meta, ["data comment"], states, covs));
            }
            var header = new CcsdsBlock([new("CCSDS_OEM_VERS", "3.0"), new("CREATION_DATE", "2024-01-01T00:00:00"), new("ORIGINATOR", "TEST")]);
            var oem = new OemMessage(header, segments);
            var kvn = OemReader.ReadKvn(OemWriter.WriteKvn(oem), "kvn");
            Assert.True(kvn.Success, string.Join("\n", kvn.Diagnostics));
            Assert.True(oem.ContentEquals(kvn.Message!));
            var xml = OemReader.ReadXml(OemWriter.WriteXml(oem), "xml");
            Assert.True(xml.Success, string.Join("\n", xml.Diagnostics));
            Assert.True(oem.ContentEquals(xml.Message!));
        }
    }

    private static Vec3 V(Random rng, double scale) =>
        new((rng.NextDouble() - 0.5) * scale, (rng.NextDouble() - 0.5) * scale, (rng.NextDouble() - 0.5) * scale);

    [Fact]
    public void Random_element_sets_survive_omm_kvn_xml_and_json_round_trips()
    {
        var rng = new Random(7);
        var sets = Enumerable.Range(0, 200).Select(i => new MeanElements
        {
            CatalogNumber = rng.Next(1, 999_999_999),
            Name = "OBJ " + i,
            InternationalDesignator = "2001-0" + rng.Next(10, 99) + "A",
            Classification = "UCS"[rng.Next(3)],
            EpochUtc = JulianDate.FromCalendar(2000 + rng.Next(30), 1 + rng.Next(12), 1 + rng.Next(28), rng.Next(24), rng.Next(60), rng.Next(60_000_000) / 1e6),
            MeanMotionRevPerDay = 0.5 + rng.NextDouble() * 16,
            Eccentricity = rng.NextDouble() * 0.9,
            InclinationDeg = rng.NextDouble() * 180,
            RaanDeg = rng.NextDouble() * 360,
            ArgPerigeeDeg = rng.NextDouble() * 360,
            MeanAnomalyDeg = rng.NextDouble() * 360,
            BStar = (rng.NextDouble() - 0.5) * 1e-3,
            MeanMotionDot = (rng.NextDouble() - 0.5) * 1e-4,
            MeanMotionDDot = (rng.NextDouble() - 0.5) * 1e-9,
            ElementSetNumber = rng.Next(1000),
            RevolutionNumber = rng.Next(100_000),
        }).ToList();
        foreach (var (name, read) in new (string, Func<string, CatalogLoadResult>)[]
        {
            ("kvn", t => OmmReader.ReadKvn(OmmWriter.WriteKvn(sets), t)),
            ("xml", t => OmmReader.ReadXml(OmmWriter.WriteXml(sets), t)),
            ("json", t => OmmReader.ReadJson(System.Text.Encoding.UTF8.GetBytes(OmmWriter.WriteJson(sets)), t)),
        })
        {
            var r = read(name);
            Assert.True(r.RejectedCount == 0 && !r.Errors.Any(), string.Join("\n", r.Diagnostics));
            Assert.Equal(sets.Count, r.LoadedCount);
            for (var i = 0; i < sets.Count; i++)
            {
                var a = sets[i];
                var b = r.Entries[i].Elements;
                // Epochs are written to the microsecond; everything else is exact.
                Assert.Equal(0.0, b.EpochUtc.DaysSince(a.EpochUtc) * 86400.0, 6e-7);
                Assert.Equal(a with { EpochUtc = b.EpochUtc }, b);
            }
        }
    }

    [Fact]
    public void Omm_samples_convert_to_every_encoding_with_the_same_elements()
    {
        foreach (var file in (string[])["OMMExample1.txt", "OMMExample2.xml", "OMM-with-units.xml"])
        {
            var doc = CcsdsDocument.Read(File.ReadAllText(SharedData.Data("ccsds", "omm", file)), file);
            Assert.True(doc.IsValid, string.Join("\n", doc.Diagnostics));
            var original = ((CatalogLoadResult)doc.Message!).Entries.Single().Elements;
            foreach (var to in (CcsdsEncoding[])[CcsdsEncoding.Kvn, CcsdsEncoding.Xml, CcsdsEncoding.Json])
            {
                var text = doc.Convert(to, out var error);
                Assert.NotNull(text);
                var again = CcsdsDocument.Read(text!, "converted");
                Assert.True(again.IsValid, to + "\n" + string.Join("\n", again.Diagnostics));
                var e = ((CatalogLoadResult)again.Message!).Entries.Single().Elements;
                Assert.Equal(original with { EpochUtc = e.EpochUtc }, e);
                Assert.Equal(0.0, e.EpochUtc.DaysSince(original.EpochUtc) * 86400, 6e-7);
            }
        }
    }

    [Fact]
    public void Omm_xml_from_the_writer_has_the_ccsds_structure()
    {
        var doc = CcsdsDocument.Read(File.ReadAllText(SharedData.Data("ccsds", "omm", "OMMExample1.txt")), "x");
        var xml = doc.Convert(CcsdsEncoding.Xml, out _)!;
        Assert.Contains("<omm id=\"CCSDS_OMM_VERS\" version=\"3.0\">", xml, StringComparison.Ordinal);
        Assert.Contains("<MEAN_MOTION units=\"rev/day\">", xml, StringComparison.Ordinal);
        var root = OpenSda.Formats.Ccsds.Lexical.SafeXml.Parse(xml).Root!;
        Assert.Equal(["header", "body"], root.Children.Select(c => c.Name));
        Assert.Equal(["metadata", "data"], root.Child("body")!.Child("segment")!.Children.Select(c => c.Name));
        Assert.Equal(["meanElements", "tleParameters"], root.Child("body")!.Child("segment")!.Child("data")!.Children.Select(c => c.Name));
    }
}
