using OpenSda.Mathematics;
using OpenSda.Screening.Probability;

namespace OpenSda.Screening.Tests.Probability;

/// <summary>Laws the Pc methods must obey, on random LEO-like geometries (fixed seed).</summary>
public class PropertyTests
{
    private static IEnumerable<Conjunction> RandomConjunctions(int n, int seed)
    {
        var rng = new Random(seed);
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        for (var i = 0; i < n; i++)
        {
            var r1 = new Vec3(U(-7000, 7000), U(-7000, 7000), U(-7000, 7000)).Unit * 7000;
            var v1 = Vec3.Cross(r1, new Vec3(U(-1, 1), U(-1, 1), U(-1, 1))).Unit * 7.5;
            var v2 = Vec3.Cross(r1, new Vec3(U(-1, 1), U(-1, 1), U(-1, 1))).Unit * 7.5;
            var miss = new Vec3(U(-1, 1), U(-1, 1), U(-1, 1)) * U(0.01, 1.0);
            StateCovariance Cov() => StateCovariance.PositionOnly(
                new Mat3(Math.Pow(U(5, 100), 2), 0, 0, 0, Math.Pow(U(20, 1000), 2), 0, 0, 0, Math.Pow(U(5, 100), 2)), CovarianceFrame.Rtn);
            yield return new Conjunction(
                new ConjunctionObject(new StateVector(r1, v1), Cov()),
                new ConjunctionObject(new StateVector(r1 + miss, v2), Cov()),
                U(2, 30));
        }
    }

    [Fact]
    public void Pc_is_symmetric_in_swapping_the_objects()
    {
        foreach (var c in RandomConjunctions(200, 1))
        {
            var a = Foster1992.Compute(c).Pc;
            var b = Foster1992.Compute(c.Swapped()).Pc;
            Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(a, 1e-300) || a == b, $"{a} vs {b}");
            var ca = Chan1997.Compute(c).Pc;
            var cb = Chan1997.Compute(c.Swapped()).Pc;
            Assert.True(Math.Abs(ca - cb) <= 1e-12 * Math.Max(ca, 1e-300) || ca == cb);
        }
    }

    [Fact]
    public void Chan_agrees_with_the_exact_integral_when_HBR_is_small_against_the_sigmas()
    {
        var rng = new Random(2);
        for (var i = 0; i < 500; i++)
        {
            var sx = 50 + 500 * rng.NextDouble();
            var sz = sx * (0.3 + 0.7 * rng.NextDouble());
            var xm = 3 * sx * rng.NextDouble();
            var zm = 3 * sz * rng.NextDouble();
            var hbr = 0.01 * sz * (0.1 + rng.NextDouble());
            var exact = Foster1992.Circle(xm, zm, sx, sz, hbr);
            var chan = Chan1997.Series(xm, zm, sx, sz, hbr, 0);
            Assert.True(Math.Abs(chan - exact) <= 2e-3 * exact, $"chan {chan} exact {exact}");
        }
    }

    [Fact]
    public void Pc_is_monotone_in_the_hard_body_radius()
    {
        foreach (var c in RandomConjunctions(50, 3))
        {
            var prev = 0.0;
            foreach (var h in new[] { 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 })
            {
                var pc = Foster1992.Compute(c.WithHardBodyRadius(h)).Pc;
                Assert.True(pc >= prev * (1 - 1e-12), $"HBR {h}: {pc} < {prev}");
                prev = pc;
            }
        }
    }

    [Fact]
    public void Maximum_Pc_is_at_least_Pc2D_for_the_same_geometry()
    {
        foreach (var c in RandomConjunctions(60, 4))
        {
            var pc = Foster1992.Compute(c).Pc;
            Assert.True(MaximumPc.Compute(c).Pc >= pc * (1 - 1e-9), "dilution max");
            var noCov = c with { Primary = c.Primary with { Covariance = null }, Secondary = c.Secondary with { Covariance = null } };
            Assert.True(MaximumPc.Compute(noCov).Pc >= pc * (1 - 1e-9), "Alfano max");
            var oneCov = c with { Secondary = c.Secondary with { Covariance = null } };
            Assert.True(MaximumPc.Frisbee2015(oneCov) >= Foster1992.Compute(oneCov, new Pc2DOptions { AdjustTca = false }).Pc * (1 - 1e-9), "Frisbee max");
        }
    }

    [Fact]
    public void Fast_quadrature_agrees_with_the_adaptive_integral()
    {
        var rng = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var sx = 10 + 1000 * rng.NextDouble();
            var sz = sx * (0.05 + 0.95 * rng.NextDouble());
            var xm = 4 * sx * rng.NextDouble();
            var zm = 4 * sz * rng.NextDouble();
            var hbr = sz * 6 * rng.NextDouble();
            var fast = Foster1992.Circle(xm, zm, sx, sz, hbr);
            var gc = Foster1992.CircleAdaptive(xm, zm, sx, sz, hbr);
            Assert.True(Math.Abs(fast - gc) <= 1e-10 * gc, $"{fast} vs {gc} ({xm},{zm},{sx},{sz},{hbr})");
        }
    }

    /// <summary>
    /// The order tiers of the trapezoid rule (chosen from the smoothness measure k) on cases independent of the
    /// calibration set: log-uniform HBR/σz over 1e-3…10 and σz/σx over 1e-3…1, miss up to 5σ.
    /// </summary>
    [Fact]
    public void Tiered_trapezoid_rule_agrees_with_the_adaptive_integral_to_1e_11_over_log_uniform_geometries()
    {
        var rng = new Random(11);
        for (var i = 0; i < 5000; i++)
        {
            var sx = 10 + 1000 * rng.NextDouble();
            var sz = sx * Math.Pow(10, -3 * rng.NextDouble());
            var xm = 5 * sx * rng.NextDouble();
            var zm = 5 * sz * rng.NextDouble();
            var hbr = sz * Math.Pow(10, -3 + 4 * rng.NextDouble());
            var exact = Foster1992.CircleAdaptive(xm, zm, sx, sz, hbr);
            var fast = Foster1992.Circle(xm, zm, sx, sz, hbr);
            Assert.True(Math.Abs(fast - exact) <= 1e-11 * exact, $"{fast} vs {exact} ({xm},{zm},{sx},{sz},{hbr})");
        }
    }

    [Fact]
    public void Erfcx_matches_the_reference_series_and_continued_fraction_to_5e_14()
    {
        for (var x = 0.0; x < 30; x += 0.0137)
        {
            var a = SpecialFunctions.Erfcx(x);
            var b = SpecialFunctions.ErfcxReference(x);
            Assert.True(Math.Abs(a - b) <= 5e-14 * b, $"x={x}: {a} vs {b}");
        }
    }

    [Fact]
    public void Monte_Carlo_interval_contains_the_2D_Pc_for_a_position_only_case()
    {
        var c = RandomConjunctions(1, 6).First().WithHardBodyRadius(200);
        var pc = Foster1992.Compute(c, new Pc2DOptions { AdjustTca = false }).Pc;
        var mc = MonteCarloPc.Compute(c, 400_000, 3);
        Assert.InRange(pc, mc.Lower95!.Value * 0.98, mc.Upper95!.Value * 1.02);
        Assert.Equal(mc.Pc, MonteCarloPc.Compute(c, 400_000, 3).Pc);
    }

    [Fact]
    public void Dispatcher_knows_every_method_name()
    {
        var c = RandomConjunctions(1, 7).First();
        foreach (var m in PcMethodNames.All)
            Assert.Equal(m, CollisionProbability.Compute(c, m, new PcOptions { MonteCarloSamples = 1000 }).Method);
        Assert.Throws<ArgumentException>(() => CollisionProbability.Compute(c, "bogus"));
    }

    [Fact]
    public void Default_covariance_results_are_marked()
    {
        var c = RandomConjunctions(1, 8).First();
        var d = c with { Primary = c.Primary with { Covariance = DefaultCovarianceModel.For(ObjectKind.Debris, 2, c.Primary.StateEci) } };
        var r = Foster1992.Compute(d);
        Assert.True(r.UsesDefaultCovariance);
        Assert.True(DefaultCovarianceModel.SigmasRtnM(ObjectKind.Payload, 3).Y > DefaultCovarianceModel.SigmasRtnM(ObjectKind.Payload, 0).Y);
    }
}
