using OpenSda.Formats.Ccsds.Common;
using OpenSda.Testing;

namespace OpenSda.Formats.Tests.Ccsds;

/// <summary>Every sample of shared/data/ccsds: valid ones parse, malformed ones yield an error naming the line (XML: element line) and keyword.</summary>
public class SampleTests
{
    private static string Root => SharedData.Data("ccsds");

    public static TheoryData<string> ValidSamples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(Root, f).Replace('\\', '/');
            // lexical/ holds encoding probes, not messages (LexicalTests covers them).
            if (rel.Contains("/malformed/", StringComparison.Ordinal) || rel.StartsWith("lexical/", StringComparison.Ordinal)
                || rel.EndsWith(".md", StringComparison.Ordinal))
                continue;
            data.Add(rel);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Every_valid_sample_parses(string relativePath)
    {
        var doc = CcsdsDocument.Read(File.ReadAllText(Path.Combine(Root, relativePath)), relativePath);
        Assert.True(doc.IsValid, string.Join("\n", doc.Diagnostics));
        Assert.NotEqual(CcsdsMessageType.Unknown, doc.Type);
    }

    [Theory]
    [InlineData("cdm/malformed/CDM-covariance-wrong-entry-format.txt", "CRDOT_T", 65)]
    [InlineData("cdm/malformed/CDM-missing-TCA.txt", "TCA", 0)]
    [InlineData("cdm/malformed/CDM-missing-object1-covariance-block.xml", "CNDOT_NDOT", 0)]
    [InlineData("cdm/malformed/CDM-missing-object2-state-vector.txt", "X", 0)]
    [InlineData("cdm/malformed/CDMExample1InvalidTca.txt", "TCA", 5)]
    [InlineData("cdm/malformed/CDMExample_issue1319_mandatory_empty_value.xml", "X", 0)]
    [InlineData("oem/malformed/OEM-ephemeris-number-format-error.txt", "Z", 44)]
    [InlineData("oem/malformed/OEM-inconsistent-time-systems.txt", "TIME_SYSTEM", 33)]
    [InlineData("oem/malformed/OEM-keyword-within-ephemeris.txt", "USER_DEFINED_TEST_KEY", 24)]
    [InlineData("oem/malformed/OEM-too-many-covariance-columns.txt", "COVARIANCE", 51)]
    [InlineData("oem/malformed/OEM-too-small-covariance-dimension.txt", "COVARIANCE", 0)]
    [InlineData("oem/malformed/OEM-wrong-keyword.txt", "WRONG_KEYWORD", 19)]
    [InlineData("omm/malformed/OMM-empty-object-id.txt", "OBJECT_ID", 0)]
    [InlineData("omm/malformed/OMM-empty-object-id.xml", "OBJECT_ID", 0)]
    [InlineData("omm/malformed/OMM-number-format-error.txt", "ARG_OF_PERICENTER", 15)]
    [InlineData("omm/malformed/OMM-wrong-keyword.txt", "WRONG_KEYWORD", 9)]
    [InlineData("omm/malformed/spurious-metadata.xml", "metadata", 17)]
    [InlineData("opm/malformed/OPM-incompatible-units.txt", "SOLAR_RAD_AREA", 0)]
    [InlineData("opm/malformed/OPM-number-format-error.txt", "SEMI_MAJOR_AXIS", 17)]
    [InlineData("opm/malformed/OPM-unknown-frame.txt", "REF_FRAME", 7)]
    [InlineData("opm/malformed/OPM-wrong-keyword.txt", "WRONG_KEYWORD", 11)]
    [InlineData("tdm/malformed/TDM-data-wrong-keyword.txt", "WRONG_KEYWORD", 0)]
    [InlineData("tdm/malformed/TDM-external-doctype.xml", "XML", 2)]
    [InlineData("tdm/malformed/TDM-metadata-timesystem-not-implemented.txt", "TIME_SYSTEM", 7)]
    [InlineData("tdm/malformed/TDM-missing-timesystem.xml", "TIME_SYSTEM", 0)]
    public void Every_malformed_sample_yields_an_error_naming_the_line_and_keyword(string relativePath, string keyword, int line)
    {
        var doc = CcsdsDocument.Read(File.ReadAllText(Path.Combine(Root, relativePath)), relativePath);
        Assert.False(doc.IsValid);
        var errors = doc.Diagnostics.Where(d => d.IsError).ToList();
        var hit = errors.FirstOrDefault(e => e.Field == keyword);
        Assert.True(hit is not null, $"no error names {keyword}:\n" + string.Join("\n", errors));
        Assert.True(hit!.Line > 0, hit.ToString());
        if (line > 0)
            Assert.Equal(line, hit.Line);
        Assert.StartsWith($"{relativePath}:{hit.Line}: {keyword}: ", hit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_malformed_sample_in_the_folder_is_covered_by_the_theory()
    {
        var covered = typeof(SampleTests).GetMethod(nameof(Every_malformed_sample_yields_an_error_naming_the_line_and_keyword))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]).ToHashSet();
        var all = Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(r => r.Contains("/malformed/", StringComparison.Ordinal));
        Assert.DoesNotContain(all, r => !covered.Contains(r));
    }

    [Fact]
    public void An_ocm_is_recognised_and_read()
    {
        var doc = CcsdsDocument.Read(File.ReadAllText(Path.Combine(Root, "ocm", "OCMExample1.txt")), "ocm");
        Assert.Equal(CcsdsMessageType.Ocm, doc.Type);
        Assert.True(doc.IsValid, string.Join("\n", doc.Diagnostics));
    }

    [Fact]
    public void The_xml_reader_never_resolves_an_external_doctype()
    {
        // The DOCTYPE names a SYSTEM file next to the working directory; a resolving parser would try to open it.
        var dir = Directory.CreateTempSubdirectory("opensda-xxe");
        try
        {
            var secret = Path.Combine(dir.FullName, "secret.txt");
            File.WriteAllText(secret, "TOP-SECRET");
            var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE cdm [ <!ENTITY x SYSTEM \"file://{secret}\"> ]>\n<cdm version=\"1.0\"><header><ORIGINATOR>&x;</ORIGINATOR></header></cdm>";
            var doc = CcsdsDocument.Read(xml, "xxe.xml");
            Assert.False(doc.IsValid);
            Assert.DoesNotContain(doc.Diagnostics, d => d.Message.Contains("TOP-SECRET", StringComparison.Ordinal));
            var e = Assert.Single(doc.Diagnostics);
            Assert.Equal("XML", e.Field);
            Assert.Equal(2, e.Line);
            Assert.Contains("DTD", e.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Inputs_over_the_size_limit_are_refused_before_parsing()
    {
        var options = new CcsdsReadOptions { MaxCharacters = 1000 };
        var text = "CCSDS_CDM_VERS = 1.0\n" + new string(' ', 2000);
        var doc = CcsdsDocument.Read(text, "big", options);
        Assert.False(doc.IsValid);
        Assert.Contains("exceeds the limit", Assert.Single(doc.Diagnostics).Message, StringComparison.Ordinal);
        var r = Formats.Ccsds.Oem.OemReader.Read(text.Replace("CDM", "OEM", StringComparison.Ordinal), "big", options);
        Assert.False(r.Success);
    }
}
