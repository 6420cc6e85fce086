using OpenSda.Mathematics;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Time;

namespace OpenSda.Core.Tests.Ephemeris;

public class InterpolatedEphemerisTests
{
    private const double Mu = 398600.4418; // km^3/s^2

    /// <summary>Two-body Keplerian state (closed form via Kepler's equation) for a LEO orbit: the reference truth.</summary>
    private static StateVector Kepler(double tSeconds, double a = 7000.0, double e = 0.01, double incDeg = 51.6)
    {
        var n = Math.Sqrt(Mu / (a * a * a));
        var m = n * tSeconds;
        var ea = m;
        for (var k = 0; k < 30; k++)
            ea -= (ea - e * Math.Sin(ea) - m) / (1 - e * Math.Cos(ea));
        var cosE = Math.Cos(ea);
        var sinE = Math.Sin(ea);
        var r = a * (1 - e * cosE);
        var xp = a * (cosE - e);
        var yp = a * Math.Sqrt(1 - e * e) * sinE;
        var edot = n / (1 - e * cosE);
        var vxp = -a * sinE * edot;
        var vyp = a * Math.Sqrt(1 - e * e) * cosE * edot;
        var i = incDeg * Math.PI / 180;
        _ = r;
        return new StateVector(
            new Vec3(xp, yp * Math.Cos(i), yp * Math.Sin(i)),
            new Vec3(vxp, vyp * Math.Cos(i), vyp * Math.Sin(i)));
    }

    private static InterpolatedEphemeris Sampled(EphemerisInterpolation method, int degree, double stepS, int count, Func<double, StateVector> f)
    {
        var times = Enumerable.Range(0, count).Select(k => Instant.Epoch.AddSeconds(k * stepS)).ToArray();
        var states = Enumerable.Range(0, count).Select(k => f(k * stepS)).ToArray();
        return new InterpolatedEphemeris(times, states, method, degree);
    }

    [Theory]
    [InlineData(EphemerisInterpolation.Hermite, 7, 60.0, 1e-6, 1e-9)]   // 4 samples, degree-7 osculating polynomial
    [InlineData(EphemerisInterpolation.Lagrange, 7, 60.0, 1e-6, 1e-9)]  // 8 samples
    [InlineData(EphemerisInterpolation.Lagrange, 5, 60.0, 1e-4, 1e-7)]
    [InlineData(EphemerisInterpolation.Hermite, 5, 60.0, 1e-4, 1e-6)]
    public void A_leo_orbit_sampled_every_minute_interpolates_to_within_the_stated_km(EphemerisInterpolation method, int degree, double stepS, double posTolKm, double velTolKmS)
    {
        var eph = Sampled(method, degree, stepS, 200, t => Kepler(t));
        double worstP = 0, worstV = 0;
        for (var t = 17.3; t < 199 * stepS; t += 97.1)
        {
            var s = eph.GetState(Instant.Epoch.AddSeconds(t));
            var truth = Kepler(Instant.Epoch.AddSeconds(t).SecondsSince(Instant.Epoch));
            worstP = Math.Max(worstP, (s.PositionKm - truth.PositionKm).Norm);
            worstV = Math.Max(worstV, (s.VelocityKmS - truth.VelocityKmS).Norm);
        }
        Assert.True(worstP < posTolKm, $"position error {worstP} km");
        Assert.True(worstV < velTolKmS, $"velocity error {worstV} km/s");
    }

    [Fact]
    public void Hermite_with_four_samples_reproduces_a_cubic_and_its_derivative_exactly()
    {
        // p(t) = 1 + 2t - 0.5t^2 + 0.01t^3 (degree 3 <= 2*2-1 with the two-sample minimum; degree 7 uses 4 samples)
        static StateVector Poly(double t) => new(
            new Vec3(1 + 2 * t - 0.5 * t * t + 0.01 * t * t * t, -t * t * t * 1e-3, 5),
            new Vec3(2 - t + 0.03 * t * t, -3e-3 * t * t, 0));
        var eph = Sampled(EphemerisInterpolation.Hermite, 7, 10.0, 12, Poly);
        for (var t = 0.5; t < 110; t += 3.7)
        {
            var s = eph.GetState(Instant.Epoch.AddSeconds(t));
            var truth = Poly(t);
            Assert.Equal(truth.PositionKm.X, s.PositionKm.X, 1e-9);
            Assert.Equal(truth.PositionKm.Y, s.PositionKm.Y, 1e-9);
            Assert.Equal(truth.VelocityKmS.X, s.VelocityKmS.X, 1e-9);
            Assert.Equal(truth.VelocityKmS.Y, s.VelocityKmS.Y, 1e-9);
        }
    }

    [Fact]
    public void Lagrange_of_degree_n_reproduces_polynomials_of_degree_n()
    {
        static StateVector Poly(double t) => new(new Vec3(t * t * t * t * t * 1e-12 - t, 2, t * t), new Vec3(5e-12 * t * t * t * t - 1, 0, 2 * t));
        var eph = Sampled(EphemerisInterpolation.Lagrange, 5, 30.0, 20, Poly);
        for (var t = 1.0; t < 570; t += 13.3)
        {
            var s = eph.GetState(Instant.Epoch.AddSeconds(t));
            Assert.Equal(Poly(t).PositionKm.X, s.PositionKm.X, 1e-8);
            Assert.Equal(Poly(t).VelocityKmS.Z, s.VelocityKmS.Z, 1e-10);
        }
    }

    [Fact]
    public void Samples_are_returned_exactly_and_times_outside_the_usable_span_are_refused()
    {
        var eph = Sampled(EphemerisInterpolation.Hermite, 7, 60.0, 10, t => Kepler(t));
        Assert.Equal(Kepler(120), eph.GetState(Instant.Epoch.AddSeconds(120)));
        Assert.False(eph.TryGetState(Instant.Epoch.AddSeconds(-1), out _));
        Assert.False(eph.TryGetState(Instant.Epoch.AddSeconds(541), out _));
        Assert.True(eph.TryGetState(Instant.Epoch.AddSeconds(540), out _));
    }

    [Fact]
    public void A_later_segment_wins_where_segments_touch()
    {
        var a = Sampled(EphemerisInterpolation.Linear, 1, 60.0, 3, _ => new StateVector(new Vec3(1, 0, 0), Vec3.Zero));
        var times = new[] { Instant.Epoch.AddSeconds(120), Instant.Epoch.AddSeconds(180) };
        var b = new InterpolatedEphemeris(times, [new StateVector(new Vec3(2, 0, 0), Vec3.Zero), new StateVector(new Vec3(2, 0, 0), Vec3.Zero)], EphemerisInterpolation.Linear, 1);
        var both = new SegmentedEphemeris([a, b]);
        Assert.True(both.TryGetState(Instant.Epoch.AddSeconds(120), out var s));
        Assert.Equal(2.0, s.PositionKm.X);
        Assert.True(both.TryGetState(Instant.Epoch.AddSeconds(60), out s));
        Assert.Equal(1.0, s.PositionKm.X);
        Assert.Equal(Instant.Epoch, both.UsableStart);
        Assert.Equal(Instant.Epoch.AddSeconds(180), both.UsableStop);
    }
}
