using OpenSda.Orbits.Sgp4;
using OpenSda.Orbits.Sgp4.Simd;

namespace OpenSda.Core.Tests.Sgp4.Simd;

/// <summary>
/// The vector elementary functions against the C library (glibc's sin, cos, atan2 are correctly rounded in
/// practice) and the scalar kernel's fmod: sin/cos within 1 ulp, atan2 within 2 ulp, fmod(x, 2π) bit for bit,
/// at every lane type.
/// </summary>
public class SimdMathTests
{
    private static long Ulps(double a, double b)
    {
        if (a.Equals(b)) return 0;
        long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
        if ((ia < 0) != (ib < 0)) return (ia & long.MaxValue) + (ib & long.MaxValue);
        return Math.Abs(ia - ib);
    }

    private static void Check<V>(int seed) where V : unmanaged, ISimdDouble<V>
    {
        var rng = new Random(seed);
        var n = V.Extent;
        double[] a = new double[n], b = new double[n], s = new double[n], c = new double[n], at = new double[n], f = new double[n];
        foreach (var range in new[] { 1e-3, Math.PI / 4, Math.PI, 100.0, 1e4, 1e6, 1e12 })
        {
            for (var rep = 0; rep < 2000; rep++)
            {
                for (var i = 0; i < n; i++)
                {
                    a[i] = (rng.NextDouble() * 2 - 1) * range;
                    b[i] = (rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 4));
                }
                SimdMath.EvaluateForTest<V>(a, b, s, c, at, f);
                for (var lane = 0; lane < V.Count; lane++)
                {
                    var i = V.LaneOffset(lane);
                    Assert.True(Ulps(s[i], Math.Sin(a[i])) <= 1, $"sin({a[i]:R}) = {s[i]:R}, libm {Math.Sin(a[i]):R}");
                    Assert.True(Ulps(c[i], Math.Cos(a[i])) <= 1, $"cos({a[i]:R}) = {c[i]:R}, libm {Math.Cos(a[i]):R}");
                    Assert.True(Ulps(at[i], Math.Atan2(b[i], a[i])) <= 2, $"atan2({b[i]:R}, {a[i]:R}) = {at[i]:R}, libm {Math.Atan2(b[i], a[i]):R}");
                    Assert.True(f[i].Equals(Sgp4Record.Fmod2Pi(a[i])), $"fmod({a[i]:R}, 2pi) = {f[i]:R}, scalar {Sgp4Record.Fmod2Pi(a[i]):R}");
                }
            }
        }
    }

    [Fact]
    public void Sine_and_cosine_are_within_one_ulp_and_atan2_within_two_at_512_bits() => Check<Lanes8>(1);

    [Fact]
    public void Sine_and_cosine_are_within_one_ulp_and_atan2_within_two_at_256_bits() => Check<Lanes4>(2);

    [Fact]
    public void Paired_lanes_give_the_same_results()
    {
        Check<Lanes8Pair>(3);
        Check<Lanes4Pair>(4);
    }

    [Fact]
    public void Atan2_keeps_signed_zeros_and_axes_like_Math_Atan2()
    {
        double[] values = [0.0, -0.0, 1.0, -1.0, 3.5e-300, double.NaN];
        double[] y = new double[8], x = new double[8], r = new double[8], junk = new double[8];
        foreach (var yy in values)
        foreach (var xx in values)
        {
            Array.Fill(y, yy);
            Array.Fill(x, xx);
            SimdMath.EvaluateForTest<Lanes8>(x, y, junk, junk, r, junk);
            Assert.True(Ulps(r[0], Math.Atan2(yy, xx)) <= 1, $"atan2({yy}, {xx}) = {r[0]:R}, Math {Math.Atan2(yy, xx):R}");
        }
    }
}
