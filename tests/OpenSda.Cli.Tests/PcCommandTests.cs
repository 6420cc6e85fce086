using System.Globalization;
using OpenSda.Testing;

namespace OpenSda.Cli.Tests;

public class PcCommandTests
{
    private static readonly string Cara = SharedData.Data("pc-cases", "cdm", "000020580_conj_000002017_20230613_001923_20230608_063715.cdm");

    [Fact]
    public void Pc_writes_file_method_pc_notes_for_all_five_methods_using_the_cdm_hbr()
    {
        var r = Cli.Run("pc", Cara, "--hbr-m", "99");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("file,method,pc,notes", r.StdoutLines[0]);
        var rows = r.StdoutLines.Skip(1).ToList();
        Assert.Equal(["pc2d", "chan", "max", "mc", "nc3d"], rows.Select(l => l.Split(',')[1]));
        // CARA's own Pc for this CDM is 1.862e-05 (COMMENT HBR = 10 m wins over --hbr-m).
        var pc2d = double.Parse(rows[0].Split(',')[2], CultureInfo.InvariantCulture);
        Assert.Equal(1.862e-5, pc2d, 1e-8);
        Assert.Contains("HBR 10 m from CDM", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_space_track_hbr_is_the_sum_of_both_exclusion_radii_as_the_reported_pc_confirms()
    {
        // CSpOC integrates over the square circumscribing the HBR circle (area 4R² instead of πR²), so its
        // reported 0.004450713 should equal Pc2D(HBR = 5 + 5 m) × 4/π when the HBR rule is right.
        var r = Cli.Run("pc", SharedData.Data("ccsds", "cdm", "ION_SCV8_vs_STARLINK_1233.txt"), "--method", "pc2d");
        Assert.Equal(0, r.ExitCode);
        var pc = double.Parse(r.StdoutLines[1].Split(',')[2], CultureInfo.InvariantCulture);
        Assert.Equal(0.004450713, pc * 4 / Math.PI, 0.004450713 * 2e-3);
    }

    [Fact]
    public void Without_an_hbr_in_the_cdm_or_on_the_command_line_pc_is_an_error()
    {
        var r = Cli.Run("pc", SharedData.Data("ccsds", "cdm", "CDMExample1.txt"), "--method", "pc2d");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("HBR", r.Stderr, StringComparison.Ordinal);
        var ok = Cli.Run("pc", SharedData.Data("ccsds", "cdm", "CDMExample1.txt"), "--method", "pc2d", "--hbr-m", "20", "--format", "json");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("\"method\": \"pc2d\"", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"hbr_m\": 20", ok.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_cdm_exits_3_naming_line_and_keyword()
    {
        var bad = SharedData.Data("ccsds", "cdm", "malformed", "CDM-covariance-wrong-entry-format.txt");
        var r = Cli.Run("pc", bad, "--hbr-m", "10");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains($"{bad}:65: CRDOT_T: ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_method_is_a_usage_error()
    {
        Assert.Equal(2, Cli.Run("pc", Cara, "--method", "foster").ExitCode);
    }
}
