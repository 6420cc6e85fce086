using OpenSda.Formats.Ccsds.Cdm;
using OpenSda.Frames;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Formats.Tests.Ccsds;

public class CdmTests
{
    private static CdmMessage Read(params string[] path)
    {
        var file = SharedData.Data(["ccsds", "cdm", .. path]);
        var r = CdmReader.Read(File.ReadAllText(file), Path.GetFileName(file));
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        return r.Message!;
    }

    [Fact]
    public void The_minimal_blue_book_cdm_gives_tca_miss_distance_states_and_covariances()
    {
        var cdm = Read("CDMExample1.txt");
        Assert.Equal("1.0", cdm.Version);
        Assert.Equal("JSPOC", cdm.Originator);
        Assert.Equal("201113719185", cdm.MessageId);
        Assert.Equal("2010-03-13T22:37:52.618", cdm.Relative.Tca.ToString());
        Assert.Equal(715.0, cdm.Relative.MissDistanceM);
        Assert.Equal("OBJECT1", cdm.Object1.Label);
        Assert.Equal("12345", cdm.Object1.ObjectDesignator);
        Assert.Equal("SATELLITE A", cdm.Object1.ObjectName);
        Assert.Equal("FENGYUN 1C DEB", cdm.Object2.ObjectName);
        Assert.Equal("EME2000", cdm.Object1.RefFrame);
        Assert.Equal(2570.097065, cdm.Object1.StateKm.PositionKm.X);
        Assert.Equal(-3.526774282, cdm.Object1.StateKm.VelocityKmS.Z);
        var c1 = cdm.Object1.CovarianceRtn!;
        Assert.Equal(6, c1.Dimension);
        Assert.Equal(41.42, c1[0, 0]);
        Assert.Equal(-8.579, c1[0, 1]);
        Assert.Equal(-8.579, c1[1, 0]);
        Assert.Equal(5.529e-5, c1[5, 5]);
        Assert.Equal(2.492e6, cdm.Object2.CovarianceRtn![1, 1]);
        Assert.Null(cdm.HardBodyRadius);
    }

    [Fact]
    public void The_xml_cdm_gives_the_optional_blocks()
    {
        var cdm = Read("CDMExample1.xml");
        Assert.Equal(4.835e-5, cdm.Relative.CollisionProbability);
        Assert.Equal("FOSTER-1992", cdm.Relative.CollisionProbabilityMethod);
        Assert.Equal(new OpenSda.Mathematics.Vec3(27.4, -70.2, 711.8), cdm.Relative.RelativePositionRtnM);
        Assert.Equal(14762.0, cdm.Relative.RelativeSpeedMS);
        Assert.Equal("SATELLITE A", cdm.MessageFor);
        Assert.Contains("Relative Metadata/Data", cdm.Relative.Block.Comments);
        Assert.Contains("Object1 Metadata", cdm.Object1.Block.Comments);
    }

    [Fact]
    public void Cdm_2_draft_keywords_are_kept_and_hbr_is_read_from_the_keyword()
    {
        var cdm = Read("CDMExample_issue_940.txt");
        Assert.Equal("2.0", cdm.Version);
        Assert.Equal("20220708T10hz SATELLITEA SATELLITEB", cdm.Relative.Block.Text("CONJUNCTION_ID"));
        Assert.Equal("1 2 3 4 5 6 7 8 9 10 11 12", cdm.Object2.Block.Text("CSIG3EIGVEC3"));
        Assert.Equal(new CdmHardBodyRadius(2.5, CdmHbrSource.Keyword, 77), cdm.HardBodyRadius);
        Assert.Equal(6, cdm.Object1.CovarianceRtn!.Dimension);
    }

    [Fact]
    public void Space_track_cdm_gives_hbr_from_the_exclusion_volume_comments_and_an_itrf_state()
    {
        var cdm = Read("ION_SCV8_vs_STARLINK_1233.txt");
        Assert.Equal(CdmHbrSource.ExclusionVolumeRadius, cdm.HardBodyRadius!.Source);
        Assert.Equal(10.0, cdm.HardBodyRadius.RadiusM);
        Assert.Equal("ITRF", cdm.Object1.RefFrame);
        Assert.Equal("N/A", cdm.Object1.Maneuverable);
        Assert.Equal(0.004450713, cdm.Relative.CollisionProbability);
        Assert.Equal("D-Orbit", cdm.Object1.OperatorOrganization);
        Assert.Contains("MEETS EMERGENCY CRITERIA", cdm.Header.Comments);

        // ITRF -> GCRF with the foundation's frames: the radius is preserved and the inertial speed exceeds the Earth-fixed one.
        var scales = TimeScales.LoadBundled();
        var frames = new FrameTree(scales);
        var tca = cdm.Relative.TcaInstant(scales);
        Assert.True(cdm.Object1.TryGetState(frames, frames.Gcrf, tca, out var eci, out var error), error);
        Assert.Equal(cdm.Object1.StateKm.PositionKm.Norm, eci.PositionKm.Norm, 1e-9);
        Assert.NotEqual(cdm.Object1.StateKm.VelocityKmS.Norm, eci.VelocityKmS.Norm);
    }

    [Fact]
    public void Cara_hbr_comment_is_the_combined_radius()
    {
        var file = SharedData.Data("pc-cases", "cdm", "000020580_conj_000002017_20230613_001923_20230608_063715.cdm");
        var cdm = CdmReader.Read(File.ReadAllText(file), "cara").GetOrThrow();
        Assert.Equal(10.0, cdm.HardBodyRadius!.RadiusM);
        Assert.Equal(CdmHbrSource.Comment, cdm.HardBodyRadius.Source);
    }

    [Theory]
    [InlineData("HBR = 10 [m]", 10.0, false)]
    [InlineData("HBR                        = 20.0", 20.0, false)]
    [InlineData("Operator Hard Body Radius = 10.0 [m]", 10.0, false)]
    [InlineData("Exclusion Volume Radius = 5.000000 [m]", 5.0, true)]
    [InlineData("EXCLUSION_VOLUME_RADIUS = 0.003 [km]", 3.0, true)]
    public void Hbr_comments_are_recognised(string comment, double expectedM, bool exclusion)
    {
        Assert.Equal(expectedM, CdmHardBodyRadius.ParseHbrComment(comment, out var ev)!.Value, 12);
        Assert.Equal(exclusion, ev);
    }

    [Fact]
    public void Comments_that_only_mention_a_radius_are_not_hbr()
    {
        Assert.Null(CdmHardBodyRadius.ParseHbrComment("Apogee Altitude = 552   [km]", out _));
        Assert.Null(CdmHardBodyRadius.ParseHbrComment("SCREENING_OPTION = Covariance", out _));
    }

    [Fact]
    public void Every_pc_case_cdm_parses()
    {
        foreach (var file in Directory.GetFiles(SharedData.Data("pc-cases", "cdm"), "*.cdm"))
        {
            var text = File.ReadAllText(file);
            var r = CdmReader.Read(text, Path.GetFileName(file));
            Assert.True(r.Success, string.Join("\n", r.Diagnostics));
            // The SingleCov cases carry no HBR at all; every other one does, as a CARA comment.
            Assert.Equal(text.Contains("COMMENT HBR", StringComparison.Ordinal), r.Message!.HardBodyRadius is not null);
        }
    }

    [Fact]
    public void Wrong_units_in_cara_sample_cdms_are_warnings_naming_the_keyword()
    {
        var file = SharedData.Data("pc-cases", "cdm", "OmitronTestCase_Test01_HighPc.cdm");
        var r = CdmReader.Read(File.ReadAllText(file), "omitron");
        Assert.True(r.Success);
        var w = Assert.Single(r.Diagnostics, d => d.Field == "RELATIVE_VELOCITY_R");
        Assert.False(w.IsError);
        Assert.Equal(11, w.Line);
    }
}
