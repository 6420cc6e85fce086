using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Omm;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Formats.Tests;

public class OmmReaderTests
{
    private static string Omm(params string[] parts) => SharedData.Data(["ccsds", "omm", .. parts]);

    private static CatalogEntry Single(CatalogLoadResult r)
    {
        Assert.True(r.Succeeded, r.FatalError);
        Assert.Empty(r.Errors);
        Assert.Equal(0, r.RejectedCount);
        return Assert.Single(r.Entries);
    }

    [Fact]
    public void The_blue_book_goes_9_kvn_example_parses_with_day_of_year_epoch()
    {
        var r = CatalogLoader.LoadFile(Omm("OMMExample1.txt"));
        Assert.Equal(CatalogFormat.OmmKvn, r.Format);
        var e = Single(r).Elements;
        Assert.Equal(23581, e.CatalogNumber);
        Assert.Equal("GOES 9", e.Name);
        Assert.Equal("1995-025A", e.InternationalDesignator);
        // 2007-064T10:34:41.4264 = 2007-03-05T10:34:41.4264
        var expected = JulianDate.FromCalendar(2007, 3, 5, 10, 34, 41.4264);
        Assert.Equal(0.0, e.EpochUtc.DaysSince(expected) * 86400.0, 1e-6);
        Assert.Equal(1.00273272, e.MeanMotionRevPerDay, 1e-12);
        Assert.Equal(0.0005013, e.Eccentricity, 1e-15);
        Assert.Equal(3.0539, e.InclinationDeg, 1e-12);
        Assert.Equal(81.7939, e.RaanDeg, 1e-12);
        Assert.Equal(249.2363, e.ArgPerigeeDeg, 1e-12);
        Assert.Equal(150.1602, e.MeanAnomalyDeg, 1e-12);
        Assert.Equal(0.0001, e.BStar, 1e-15);
        Assert.Equal(-0.00000113, e.MeanMotionDot, 1e-15);
        Assert.Equal(925, e.ElementSetNumber);
        Assert.Equal(4316, e.RevolutionNumber);
        Assert.Equal(1, r.Entries[0].Provenance.Line);
    }

    [Theory]
    [InlineData("OMMExample2.xml", 23581, "GOES-9")]
    [InlineData("OMMExample4.xml", 7646, "STARLETTE")]
    [InlineData("OMM-with-units.xml", 23581, "GOES-9")]
    public void The_ccsds_xml_examples_parse(string file, int satnum, string name)
    {
        var r = CatalogLoader.LoadFile(Omm(file));
        Assert.Equal(CatalogFormat.OmmXml, r.Format);
        var e = Single(r).Elements;
        Assert.Equal(satnum, e.CatalogNumber);
        Assert.Equal(name, e.Name);
    }

    [Fact]
    public void The_celestrak_vanguard_csv_xml_and_kvn_agree_with_the_tle()
    {
        // python-sgp4's sample: the same element set as vanguard1.tle (epoch 2020-10-13).
        var csv = Single(CatalogLoader.LoadFile(Omm("celestrak", "vanguard1_gp.csv"))).Elements;
        var xmlResult = CatalogLoader.LoadFile(Omm("celestrak", "vanguard1_gp.xml"));
        var xml = Single(xmlResult).Elements;
        Assert.Contains(xmlResult.Warnings, w => w.Field == "CREATION_DATE"); // empty in CelesTrak XML
        Assert.Equal(csv with { }, xml with { });
        Assert.Equal(5, csv.CatalogNumber);
        Assert.Equal(-0.22483e-4, csv.BStar, 1e-15);
        Assert.Equal(-1.6e-7, csv.MeanMotionDot, 1e-18);
        Assert.Equal(0.1845686, csv.Eccentricity, 1e-15);
        Assert.Equal(JulianDate.FromCalendar(2020, 10, 13, 4, 52, 48.472320).Value, csv.EpochUtc.Value, 1e-9);
    }

    [Fact]
    public void Celestrak_json_with_numbers_parses()
    {
        var r = CatalogLoader.LoadFile(Omm("celestrak", "vanguard1_gp.json"));
        Assert.Equal(CatalogFormat.OmmJson, r.Format);
        var e = Single(r).Elements;
        Assert.Equal(5, e.CatalogNumber);
        Assert.Equal(10.85873516, e.MeanMotionRevPerDay, 1e-12);
        Assert.Equal(0.00035436, e.BStar, 1e-15);
        Assert.Equal(2.64e-6, e.MeanMotionDot, 1e-18);
        Assert.Equal(39027, e.RevolutionNumber);
        Assert.Equal(1, r.Entries[0].Provenance.Line);
    }

    [Fact]
    public void Space_track_json_with_string_values_agrees_with_its_own_tle_lines()
    {
        var r = CatalogLoader.LoadFile(Omm("spacetrack", "nusat8_gp_spacetrack.json"));
        var e = Single(r).Elements;
        Assert.Equal(45018, e.CatalogNumber);
        Assert.Equal("NUSAT-8 (MARIE)", e.Name);
        var tle = OpenSda.Formats.Tle.TleParser.Parse(
            "1 45018U 20003C   20364.16527091  .00002241  00000-0  84553-4 0  9997",
            "2 45018  97.2970  66.4161 0013356 110.6345 334.7107 15.27989249 53274").Entry!.Elements;
        Assert.Equal(tle.MeanMotionRevPerDay, e.MeanMotionRevPerDay, 1e-12);
        Assert.Equal(tle.Eccentricity, e.Eccentricity, 1e-7);
        Assert.Equal(tle.InclinationDeg, e.InclinationDeg, 1e-12);
        Assert.Equal(tle.BStar, e.BStar, 1e-9);
        // TLE epoch has 1e-8 day resolution (0.864 ms).
        Assert.Equal(0.0, e.EpochUtc.DaysSince(tle.EpochUtc), 1e-8);
    }

    [Theory]
    [InlineData("spacetrack", "nusat8_gp_spacetrack.kvn", 5327)]
    [InlineData("celestrak", "nusat8_gp_celestrak.kvn", 5332)]
    public void Space_track_and_celestrak_kvn_quirks_parse(string folder, string file, int rev)
    {
        var r = CatalogLoader.LoadFile(Omm(folder, file));
        Assert.Equal(CatalogFormat.OmmKvn, r.Format);
        var e = Single(r).Elements;
        Assert.Equal(45018, e.CatalogNumber);
        Assert.Equal(rev, e.RevolutionNumber);
    }

    [Fact]
    public void A_non_numeric_value_is_reported_with_its_kvn_line_and_keyword()
    {
        var r = CatalogLoader.LoadFile(Omm("malformed", "OMM-number-format-error.txt"));
        Assert.Equal(0, r.LoadedCount);
        Assert.Equal(1, r.RejectedCount);
        var d = Assert.Single(r.Errors);
        Assert.Equal(15, d.Line);
        Assert.Equal("ARG_OF_PERICENTER", d.Field);
        Assert.EndsWith("OMM-number-format-error.txt:15: ARG_OF_PERICENTER: expected a number (degrees), found \"this-is-not-a-number\"", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_keyword_is_reported_with_its_kvn_line()
    {
        var r = CatalogLoader.LoadFile(Omm("malformed", "OMM-wrong-keyword.txt"));
        Assert.Equal(1, r.RejectedCount);
        var d = Assert.Single(r.Errors);
        Assert.Equal((9, "WRONG_KEYWORD"), (d.Line, d.Field));
        Assert.Contains("unknown keyword", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_mandatory_object_id_is_an_error_in_kvn_and_xml()
    {
        var kvn = CatalogLoader.LoadFile(Omm("malformed", "OMM-empty-object-id.txt"));
        var dk = Assert.Single(kvn.Errors);
        Assert.Equal((6, "OBJECT_ID", "mandatory value is empty"), (dk.Line, dk.Field, dk.Message));
        var xml = CatalogLoader.LoadFile(Omm("malformed", "OMM-empty-object-id.xml"));
        var dx = Assert.Single(xml.Errors);
        Assert.Equal((11, "OBJECT_ID"), (dx.Line, dx.Field));
        Assert.Equal(1, xml.RejectedCount);
    }

    [Fact]
    public void A_spurious_second_metadata_element_is_reported_with_its_line()
    {
        var r = CatalogLoader.LoadFile(Omm("malformed", "spurious-metadata.xml"));
        Assert.Equal(0, r.LoadedCount);
        Assert.Equal(1, r.RejectedCount);
        var d = Assert.Single(r.Errors);
        Assert.Equal((17, "metadata"), (d.Line, d.Field));
        Assert.Contains("second <metadata>", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nine_digit_catalog_numbers_are_kept_from_omm()
    {
        var kvn = File.ReadAllText(Omm("OMMExample1.txt")).Replace("NORAD_CAT_ID      = 23581", "NORAD_CAT_ID      = 987654321", StringComparison.Ordinal);
        var e = Single(OmmReader.ReadKvn(kvn, "big.kvn"));
        Assert.Equal(987654321, e.CatalogNumber);
        Assert.Equal("987654321", e.CatalogNumberText);
        Assert.False(OpenSda.Formats.Tle.TleWriter.CanWrite(e.Elements, out _));
    }

    [Fact]
    public void Concatenated_kvn_messages_each_become_an_entry()
    {
        var one = File.ReadAllText(Omm("OMMExample1.txt"));
        var r = OmmReader.ReadKvn(one + "\n" + one.Replace("23581", "23582", StringComparison.Ordinal), "two.kvn");
        Assert.Equal(2, r.LoadedCount);
        Assert.Equal([23581, 23582], r.Entries.Select(e => e.CatalogNumber).ToArray());
        Assert.Equal(29, r.Entries[1].Provenance.Line);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line_and_earlier_objects_are_kept()
    {
        var json = "[\n{\"NORAD_CAT_ID\": 5, \"EPOCH\": \"2025-02-14T14:36:48.662784\", \"MEAN_MOTION\": 10.8, \"ECCENTRICITY\": 0.18,\n \"INCLINATION\": 34.2, \"RA_OF_ASC_NODE\": 19.2, \"ARG_OF_PERICENTER\": 100.1, \"MEAN_ANOMALY\": 281.1},\n{\"NORAD_CAT_ID\": 6, \"EPOCH\": oops}\n]";
        var r = OmmReader.ReadJson(System.Text.Encoding.UTF8.GetBytes(json), "m.json");
        Assert.Equal(1, r.LoadedCount);
        var d = Assert.Single(r.Errors);
        Assert.Equal(4, d.Line);
    }

    [Fact]
    public void A_missing_mandatory_element_names_the_keyword()
    {
        var json = "[{\"NORAD_CAT_ID\": \"5\", \"EPOCH\": \"2025-02-14T14:36:48\", \"MEAN_MOTION\": \"10.8\", \"ECCENTRICITY\": \"0.18\", \"INCLINATION\": \"34.2\", \"RA_OF_ASC_NODE\": \"19.2\", \"MEAN_ANOMALY\": \"281.1\"}]";
        var r = OmmReader.ReadJson(System.Text.Encoding.UTF8.GetBytes(json), "m.json");
        Assert.Equal(1, r.RejectedCount);
        Assert.Equal("ARG_OF_PERICENTER", Assert.Single(r.Errors).Field);
    }
}
