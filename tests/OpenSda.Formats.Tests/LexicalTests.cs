using OpenSda.Formats.Catalog;
using OpenSda.Formats.Ccsds.Lexical;
using OpenSda.Testing;

namespace OpenSda.Formats.Tests;

public class LexicalTests
{
    [Fact]
    public void Kvn_lines_split_into_keyword_value_units_comments_and_blocks()
    {
        var tokens = KvnTokenizer.Tokenize(
            "\uFEFFCCSDS_OEM_VERS = 3.0\r\n" +
            "COMMENT  free text = kept\r\n" +
            "\r\n" +
            "META_START\n" +
            "OBJECT_NAME          =MARS GLOBAL SURVEYOR\n" +
            "\tX = 2789.6 [km]\n" +
            "MASS = 1913.000 [ kg ]\n" +
            "META_STOP\n" +
            "2000-01-01T00:00:00 1 2 3 4 5 6\n");
        Assert.Equal(
            [
                new KvnToken(KvnTokenKind.KeyValue, "CCSDS_OEM_VERS", "3.0", null, 1),
                new KvnToken(KvnTokenKind.Comment, "COMMENT", "free text = kept", null, 2),
                new KvnToken(KvnTokenKind.BlockStart, "META", "", null, 4),
                new KvnToken(KvnTokenKind.KeyValue, "OBJECT_NAME", "MARS GLOBAL SURVEYOR", null, 5),
                new KvnToken(KvnTokenKind.KeyValue, "X", "2789.6", "km", 6),
                new KvnToken(KvnTokenKind.KeyValue, "MASS", "1913.000", "kg", 7),
                new KvnToken(KvnTokenKind.BlockEnd, "META", "", null, 8),
                new KvnToken(KvnTokenKind.Raw, "", "2000-01-01T00:00:00 1 2 3 4 5 6", null, 9),
            ],
            tokens);
    }

    [Fact]
    public void An_empty_kvn_value_is_an_empty_string()
    {
        var t = KvnTokenizer.TokenizeLine("CREATION_DATE  =", 3);
        Assert.Equal(new KvnToken(KvnTokenKind.KeyValue, "CREATION_DATE", "", null, 3), t);
    }

    [Fact]
    public void The_minimal_kvn_sample_tokenizes()
    {
        var t = Assert.Single(KvnTokenizer.Tokenize(File.ReadAllText(SharedData.Data("ccsds", "lexical", "minimalist-UTF-8.kvn"))));
        Assert.Equal(("CCSDS_XYZ_VERSION", "0.0"), (t.Key, t.Value));
    }

    [Fact]
    public void An_external_doctype_is_refused_and_never_fetched()
    {
        var r = SafeXml.Parse(File.ReadAllText(SharedData.Data("ccsds", "tdm", "malformed", "TDM-external-doctype.xml")));
        Assert.False(r.Success);
        Assert.Contains("DTD", r.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused()
    {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
        Assert.False(SafeXml.Parse(bomb).Success);
    }

    [Theory]
    [InlineData("minimalist-UTF-8-BOM.xml")]
    [InlineData("minimalist-UTF-16-LE-BOM.xml")]
    public void Xml_with_a_byte_order_mark_is_read(string file)
    {
        var bytes = File.ReadAllBytes(SharedData.Data("ccsds", "lexical", file));
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var r = SafeXml.Parse(reader);
        Assert.True(r.Success, r.Error);
        Assert.Equal("greeting", r.Root!.Name);
        Assert.Equal("Hello, world!", r.Root.Text);
    }

    [Fact]
    public void Xml_elements_carry_line_units_and_path()
    {
        var r = SafeXml.Parse(File.ReadAllText(SharedData.Data("ccsds", "omm", "OMM-with-units.xml")));
        Assert.True(r.Success);
        var mm = r.Root!.Descendants().First(e => e.Name == "MEAN_MOTION");
        Assert.Equal("rev/day", mm.Units);
        Assert.Equal("1.00273272", mm.Text);
        Assert.Equal("omm/body/segment/data/meanElements/MEAN_MOTION", mm.Path);
        Assert.True(mm.Line > 20);
        Assert.Equal("3.0", r.Root.Attributes["version"]);
    }

    [Fact]
    public void Xml_over_the_size_limit_is_refused()
    {
        var r = SafeXml.Parse("<a>" + new string('x', 5000) + "</a>", new SafeXmlOptions { MaxCharacters = 1000 });
        Assert.False(r.Success);
    }

    [Fact]
    public void Format_detection_reads_content()
    {
        Assert.Equal(CatalogFormat.OmmXml, CatalogLoader.DetectFormat("\uFEFF  <?xml version=\"1.0\"?><omm/>"));
        Assert.Equal(CatalogFormat.OmmJson, CatalogLoader.DetectFormat("\n[{\"NORAD_CAT_ID\":5}]"));
        Assert.Equal(CatalogFormat.OmmKvn, CatalogLoader.DetectFormat("CCSDS_OMM_VERS                     =2.0\n"));
        Assert.Equal(CatalogFormat.OmmCsv, CatalogLoader.DetectFormat("OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION\n"));
        Assert.Equal(CatalogFormat.Tle, CatalogLoader.DetectFormat("ISS (ZARYA)\n1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n2 25544 ..."));
        Assert.Equal(CatalogFormat.Tle, CatalogLoader.DetectFormat("#   comment\n1 00005U 58002B   00179.78495062\n2 00005  34.2682"));
        Assert.Equal(CatalogFormat.Unknown, CatalogLoader.DetectFormat("hello"));
    }
}
