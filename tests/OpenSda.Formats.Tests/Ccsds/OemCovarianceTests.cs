using OpenSda.Formats.Ccsds.Oem;
using OpenSda.Frames;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Formats.Tests.Ccsds;

public class OemCovarianceTests
{
    private static readonly TimeScales Scales = TimeScales.LoadBundled();
    private static readonly FrameTree Frames = new(Scales);

    /// <summary>The blue book's OEMExample1 moved to the Earth (its covariance blocks are in EME2000 and RTN).</summary>
    private static OemMessage EarthCentredExample() =>
        OemReader.Read(File.ReadAllText(SharedData.Data("ccsds", "oem", "OEMExample1.txt")).Replace("MARS BARYCENTER", "EARTH", StringComparison.Ordinal), "oem1")
            .GetOrThrow();

    private static double PositionTrace(double[,] p) => p[0, 0] + p[1, 1] + p[2, 2];

    private static double VelocityTrace(double[,] p) => p[3, 3] + p[4, 4] + p[5, 5];

    [Fact]
    public void An_eme2000_covariance_rotated_to_teme_keeps_its_traces_and_symmetry_and_rotates_back_exactly()
    {
        var seg = EarthCentredExample().Segments[1];
        Assert.True(seg.TryGetCovariances(Scales, Frames, Frames.Teme, out var teme, out var error), error);
        var sample = Assert.Single(teme);
        Assert.False(sample.IsRtn);
        var original = seg.Covariances[0];
        // A rotation leaves the traces of the position and velocity blocks unchanged (TEME and EME2000 are both inertial: no ω term).
        Assert.Equal(PositionTrace(ToArray(original)), PositionTrace(sample.ValuesKm), 1e-15);
        Assert.Equal(VelocityTrace(ToArray(original)), VelocityTrace(sample.ValuesKm), 1e-21);
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(sample.ValuesKm[i, j], sample.ValuesKm[j, i]);
        // EME2000 → TEME differs from the identity by precession and nutation since J2000 (about 0.3° in 1996): the terms change.
        Assert.NotEqual(original[0, 0], sample.ValuesKm[0, 0]);

        // Back to GCRF with the inverse transform gives the original to rounding.
        var back = new OemSegment(seg.Metadata, [], seg.States, [original with { RefFrame = "TEME", LowerTriangle = Lower(sample.ValuesKm) }]);
        Assert.True(back.TryGetCovariances(Scales, Frames, Frames.Gcrf, out var gcrf, out error), error);
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(original[i, j], gcrf[0].ValuesKm[i, j], Math.Abs(original[i, j]) * 1e-12 + 1e-22);
    }

    [Fact]
    public void An_itrf_covariance_gets_the_earth_rotation_term_in_its_velocity_block()
    {
        var seg = EarthCentredExample().Segments[1];
        var asItrf = new OemSegment(seg.Metadata, [], seg.States, [seg.Covariances[0] with { RefFrame = "ITRF2000" }]);
        Assert.True(asItrf.TryGetCovariances(Scales, Frames, Frames.Gcrf, out var gcrf, out var error), error);
        var p = ToArray(seg.Covariances[0]);
        var q = gcrf[0].ValuesKm;
        Assert.Equal(PositionTrace(p), PositionTrace(q), 1e-15);
        // v_inertial = R·v_itrf + ω×(R·r): the velocity block gains ω²-sized position terms (ω ≈ 7.29e-5 rad/s),
        // so its trace is not preserved; the change is of the order ω²·trace(P_rr) ≈ 5e-9·1.3e-3.
        var change = Math.Abs(VelocityTrace(q) - VelocityTrace(p));
        Assert.InRange(change, 1e-14, 1e-10);
    }

    [Fact]
    public void An_rtn_covariance_block_stays_in_rtn_and_is_flagged()
    {
        var seg = EarthCentredExample().Segments[2];
        Assert.True(seg.TryGetCovariances(Scales, Frames, Frames.Teme, out var samples, out var error), error);
        Assert.Equal(2, samples.Count);
        Assert.True(samples[0].IsRtn);
        Assert.Equal(seg.Covariances[0][0, 0], samples[0].ValuesKm[0, 0]);
        Assert.False(samples[1].IsRtn);
    }

    [Fact]
    public void A_covariance_about_mars_is_refused_naming_cov_ref_frame()
    {
        var seg = OemReader.Read(File.ReadAllText(SharedData.Data("ccsds", "oem", "OEMExample1.txt")), "oem1").GetOrThrow().Segments[1];
        Assert.False(seg.TryGetCovariances(Scales, Frames, Frames.Teme, out _, out var error));
        Assert.Contains("COV_REF_FRAME", error, StringComparison.Ordinal);
        Assert.Contains("MARS", error, StringComparison.Ordinal);
    }

    private static double[,] ToArray(OemCovariance c)
    {
        var a = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                a[i, j] = c[i, j];
        return a;
    }

    private static double[] Lower(double[,] a)
    {
        var list = new List<double>();
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++)
                list.Add(a[i, j]);
        return [.. list];
    }
}
