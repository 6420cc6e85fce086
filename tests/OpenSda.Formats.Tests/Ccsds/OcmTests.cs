using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Ocm;
using OpenSda.Testing;

namespace OpenSda.Formats.Tests.Ccsds;

/// <summary>Orbit Comprehensive Message (CCSDS 502.0-B-3 §6): the blue-book sample and malformed variants of it.</summary>
public class OcmTests
{
    private static string SampleText => File.ReadAllText(SharedData.Data("ccsds", "ocm", "OCMExample1.txt"));

    private static OcmMessage ReadOk(string text)
    {
        var r = OcmReader.Read(text, "t.ocm");
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        return r.Message!;
    }

    private static FormatDiagnostic ReadError(string text, string field)
    {
        var r = OcmReader.Read(text, "t.ocm");
        Assert.False(r.Success);
        var hit = r.Errors.FirstOrDefault(e => e.Field == field);
        Assert.True(hit is not null, $"no error names {field}:\n" + string.Join("\n", r.Errors));
        return hit!;
    }

    private static string Replace(string text, string line, string with)
    {
        Assert.Contains(line, text, StringComparison.Ordinal);
        return text.Replace(line, with, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blue_book_sample_reads_with_header_metadata_and_four_states()
    {
        var m = ReadOk(SampleText);
        Assert.Equal("3.0", m.Header.Text("CCSDS_OCM_VERS"));
        Assert.Equal("JAXA", m.Header.Text("ORIGINATOR"));
        Assert.Equal("UTC", m.TimeSystem);
        Assert.Equal(new CcsdsEpoch(1998, 12, 18, 14, 28, 15, 117_200_000), m.EpochTZero);
        var t = Assert.Single(m.Trajectories);
        Assert.Equal("CARTPV", t.TrajType);
        Assert.Equal("ITRF2000", t.ReferenceFrame);
        Assert.Equal("EARTH", t.CenterName);
        Assert.Equal("SIMULATION", t.Metadata.Text("TRAJ_BASIS"));
        Assert.Equal("km,km,km,km/s,km/s,km/s", t.Metadata.Text("TRAJ_UNITS"));
        Assert.Contains("intervening data records omitted between DT=20.0 and DT=500.0", t.Metadata.Comments);
        Assert.Equal([0.0, 10.0, 20.0, 500.0], t.States.Select(s => Math.Round(s.OffsetS, 9)));
        Assert.Null(t.States[0].Epoch);
        Assert.Equal(new CcsdsEpoch(1998, 12, 18, 14, 28, 25, 117_200_000), t.States[1].Epoch);
        Assert.Equal([2783.4, -308.1, -1877.1, 5.19, -2.42, -2.00], t.States[1].Values);
        Assert.Equal(14, t.States[1].Line);
        Assert.Empty(m.Covariances);
    }

    [Fact]
    public void A_missing_TRAJ_TYPE_is_a_warning_not_an_error()
    {
        var r = OcmReader.Read(SampleText, "t.ocm");
        Assert.Contains(r.Diagnostics, d => !d.IsError && d.Field == "TRAJ_TYPE");
    }

    [Fact]
    public void A_covariance_block_reads_as_a_symmetric_matrix_per_line()
    {
        var cov = """
            COV_START
            COV_TYPE = CARTP
            COV_REF_FRAME = EME2000
            COV_UNITS = [km**2,km**2,km**2,km**2,km**2,km**2]
            0.0 1.0 0.1 2.0 0.2 0.3 3.0
            60.0 1.5 0.1 2.5 0.2 0.3 3.5
            COV_STOP

            """;
        var m = ReadOk(SampleText.TrimEnd() + "\n" + cov);
        var c = Assert.Single(m.Covariances);
        Assert.Equal("LTM", c.Ordering);
        Assert.Equal(2, c.Lines.Count);
        var a = c.Matrix(1);
        Assert.Equal(1.5, a[0, 0]);
        Assert.Equal(0.2, a[2, 0]);
        Assert.Equal(0.2, a[0, 2]);
        Assert.Equal(0.3, a[2, 1]);
        Assert.Equal(3.5, a[2, 2]);
    }

    [Fact]
    public void Other_blocks_are_kept_by_name()
    {
        var phys = "PHYS_START\nWET_MASS = 100 [kg]\nPHYS_STOP\n";
        var m = ReadOk(SampleText.TrimEnd() + "\n" + phys);
        var b = Assert.Single(m.OtherBlocks);
        Assert.Equal("PHYS", b.Name);
        Assert.Equal("100", b.Block.Text("WET_MASS"));
    }

    [Theory]
    [InlineData("TRAJ_BASIS=SIMULATION", "TRAJ_WRONG=SIMULATION", "TRAJ_WRONG", 10)]
    [InlineData("TRAJ_REF_FRAME=ITRF2000", "TRAJ_REF_FRAME=NOT_A_FRAME", "TRAJ_REF_FRAME", 11)]
    [InlineData("TIME_SYSTEM = UTC", "TIME_SYSTEM = XYZ", "TIME_SYSTEM", 5)]
    [InlineData("EPOCH_TZERO = 1998-12-18T14:28:15.1172\n", "", "EPOCH_TZERO", 4)]
    [InlineData("20.0 2776.0 -336.9", "20.0 2776.0 abc", "TRAJ", 15)]
    [InlineData("20.0 2776.0 -336.9 -2008.7 5.64 -2.34 -1.95", "20.0 2776.0 -336.9 -2008.7 5.64 -2.34", "TRAJ", 15)]
    [InlineData("500.0 2164.375", "5.0 2164.375", "TRAJ", 16)]
    [InlineData("TRAJ_UNITS= [km,km,km,km/s,km/s,km/s]", "TRAJ_UNITS= [km,km,km]", "TRAJ_UNITS", 12)]
    [InlineData("CCSDS_OCM_VERS = 3.0", "CCSDS_OCM_VERS = 2.0", "CCSDS_OCM_VERS", 1)]
    [InlineData("TRAJ_STOP", "", "TRAJ_STOP", 8)]
    [InlineData("META_STOP", "TRAJ_ID = 1\nMETA_STOP", "TRAJ_ID", 7)]
    public void Malformed_variants_yield_an_error_naming_the_line_and_keyword(string line, string with, string field, int errorLine)
    {
        var e = ReadError(Replace(SampleText, line, with), field);
        Assert.Equal(errorLine, e.Line);
        Assert.StartsWith($"t.ocm:{errorLine}: {field}: ", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_is_refused_with_a_clear_error()
    {
        var e = ReadError("<ocm id=\"CCSDS_OCM_VERS\" version=\"3.0\"/>", "ocm");
        Assert.Equal(1, e.Line);
    }
}
