using OpenSda.Orbits;
using OpenSda.Screening;
using OpenSda.Screening.Validation;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Screening.Tests;

/// <summary>
/// Leak-proofness on constructed encounters with exact two-body truth (TCA and miss known in closed
/// form), then the same geometries as SGP4 element sets against the dense reference screener.
/// </summary>
public sealed class SyntheticEncounterTests(ITestOutputHelper output)
{
    private const double Deg = Math.PI / 180;
    private static readonly JulianDate Start = JulianDate.FromCalendar(2024, 11, 1);

    private static ScreeningOptions Options(double hours, double d = 5.0) =>
        new() { StartUtc = Start, Duration = TimeSpan.FromHours(hours), ThresholdKm = d };

    private static double N(double a) => Math.Sqrt(OrbitBounds.MuKm3S2 / (a * a * a));

    /// <summary>
    /// Two circular orbits in the same plane, turning opposite ways (inclination i and 180° − i, nodes
    /// 180° apart), radii rA and rB, meeting (same direction from the Earth's centre) at tMeet. At each
    /// meeting the range is exactly |rA − rB| and the relative velocity is perpendicular to it.
    /// </summary>
    private static (KeplerOrbit A, KeplerOrbit B, double Period) CounterRotating(double rA, double rB, double tMeet, double incDeg = 45)
    {
        var nA = N(rA); var nB = N(rB);
        // A at angle nA·t from its node; B (param. u_B) sits at A-angle π − u_B.
        var a = new KeplerOrbit(rA, 0, incDeg * Deg, 0, 0, 0);
        var b = new KeplerOrbit(rB, 0, (180 - incDeg) * Deg, Math.PI, 0, Math.PI - (nA + nB) * tMeet);
        return (a, b, 2 * Math.PI / (nA + nB));
    }

    [Fact]
    public void Head_on_retrograde_pair_at_15_km_s_is_found_at_every_meeting_with_exact_TCA_and_miss()
    {
        var (a, b, period) = CounterRotating(7000, 7001, 1000);
        var input = KeplerPropagator.Input(a, b);
        var result = ScreeningEngine.Run(input, Options(6));
        var expected = Enumerable.Range(0, 20).Select(k => 1000 + k * period).Where(t => t < 6 * 3600).ToList();
        Assert.Equal(expected.Count, result.Events.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            var e = result.Events[k];
            Assert.InRange(e.TcaSecondsFromStart - expected[k], -1e-4, 1e-4); // 0.1 ms
            Assert.InRange(e.MissKm, 1.0 - 1e-6, 1.0 + 1e-6);                   // 1 mm
            Assert.InRange(e.RelativeSpeedKmS, 15.0, 15.2);
            Assert.InRange(Math.Abs(e.MissRtnKm.X), 1.0 - 1e-4, 1.0 + 1e-4);    // purely radial
        }
        output.WriteLine($"{result.Events.Count} events, v_rel {result.Events[0].RelativeSpeedKmS:F3} km/s");
    }

    [Fact]
    public void GTO_perigee_against_retrograde_LEO_closing_at_18_km_s_is_found()
    {
        const double rp = 6700, ra = 42164, tMeet = 2000;
        var aG = 0.5 * (rp + ra); var e = (ra - rp) / (ra + rp);
        var gto = new KeplerOrbit(aG, e, 45 * Deg, 0, 0, -N(aG) * tMeet); // perigee at tMeet, along (1,0,0)
        var rL = rp + 1.0;
        var leo = new KeplerOrbit(rL, 0, 135 * Deg, Math.PI, 0, Math.PI - N(rL) * tMeet);
        var input = KeplerPropagator.Input(gto, leo);
        var result = ScreeningEngine.Run(input, Options(2));
        var ev = Assert.Single(result.Events, x => Math.Abs(x.TcaSecondsFromStart - tMeet) < 1);
        Assert.InRange(ev.TcaSecondsFromStart, tMeet - 1e-4, tMeet + 1e-4);
        Assert.InRange(ev.MissKm, 1.0 - 1e-6, 1.0 + 1e-6);
        Assert.True(ev.RelativeSpeedKmS > 17.8, $"closing speed {ev.RelativeSpeedKmS}");
        output.WriteLine($"v_rel {ev.RelativeSpeedKmS:F3} km/s, TCA error {ev.TcaSecondsFromStart - tMeet:E2} s");
    }

    [Fact]
    public void Co_orbital_pair_at_7_m_s_is_found_at_every_node_and_flagged_slow()
    {
        // Same circle radius, planes 0.001 rad apart, both at the node at 500 s: range 2a·sin(δ/2)|sin u|.
        const double a = 7000, t0 = 500;
        var n = N(a);
        var o1 = new KeplerOrbit(a, 0, 51.6 * Deg, 0, 0, -n * t0);
        var o2 = new KeplerOrbit(a, 0, 51.6 * Deg + 0.001, 0, 0, -n * t0);
        var result = ScreeningEngine.Run(KeplerPropagator.Input(o1, o2), Options(12));
        var expected = Enumerable.Range(0, 30).Select(k => t0 + k * Math.PI / n).Where(t => t < 12 * 3600).ToList();
        Assert.Equal(expected.Count, result.Events.Count);
        foreach (var (e, t) in result.Events.Zip(expected))
        {
            Assert.InRange(e.TcaSecondsFromStart - t, -1e-3, 1e-3);
            Assert.True(e.MissKm < 1e-3, $"miss {e.MissKm}");
            Assert.True(e.IsLowRelativeSpeed);
            Assert.InRange(e.RelativeSpeedKmS, 0.0075, 0.0076);
        }
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(50.0)]
    public void Grazing_pass_exactly_at_the_threshold_is_in_and_just_beyond_it_is_out(double d)
    {
        var (a, b, _) = CounterRotating(7000, 7000 + d - 1e-6, 1000);
        var inside = ScreeningEngine.Run(KeplerPropagator.Input(a, b), Options(1, d));
        var ev = Assert.Single(inside.Events);
        Assert.InRange(ev.MissKm, d - 2e-6, d);
        var (a2, b2, _) = CounterRotating(7000, 7000 + d + 1e-6, 1000);
        var outside = ScreeningEngine.Run(KeplerPropagator.Input(a2, b2), Options(1, d));
        Assert.Empty(outside.Events);
    }

    [Fact]
    public void GEO_pair_crossing_at_the_nodes_matches_the_reference()
    {
        const double a = 42164.17;
        var o1 = new KeplerOrbit(a, 0, 0, 0, 0, 0.3);
        var o2 = new KeplerOrbit(a + 0.5, 0, 0.05 * Deg, 0, 0, 0.3);   // 2.7 m/s at the nodes
        var o3 = new KeplerOrbit(a + 0.2, 0, 8 * Deg, 0, 0, 0.3);       // inclined, 0.43 km/s at the nodes
        var input = KeplerPropagator.Input(o1, o2, o3);
        var result = ScreeningEngine.Run(input, Options(48));
        var reference = ReferenceScreener.Screen(input, 48 * 3600, 5.0, stepS: 5);
        EventComparison.AssertSame(input, result, reference, 5.0, 48 * 3600, output);
        Assert.True(result.Events.Count(e => e.IsLowRelativeSpeed) >= 2, "slow GEO node crossings");
        Assert.True(result.Events.Count(e => e.RelativeSpeedKmS > 0.4) >= 3, "inclined GEO crossings");
    }

    // ---- the same geometries as SGP4 element sets, against the dense reference

    private static MeanElements Elements(int id, double aKm, double e, double iDeg, double raanDeg, double argpDeg, double mDeg, JulianDate epoch) => new()
    {
        CatalogNumber = id,
        Name = $"SYN{id}",
        EpochUtc = epoch,
        MeanMotionRevPerDay = N(aKm) * 86400 / (2 * Math.PI),
        Eccentricity = e,
        InclinationDeg = iDeg,
        RaanDeg = raanDeg,
        ArgPerigeeDeg = argpDeg,
        MeanAnomalyDeg = mDeg,
        BStar = 1e-5,
    };

    [Fact]
    public void SGP4_synthetic_encounters_head_on_GTO_slow_and_GEO_all_match_the_reference()
    {
        var epoch = Start;
        var list = new List<MeanElements>();
        // Head-on counter-rotating LEO pairs at several phases (some cross within 5 km under SGP4).
        for (var k = 0; k < 12; k++)
        {
            list.Add(Elements(100 + 2 * k, 7000, 0.0005, 45, 0, 0, 30 * k, epoch));
            list.Add(Elements(101 + 2 * k, 7000.5 + 0.3 * k, 0.0005, 135, 180, 0, 180 - 30 * k, epoch));
        }
        // GTOs whose perigee sits on the LEO circles, near-retrograde.
        for (var k = 0; k < 6; k++)
            list.Add(Elements(200 + k, 24432, 0.7258, 135 - 0.01 * k, 180, 0, 60 * k, epoch));
        // Co-orbital, slightly different inclination (slow).
        list.Add(Elements(300, 6900, 0.0002, 51.6, 10, 0, 0, epoch));
        list.Add(Elements(301, 6900, 0.0002, 51.65, 10, 0, 0, epoch));
        // GEO: equatorial (deep space, near the 0.2 rad Lyddane switch for one of them) and an inclined drifter.
        list.Add(Elements(400, 42164.17, 0.0001, 0.02, 0, 0, 10, epoch));
        list.Add(Elements(401, 42164.5, 0.0001, 0.07, 0, 0, 10, epoch));
        list.Add(Elements(402, 42164.17, 0.0003, 11.46, 0, 0, 10, epoch));
        list.Add(Elements(403, 42160, 0.0003, 8, 0, 180, 190, epoch));
        var options = Options(24);
        var input = ConjunctionScreener.CreateInput(list, options);
        var result = ScreeningEngine.Run(input, options);
        var reference = ReferenceScreener.Screen(input, 24 * 3600, 5.0, stepS: 5);
        var report = EventComparison.AssertSame(input, result, reference, 5.0, 24 * 3600, output);
        Assert.True(report.Matched >= 10, $"only {report.Matched} events");
        Assert.True(result.Events.Any(e => e.RelativeSpeedKmS > 14), "a head-on SGP4 event");
        Assert.True(result.Events.Any(e => e.IsLowRelativeSpeed || e.RelativeSpeedKmS < 0.1), "a slow SGP4 event");
    }
}
