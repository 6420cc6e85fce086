using OpenSda.Testing;

namespace OpenSda.Cli.Tests;

public class CcsdsCommandTests
{
    private static string Sample(params string[] parts) => SharedData.Data(["ccsds", .. parts]);

    [Fact]
    public void Validate_exits_zero_when_every_file_is_valid()
    {
        var r = Cli.Run("ccsds", "validate", Sample("cdm", "CDMExample1.txt"), Sample("oem", "OEMExample5.txt"), Sample("tdm", "TDMExample2.xml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StdoutLines.Length);
        Assert.EndsWith("valid CDM (KVN)", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_the_orbit_comprehensive_message_sample()
    {
        var r = Cli.Run("ccsds", "validate", Sample("ocm", "OCMExample1.txt"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("valid OCM", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_exits_3_and_names_file_line_and_keyword_on_stderr()
    {
        var bad = Sample("cdm", "malformed", "CDM-covariance-wrong-entry-format.txt");
        var r = Cli.Run("ccsds", "validate", Sample("cdm", "CDMExample1.txt"), bad);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains($"{bad}:65: CRDOT_T: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid CDM (KVN), 1 error", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_of_a_missing_file_exits_3()
    {
        var r = Cli.Run("ccsds", "validate", "/nonexistent/x.cdm");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("/nonexistent/x.cdm: FILE: cannot read", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_without_files_is_a_usage_error()
    {
        Assert.Equal(2, Cli.Run("ccsds", "validate").ExitCode);
    }

    [Fact]
    public void Convert_cdm_kvn_to_xml_and_back_gives_the_same_kvn()
    {
        var dir = Directory.CreateTempSubdirectory("opensda-ccsds");
        try
        {
            var xml = Path.Combine(dir.FullName, "a.xml");
            var r1 = Cli.Run("ccsds", "convert", Sample("cdm", "ION_SCV8_vs_STARLINK_1233.txt"), "--to", "xml", "-o", xml);
            Assert.Equal(0, r1.ExitCode);
            Assert.StartsWith("<?xml", File.ReadAllText(xml), StringComparison.Ordinal);
            var viaXml = Cli.Run("ccsds", "convert", xml, "--to", "kvn");
            var direct = Cli.Run("ccsds", "convert", Sample("cdm", "ION_SCV8_vs_STARLINK_1233.txt"), "--to", "kvn");
            Assert.Equal(0, viaXml.ExitCode);
            Assert.Equal(direct.Stdout, viaXml.Stdout);
            Assert.Contains("COLLISION_PROBABILITY", direct.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Convert_omm_to_json_writes_gp_json()
    {
        var r = Cli.Run("ccsds", "convert", Sample("omm", "OMMExample1.txt"), "--to", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("[", r.Stdout.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("\"MEAN_MOTION\":", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Converting_a_cdm_to_json_is_refused_as_unsupported()
    {
        var r = Cli.Run("ccsds", "convert", Sample("cdm", "CDMExample1.txt"), "--to", "json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("OMM only", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Converting_an_invalid_message_exits_3()
    {
        var r = Cli.Run("ccsds", "convert", Sample("oem", "malformed", "OEM-wrong-keyword.txt"), "--to", "xml");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains(":19: WRONG_KEYWORD: ", r.Stderr, StringComparison.Ordinal);
    }
}
