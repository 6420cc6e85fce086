using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Screening;
using OpenSda.Screening.Validation;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Screening.Tests;

/// <summary>
/// Screening with operator ephemerides standing in for element sets: an OEM sampled from a TLE's own SGP4
/// trajectory finds the TLE's events, and a manoeuvred ephemeris finds what the TLE cannot.
/// </summary>
public sealed class EphemerisScreeningTests(ITestOutputHelper output)
{
    private static readonly JulianDate Start = JulianDate.FromCalendar(2024, 11, 1);
    private static readonly TimeScales Scales = TimeScales.Bundled;
    private const int Iss = 25544;

    /// <summary>Objects whose perigee and apogee altitudes lie within 300–480 km (around the ISS), plus the ISS.</summary>
    private static List<MeanElements> Shell()
    {
        var list = Catalog20241101.Elements.Where(e =>
        {
            var (p, a) = Catalog20241101.Altitudes(e);
            return p > 300 && a < 480;
        }).ToList();
        Assert.Contains(list, e => e.CatalogNumber == Iss);
        return list;
    }

    private static ScreeningOptions Options(double hours, double d, IReadOnlyCollection<int>? primaries = null) =>
        new() { StartUtc = Start, Duration = TimeSpan.FromHours(hours), ThresholdKm = d, Primaries = primaries };

    private static Instant At(double seconds) => Instant.FromJulianDate(Start.AddDays(seconds / 86400.0), Scales.Utc);

    /// <summary>
    /// An OEM-like ephemeris: the element set's SGP4 TEME states every <paramref name="stepS"/> seconds, Lagrange degree 9.
    /// (Not Hermite: SGP4's velocities are not exactly the derivative of its positions, by up to ~1 m/s from the
    /// truncated short-period terms, and a Hermite fit that honours them wiggles by metres between the samples.)
    /// </summary>
    private static InterpolatedEphemeris Sampled(MeanElements el, double fromS, double toS, double stepS = 60)
    {
        var prop = new Sgp4ScreeningPropagator([el], Start);
        var times = new List<Instant>();
        var states = new List<StateVector>();
        for (var t = fromS; t <= toS + 1e-9; t += stepS)
        {
            Assert.Equal(0, prop.Propagate(0, t, out var r, out var v));
            times.Add(At(t));
            states.Add(new StateVector(r, v));
        }
        return new InterpolatedEphemeris(times, states, EphemerisInterpolation.Lagrange, 9);
    }

    /// <summary>A two-body ephemeris through <paramref name="atTca"/> at <paramref name="tcaS"/>, sampled every 60 s.</summary>
    private static InterpolatedEphemeris Kepler(StateVector atTca, double tcaS, double fromS, double toS, double stepS = 60)
    {
        var times = new List<Instant>();
        var states = new List<StateVector>();
        for (var t = fromS; t <= toS + 1e-9; t += stepS)
        {
            times.Add(At(t));
            states.Add(KeplerContinuation.Propagate(atTca, t - tcaS));
        }
        return new InterpolatedEphemeris(times, states, EphemerisInterpolation.Hermite, 7);
    }

    [Fact]
    public void An_OEM_sampled_from_a_TLE_finds_the_TLE_events_within_a_few_metres()
    {
        const double hours = 24, d = 20;
        var shell = Shell();
        var iss = shell.Single(e => e.CatalogNumber == Iss);
        var options = Options(hours, d, [Iss]);
        var tle = ConjunctionScreener.Screen(shell, options);
        Assert.NotEmpty(tle.Events);

        var oem = new EphemerisObject(Iss, "ISS (ZARYA)", "1998-067A", Sampled(iss, -3600, hours * 3600 + 3600));
        // With the TLE still in the catalog (the OEM replaces it over its span) and without it (OEM only).
        var withTle = ConjunctionScreener.Screen(shell, [oem], Scales, options);
        var oemOnly = ConjunctionScreener.Screen(shell.Where(e => e.CatalogNumber != Iss).ToList(), [oem], Scales, options);
        foreach (var r in new[] { withTle, oemOnly })
        {
            // The OEM also meets the ISS's docked vehicles, whose element sets put them within a few kilometres of the
            // ISS all day (the TLE run reports them as co-located or as slow minima): range ≈ constant, relative
            // speed < 10 m/s, so their minima are ill-defined. Those are flagged low-speed; every other event must match.
            Assert.All(r.Events.Where(e => e.IsLowRelativeSpeed), e => Assert.InRange(e.MissKm, 0, 2.0));
            var fast = r.Events.Where(e => !e.IsLowRelativeSpeed).ToList();
            var expected = tle.Events.Where(e => !e.IsLowRelativeSpeed).ToList();
            Assert.Equal(expected.Count, fast.Count);
            for (var k = 0; k < expected.Count; k++)
            {
                var a = expected[k]; var b = fast[k];
                Assert.Equal((a.Primary.CatalogNumber, a.Secondary.CatalogNumber), (b.Primary.CatalogNumber, b.Secondary.CatalogNumber));
                Assert.InRange(Math.Abs(a.MissKm - b.MissKm), 0, 0.005);                         // 5 m
                Assert.InRange(Math.Abs(a.TcaSecondsFromStart - b.TcaSecondsFromStart), 0, 0.01); // 10 ms
            }
            Assert.Equal(0, r.Statistics.OrbitFilterBandViolations);
        }
        output.WriteLine($"{tle.Events.Count} ISS events under {d} km in {hours} h; closest {tle.Events.Min(e => e.MissKm):F3} km");
    }

    [Fact]
    public void The_composite_input_agrees_with_the_dense_reference_screener()
    {
        const double hours = 6, d = 20;
        var shell = Shell().Take(300).ToList();
        var some = shell.Where((_, i) => i % 10 == 0).ToList();
        var ephs = some.Select(e => new EphemerisObject(e.CatalogNumber, e.Name, e.InternationalDesignator, Sampled(e, -600, hours * 3600 + 600, 120))).ToList();
        var options = Options(hours, d);
        var input = ConjunctionScreener.CreateInput(shell, ephs, Scales, options);
        // Lagrange-interpolated SGP4 samples stay within the engine's own chord bound: no extra allowance.
        Assert.All(ephs, e => Assert.Empty(input.DeviationAllowances![shell.FindIndex(x => x.CatalogNumber == e.CatalogNumber)]!));
        var result = ScreeningEngine.Run(input, options);
        var reference = ReferenceScreener.Screen(input, hours * 3600, d);
        EventComparison.AssertSame(input, result, reference, d, hours * 3600, output);
    }

    [Fact]
    public void A_manoeuvred_ephemeris_finds_an_event_its_TLE_does_not()
    {
        // The ISS is the other object; the operator's object (a GEO satellite by its TLE) reports an ephemeris of
        // a low orbit that crosses the ISS's path 200 m away at t = 5 h, in a plane tilted 10° from the ISS's.
        const double hours = 12, tca = 5 * 3600.0;
        var shell = Shell();
        var geo = Catalog20241101.Elements.First(e => Catalog20241101.Altitudes(e).Perigee > 35000);
        var catalog = shell.Append(geo).ToList();
        var issProp = new Sgp4ScreeningPropagator([shell.Single(e => e.CatalogNumber == Iss)], Start);
        issProp.Propagate(0, tca, out var r, out var v);
        var rHat = r.Unit;
        var tilt = 10 * Math.PI / 180;
        // Rotate the velocity about the radial direction (Rodrigues) and offset the position 200 m radially.
        var vRot = v * Math.Cos(tilt) + Vec3.Cross(rHat, v) * Math.Sin(tilt) + rHat * Vec3.Dot(rHat, v) * (1 - Math.Cos(tilt));
        var manoeuvred = new StateVector(r + 0.2 * rHat, vRot);
        var options = Options(hours, 5, [geo.CatalogNumber]);

        var tle = ConjunctionScreener.Screen(catalog, options);
        Assert.DoesNotContain(tle.Events, e => e.Primary.CatalogNumber == geo.CatalogNumber && e.Secondary.CatalogNumber == Iss);

        var oem = new EphemerisObject(geo.CatalogNumber, geo.Name, geo.InternationalDesignator, Kepler(manoeuvred, tca, 0, hours * 3600));
        var withOem = ConjunctionScreener.Screen(catalog, [oem], Scales, options);
        var hit = Assert.Single(withOem.Events, e => e.Secondary.CatalogNumber == Iss);
        Assert.InRange(hit.TcaSecondsFromStart, tca - 2, tca + 2);
        Assert.InRange(hit.MissKm, 0.0, 0.25);
        Assert.InRange(hit.RelativeSpeedKmS, 1.0, 1.6); // 2 v sin(5°) ≈ 1.34 km/s
        output.WriteLine($"OEM event: {hit.MissKm * 1000:F1} m at {hit.TcaSecondsFromStart:F2} s, {hit.RelativeSpeedKmS:F3} km/s");

        // An element set SGP4 cannot initialise does not take the object out: its ephemeris stands alone.
        var broken = catalog.Select(e => e.CatalogNumber == geo.CatalogNumber ? e with { Eccentricity = 1.5 } : e).ToList();
        var withBroken = ConjunctionScreener.Screen(broken, [oem], Scales, options);
        Assert.Single(withBroken.Events, e => e.Secondary.CatalogNumber == Iss);
        Assert.DoesNotContain(withBroken.Diagnostics.ErroredObjects, o => o.Object.CatalogNumber == geo.CatalogNumber);

        // Ephemeris ends before the crossing and the TLE is a GEO orbit: nothing is screened near the ISS then.
        var shortOem = oem with { Teme = Kepler(manoeuvred, tca, 0, tca - 3600) };
        var early = ConjunctionScreener.Screen(catalog, [shortOem], Scales, options);
        Assert.DoesNotContain(early.Events, e => e.Secondary.CatalogNumber == Iss);
        // Ephemeris-only (no TLE) ending before the crossing: the Kepler continuation is not screened either.
        var alone = ConjunctionScreener.Screen(shell, [shortOem], Scales, options);
        Assert.DoesNotContain(alone.Events, e => e.Primary.CatalogNumber == geo.CatalogNumber || e.Secondary.CatalogNumber == geo.CatalogNumber);
    }

    [Fact]
    public void Kepler_continuation_returns_to_the_start_after_a_period_and_conserves_energy()
    {
        var s0 = new StateVector(new Vec3(7000, 100, -50), new Vec3(0.5, 6.9, 3.1));
        var mu = OrbitBounds.MuKm3S2;
        double Energy(StateVector s) => 0.5 * Vec3.Dot(s.VelocityKmS, s.VelocityKmS) - mu / s.PositionKm.Norm;
        var a = -mu / (2 * Energy(s0));
        var period = 2 * Math.PI * Math.Sqrt(a * a * a / mu);
        var s1 = KeplerContinuation.Propagate(s0, period);
        Assert.InRange((s1.PositionKm - s0.PositionKm).Norm, 0, 1e-6);
        foreach (var dt in new[] { 100.0, -2345.0, 40000.0 })
        {
            var s = KeplerContinuation.Propagate(s0, dt);
            Assert.InRange(Math.Abs(Energy(s) - Energy(s0)), 0, 1e-9);   // km²/s²
            var back = KeplerContinuation.Propagate(s, -dt);
            Assert.InRange((back.PositionKm - s0.PositionKm).Norm, 0, 1e-6); // 1 mm
        }
    }
}
