using OpenSda.Mathematics;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Screening.Probability;
using OpenSda.Screening.Reporting;
using OpenSda.Time;

namespace OpenSda.Screening.Tests.Reporting;

/// <summary>Provided covariances (OEM covariance blocks) interpolated to TCA for the Pc of screening events.</summary>
public sealed class CovarianceHistoryTests
{
    private static readonly TimeScales Scales = TimeScales.Bundled;
    private static readonly Instant T0 = Instant.FromCalendar(2024, 11, 1, 0, 0, 0, Scales.Utc);
    private const double RadiusKm = 6778, RateRadS = 0.0011344;

    /// <summary>A circular equatorial orbit sampled every 60 s for an hour (exact states, any frame).</summary>
    private static readonly InterpolatedEphemeris Circle = new(
        [.. Enumerable.Range(0, 61).Select(k => T0 + TimeSpan.FromSeconds(60 * k))],
        [.. Enumerable.Range(0, 61).Select(k => State(60.0 * k))], EphemerisInterpolation.Lagrange, 7);

    private static StateVector State(double t) => new(
        new Vec3(RadiusKm * Math.Cos(RateRadS * t), RadiusKm * Math.Sin(RateRadS * t), 0),
        new Vec3(-RadiusKm * RateRadS * Math.Sin(RateRadS * t), RadiusKm * RateRadS * Math.Cos(RateRadS * t), 0));

    private static double[,] Diagonal(params double[] d)
    {
        var a = new double[6, 6];
        for (var i = 0; i < 6; i++) a[i, i] = d[i];
        return a;
    }

    [Fact]
    public void Between_two_rtn_blocks_the_covariance_is_interpolated_linearly_in_rtn()
    {
        var h = new CovarianceHistory(
        [
            (T0, Diagonal(1, 4, 1, 1e-6, 1e-6, 1e-6), true),
            (T0 + TimeSpan.FromMinutes(20), Diagonal(1, 16, 1, 1e-6, 1e-6, 1e-6), true),
        ], Circle);
        var t = T0 + TimeSpan.FromMinutes(10);
        var s = State(600);
        var eci = h.At(t, s)!;
        Assert.Equal(CovarianceFrame.Eci, eci.Frame);
        Assert.Equal(CovarianceSource.Provided, eci.Source);
        var rtn = eci.ToRtn(s).ValuesM; // metres: km² × 1e6
        Assert.Equal(1e6, rtn[0, 0], 1e-6);
        Assert.Equal(10e6, rtn[1, 1], 1e-6); // halfway between 4 and 16 km²
        Assert.Equal(1e6, rtn[2, 2], 1e-6);
        Assert.Equal(0, rtn[0, 1], 1e-6);
    }

    [Fact]
    public void At_a_block_epoch_an_inertial_block_comes_back_unchanged()
    {
        var p = Diagonal(4, 1, 9, 1e-6, 2e-6, 3e-6);
        p[0, 1] = p[1, 0] = 0.5;
        var t1 = T0 + TimeSpan.FromMinutes(5);
        var h = new CovarianceHistory([(t1, p, false), (T0 + TimeSpan.FromMinutes(30), p, false)], Circle);
        var back = h.At(t1, State(300))!.ValuesM;
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(p[i, j] * 1e6, back[i, j], 1e-6 * Math.Max(1, Math.Abs(p[i, j] * 1e6)));
    }

    [Fact]
    public void Outside_the_blocks_span_there_is_no_provided_covariance()
    {
        var h = new CovarianceHistory([(T0 + TimeSpan.FromMinutes(10), Diagonal(1, 1, 1, 1, 1, 1), true), (T0 + TimeSpan.FromMinutes(20), Diagonal(1, 1, 1, 1, 1, 1), true)], Circle);
        Assert.Null(h.At(T0 + TimeSpan.FromMinutes(5), State(300)));
        Assert.Null(h.At(T0 + TimeSpan.FromMinutes(25), State(1500)));
        var single = new CovarianceHistory([(T0 + TimeSpan.FromMinutes(10), Diagonal(1, 1, 1, 1, 1, 1), true)], Circle);
        Assert.NotNull(single.At(T0 + TimeSpan.FromSeconds(630), State(630)));
        Assert.Null(single.At(T0 + TimeSpan.FromSeconds(700), State(700)));
    }

    [Fact]
    public void An_event_uses_the_provided_covariance_where_known_and_says_mixed()
    {
        var e = new ConjunctionEvent
        {
            Primary = new ScreenedObject(1, "SAT", "2020-001A", JulianDate.FromCalendar(2024, 10, 31)),
            Secondary = new ScreenedObject(2, "SAT DEB", "2020-001B", JulianDate.FromCalendar(2024, 10, 30)),
            TcaUtc = JulianDate.FromCalendar(2024, 11, 1),
            TcaSecondsFromStart = 0,
            MissKm = 0.1,
            RelativeSpeedKmS = 10,
            MissRtnKm = new Vec3(0, 0, 0.1),
            PrimaryElementAgeDays = 1,
            SecondaryElementAgeDays = 2,
            PrimaryTeme = State(0),
            SecondaryTeme = new StateVector(State(0).PositionKm + new Vec3(0, 0, 0.1), new Vec3(0, 0, 7.7)),
        };
        var small = Diagonal(1e-6, 1e-6, 1e-6, 1e-12, 1e-12, 1e-12); // 1 m sigma
        Func<int, JulianDate, StateVector, StateCovariance?> provided = (n, _, _) => n == 1 ? StateCovariance.FromKilometers(small, CovarianceFrame.Rtn) : null;
        var withDefault = EventProbability.ToConjunction(e, 10);
        var withProvided = EventProbability.ToConjunction(e, 10, provided);
        Assert.Equal("default", EventProbability.CovarianceLabel(withDefault));
        Assert.Equal("mixed", EventProbability.CovarianceLabel(withProvided));
        Assert.Equal(CovarianceSource.Provided, withProvided.Primary.Covariance!.Source);
        Assert.Equal(1.0, withProvided.Primary.Covariance.ToRtn(e.PrimaryTeme).ValuesM[0, 0], 1e-9);
        Assert.Same(withDefault.Secondary.Covariance!.GetType(), withProvided.Secondary.Covariance!.GetType());
        Assert.Equal("provided", EventProbability.CovarianceLabel(EventProbability.ToConjunction(e, 10, (_, _, _) => StateCovariance.FromKilometers(small, CovarianceFrame.Rtn))));
    }
}
