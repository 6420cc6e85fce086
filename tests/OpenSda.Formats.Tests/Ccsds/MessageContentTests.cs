using OpenSda.Formats.Ccsds.Common;
using OpenSda.Formats.Ccsds.Oem;
using OpenSda.Formats.Ccsds.Opm;
using OpenSda.Formats.Ccsds.Tdm;
using OpenSda.Frames;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Formats.Tests.Ccsds;

public class MessageContentTests
{
    private static readonly TimeScales Scales = TimeScales.LoadBundled();
    private static readonly FrameTree Frames = new(Scales);

    private static string Text(params string[] p) => File.ReadAllText(SharedData.Data(["ccsds", .. p]));

    [Fact]
    public void The_blue_book_oem_has_three_segments_hermite_7_and_two_covariances()
    {
        var oem = OemReader.Read(Text("oem", "OEMExample1.txt"), "oem1").GetOrThrow();
        Assert.Equal("3.0", oem.Version);
        Assert.Equal(3, oem.Segments.Count);
        var s = oem.Segments[1];
        Assert.Equal("MARS BARYCENTER", s.CenterName);
        Assert.Equal("HERMITE", s.Interpolation);
        Assert.Equal(7, s.InterpolationDegree);
        Assert.Equal(4, s.States.Count); // the verbatim repeat of the last line is dropped with a warning
        Assert.Equal(-2432.166, s.States[0].StateKm.PositionKm.X);
        Assert.Single(s.Covariances);
        Assert.Equal(3.3313494e-04, s.Covariances[0][0, 0]);
        Assert.Equal(-3.0413460e-07, s.Covariances[0][5, 0]);
        Assert.Equal("EME2000", s.Covariances[0].RefFrame);
        Assert.Equal("RTN", oem.Segments[2].Covariances[0].RefFrame);
    }

    [Fact]
    public void A_mars_centred_oem_cannot_stand_in_for_an_earth_orbit_and_the_error_names_center_name()
    {
        var oem = OemReader.Read(Text("oem", "OEMExample1.txt"), "oem1").GetOrThrow();
        Assert.False(oem.TryCreateEphemeris(Scales, Frames, Frames.Gcrf, out _, out var error));
        Assert.StartsWith("line 10: CENTER_NAME:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oem_in_mars_time_is_refused_with_an_error_naming_time_system()
    {
        var oem = OemReader.Read(Text("oem", "OEMExample2.txt"), "oem2").GetOrThrow();
        Assert.Equal(new CcsdsEpoch(1996, 12, 18, 12, 0, 0, 331_000_000), oem.Segments[0].StartTime); // day-of-year 353
        Assert.False(oem.TryCreateEphemeris(Scales, Frames, Frames.Gcrf, out _, out var error));
        Assert.StartsWith("line 13: TIME_SYSTEM:", error, StringComparison.Ordinal);
        Assert.Contains("MRT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_iss_oem_stands_in_as_an_ephemeris_source_exact_at_its_samples()
    {
        var oem = OemReader.Read(Text("oem", "OEMExample5.txt"), "iss").GetOrThrow();
        Assert.True(oem.TryCreateEphemeris(Scales, Frames, Frames.Gcrf, out var source, out var error), error);
        var seg = oem.Segments[0];
        var t = seg.States[3].Epoch.ToInstant(Scales.Utc);
        Assert.True(source.TryGetState(t, out var s));
        Assert.Equal(seg.States[3].StateKm, s);
        Assert.Equal(seg.StartTime.ToInstant(Scales.Utc), source.UsableStart);
        Assert.False(source.TryGetState(source.UsableStop.AddSeconds(1), out _));
        Assert.True(source.TryGetState(t.AddSeconds(900), out var mid));
        // The file declares HERMITE degree 1 (cubic through two samples 30 min apart): coarse, but an Earth orbit.
        Assert.InRange(mid.PositionKm.Norm, 6300, 6900);
        Assert.Equal(EphemerisInterpolation.Hermite, ((InterpolatedEphemeris)source).Method);
    }

    [Fact]
    public void A_lowercase_lagrange_oem_version_1_interpolates_an_earth_orbit_within_2_m()
    {
        // STK output, EME2000, 60 s steps, Lagrange degree 5; a sample left out (a 120 s gap) is recovered to < 2 m (measured 1.13 m).
        var oem = OemReader.Read(Text("oem", "oemLowerCaseValue.oem"), "stk").GetOrThrow();
        var seg = oem.Segments[0];
        var keep = seg.States.Where((_, i) => i != 3).ToList();
        var thinned = new OemSegment(seg.Metadata, [], keep, []);
        Assert.True(thinned.TryCreateEphemeris(Scales, Frames, Frames.Gcrf, out var source, out var error), error);
        Assert.True(source.TryGetState(seg.States[3].Epoch.ToInstant(Scales.Utc), out var s));
        Assert.True((s.PositionKm - seg.States[3].StateKm.PositionKm).Norm < 2e-3, $"{(s.PositionKm - seg.States[3].StateKm.PositionKm).Norm} km");
    }

    [Fact]
    public void The_opm_gives_state_keplerian_elements_and_manoeuvres()
    {
        var opm = OpmReader.Read(Text("opm", "OPMExample2.txt"), "opm2").GetOrThrow();
        Assert.Equal("EUTELSAT W4", opm.ObjectName);
        Assert.Equal("TOD", opm.RefFrame);
        Assert.Equal(-40218.5751, opm.StateKm.PositionKm.Y);
        Assert.Equal(41399.5123, opm.Keplerian!.SemiMajorAxisKm);
        Assert.Equal(41.922339, opm.Keplerian.TrueAnomalyDeg);
        Assert.Equal(2, opm.Maneuvers.Count);
        Assert.Equal("RTN", opm.Maneuvers[1].RefFrame);
        Assert.Equal(-0.001873, opm.Maneuvers[1].DeltaVKmS.Y);
        Assert.Equal(1913.0, opm.MassKg);
        // TOD -> GCRF with the foundation's frames preserves the radius.
        Assert.True(opm.TryGetState(Scales, Frames, Frames.Gcrf, out var gcrf, out var error), error);
        Assert.Equal(opm.StateKm.PositionKm.Norm, gcrf.PositionKm.Norm, 1e-8);
    }

    [Fact]
    public void The_ndm_wrapped_opm_and_the_xml_opm_carry_a_covariance()
    {
        var opm = OpmReader.Read(Text("ndm", "NDM-opm.xml"), "ndm").GetOrThrow();
        Assert.Equal("OSPREY 5", opm.ObjectName);
        Assert.Equal(0.316, opm.Covariance![0]);
        Assert.Equal(21, opm.Covariance.Count);
    }

    [Fact]
    public void The_tdm_gives_participants_and_time_tagged_observations()
    {
        var tdm = TdmReader.Read(Text("tdm", "TDMExample2.txt"), "tdm2").GetOrThrow();
        var seg = Assert.Single(tdm.Segments);
        Assert.Equal(["DSS-25", "yyyy-nnnA"], seg.Participants);
        Assert.Equal(7, seg.Observations.Count);
        Assert.Equal(new TdmObservation("RECEIVE_FREQ_1", new CcsdsEpoch(2005, 6, 8, 17, 41, 1, 0), -371.1568, 26), seg.Observations[2]);
        Assert.True(seg.TryGetInstant(seg.Observations[0], Scales, out var t, out _));
        Assert.Equal("2005-06-08T17:41:00.000Z", t.ToIsoString(Scales.Utc));
        var xml = TdmReader.Read(Text("tdm", "TDMExample2.xml"), "tdm2x").GetOrThrow();
        Assert.Equal(seg.Observations.Select(o => (o.Keyword, o.Epoch, o.Value)), xml.Segments[0].Observations.Select(o => (o.Keyword, o.Epoch, o.Value)));
    }

    [Fact]
    public void A_tdm_in_tcg_reads_but_its_epochs_are_not_converted()
    {
        var tdm = TdmReader.Read(Text("tdm", "TDM-inconsistent-time-systems.txt"), "tcg").GetOrThrow();
        Assert.Equal(["UTC", "TCG", "UTC"], tdm.Segments.Select(s => s.TimeSystem));
        var tcg = tdm.Segments[1];
        Assert.False(tcg.TryGetInstant(tcg.Observations[0], Scales, out _, out var error));
        Assert.Contains("TIME_SYSTEM: time system TCG is not supported", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2010-03-13T22:37:52.618", 2010, 3, 13, 22, 37, 52, 618_000_000L)]
    [InlineData("1996-353T12:00:00.331", 1996, 12, 18, 12, 0, 0, 331_000_000L)]
    [InlineData("2015-08-27T00:01:00.000000000Z", 2015, 8, 27, 0, 1, 0, 0L)]
    [InlineData("2020-02-29", 2020, 2, 29, 0, 0, 0, 0L)]
    [InlineData("0000-023T02:28:01", 0, 1, 23, 2, 28, 1, 0L)]
    public void Ccsds_epochs_parse_in_calendar_and_day_of_year_forms(string text, int y, int mo, int d, int h, int mi, int s, long ns)
    {
        Assert.True(CcsdsEpoch.TryParse(text, out var e));
        Assert.Equal(new CcsdsEpoch(y, mo, d, h, mi, s, ns), e);
        Assert.True(CcsdsEpoch.TryParse(e.ToString(), out var again));
        Assert.Equal(e, again);
    }

    [Theory]
    [InlineData("2010-04-31T22:37:52.618")]
    [InlineData("2019-02-29T00:00:00")]
    [InlineData("2010-366T00:00:00")]
    [InlineData("2010-03-13T24:00:00")]
    [InlineData("2010-03-13 22:37:52")]
    public void Impossible_epochs_are_refused(string text) => Assert.False(CcsdsEpoch.TryParse(text, out _));

    [Fact]
    public void Time_systems_resolve_to_the_foundation_scales_and_others_are_explicit_errors()
    {
        foreach (var name in (string[])["UTC", "TAI", "TT", "GPS", "UT1", "utc"])
            Assert.True(CcsdsTimeSystems.TryResolve(name, Scales, out _, out _), name);
        Assert.False(CcsdsTimeSystems.TryResolve("TDB", Scales, out _, out var e1));
        Assert.Contains("not supported", e1, StringComparison.Ordinal);
        Assert.False(CcsdsTimeSystems.TryResolve("WRONG", Scales, out _, out var e2));
        Assert.Contains("not a CCSDS time system", e2, StringComparison.Ordinal);
        // TT = TAI + 32.184 s at the same calendar reading.
        var e = new CcsdsEpoch(2020, 1, 1, 0, 0, 0, 0);
        Assert.Equal(32.184, e.ToInstant(Scales.Tai).SecondsSince(e.ToInstant(Scales.Tt)), 9);
    }

    [Fact]
    public void Frames_resolve_to_the_foundation_tree_and_others_are_explicit_errors()
    {
        Assert.True(CcsdsFrames.TryResolve("EME2000", "EARTH", Frames, out var f, out _));
        Assert.Same(Frames.Gcrf, f);
        Assert.True(CcsdsFrames.TryResolve("ITRF-97", "EARTH", Frames, out f, out _));
        Assert.Same(Frames.Itrf, f);
        Assert.True(CcsdsFrames.TryResolve("ITRF2014", null, Frames, out f, out _));
        Assert.Same(Frames.Itrf, f);
        Assert.False(CcsdsFrames.TryResolve("MCI", "MARS", Frames, out _, out var e));
        Assert.Contains("MARS", e, StringComparison.Ordinal);
        Assert.False(CcsdsFrames.TryResolve("RTN", "EARTH", Frames, out _, out e));
        Assert.Contains("not supported", e, StringComparison.Ordinal);
        Assert.False(CcsdsFrames.IsKnown("ZZRF"));
    }
}
