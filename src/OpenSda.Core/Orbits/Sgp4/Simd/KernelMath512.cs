// Math shared by the 512-bit SGP4 kernels, the source of KernelMath256.cs, which python3 scripts/gen-simd-kernels.py
// generates from it: edit this one, then run the script.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector512<double>;
using VX = System.Runtime.Intrinsics.Vector512;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// Vector math of <see cref="NearEarthKernel512"/> and <see cref="DeepSpaceKernel512"/> (imported there with
/// <c>using static</c>, inlined into their one-method kernels): reduced-range and full sin/cos, C's fmod(x, 2π), masks.
/// </summary>
internal static class KernelMath512
{
    internal const double TwoPi = 2.0 * Math.PI;

    /// <summary>True when no lane of the mask is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool None(V mask) => mask.AsUInt64() == Vector512<ulong>.Zero;

    internal const double TwoOverPi = 0.6366197723675814;
    internal const double RoundMagic = 6755399441055744.0; // 1.5·2^52
    internal const double P1 = 1.5707963267948966, P2 = 6.123233995736766e-17;
    internal const double ReductionBound = 1.0e9;
    internal const double S1 = -0.16666666666666666, S2 = 0.008333333333330925, S3 = -0.00019841269836722418,
        S4 = 2.755731608381636e-06, S5 = -2.5051127944014188e-08, S6 = 1.5917848524808262e-10;
    internal const double C1 = 0.041666666666666664, C2 = -0.0013888888888887382, C3 = 2.480158729874307e-05,
        C4 = -2.7557317260008837e-07, C5 = 2.0876143827993133e-09, C6 = -1.1382456778061306e-11;

    /// <summary>
    /// sin r, cos r for |r| ≤ π/4 (the polynomials of <see cref="SimdMath"/>, fitted on that interval; within
    /// about 1 ulp): sin r = r + r³·S(r²), cos r = 1 − r²/2 + r⁴·C(r²).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosKernel(V r, out V sin, out V cos)
    {
        var z = r * r;
        var ps = VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.Create(S6), z, VX.Create(S5)), z, VX.Create(S4)), z, VX.Create(S3)), z, VX.Create(S2)), z, VX.Create(S1));
        var pc = VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.Create(C6), z, VX.Create(C5)), z, VX.Create(C4)), z, VX.Create(C3)), z, VX.Create(C2)), z, VX.Create(C1));
        sin = VX.FusedMultiplyAdd(r * z, ps, r);
        cos = VX.FusedMultiplyAdd(z * z, pc, VX.FusedMultiplyAdd(VX.Create(-0.5), z, V.One));
    }

    /// <summary>
    /// sin x, cos x: k = round(x·2/π), r = x − k·π/2 with π/2 in two parts (Cody and Waite; the first product
    /// exact under FMA), <see cref="SinCosKernel"/> on r, quadrant k mod 4 (within 2 ulp of π/4 absolute for
    /// |x| ≤ 1e9; beyond, per lane by <see cref="Math.SinCos(double)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCos(V x, ref V rare, out V sin, out V cos)
    {
        var kd = VX.FusedMultiplyAdd(x, VX.Create(TwoOverPi), VX.Create(RoundMagic));
        var kf = kd - VX.Create(RoundMagic);
        var r = VX.FusedMultiplyAdd(-kf, VX.Create(P2), VX.FusedMultiplyAdd(-kf, VX.Create(P1), x));
        SinCosKernel(r, out var s, out var c);
        // Quadrant k mod 4 (low bits of kd): swap on odd k, negate sin for k = 2, 3 and cos for k = 1, 2.
        var ki = kd.AsInt64();
        var swap = VX.Equals(ki & VX.Create(1L), VX.Create(1L)).AsDouble();
        var negS = VX.ShiftLeft(ki & VX.Create(2L), 62).AsDouble();
        var negC = VX.ShiftLeft((ki + VX.Create(1L)) & VX.Create(2L), 62).AsDouble();
        sin = VX.ConditionalSelect(swap, c, s) ^ negS;
        cos = VX.ConditionalSelect(swap, s, c) ^ negC;
        rare |= VX.GreaterThan(VX.Abs(x), VX.Create(ReductionBound));
    }

    /// <summary>C's fmod(x, 2π) exactly (see <see cref="SimdMath.Fmod2Pi{V}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static V Fmod2Pi(V x, ref V rare)
    {
        var twoPi = VX.Create(TwoPi);
        var q = VX.Truncate(x * VX.Create(1.0 / TwoPi));
        var r = VX.FusedMultiplyAdd(-q, twoPi, x);
        // The estimate is right unless r left (−2π, 2π) or took the other sign than x (rare).
        rare |= VX.GreaterThanOrEqual(VX.Abs(r), twoPi) | VX.LessThan(r * x, V.Zero);
        return r;
    }
}
