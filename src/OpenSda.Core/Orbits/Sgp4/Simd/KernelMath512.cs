// Math shared by the 512-bit SGP4 kernels, the source of KernelMath256.cs, which python3 scripts/gen-simd-kernels.py
// generates from it: edit this one, then run the script.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Doubles per call site in <see cref="Site"/>'s table.</summary>
    private const int SiteStride = 24;
    private const int Sites = 16;
    private static readonly unsafe double* Table = BuildTable();

    /// <summary>
    /// The coefficients of <see cref="SinCosKernel"/> and <see cref="SinCos"/>, one copy per call site
    /// (<paramref name="site"/> 0–15, each call site of a kernel its own). Constants written inline are shared by
    /// every inlined copy: the JIT then keeps each in a register for the whole kernel (a dozen of the 32), and the
    /// kernel's own values go to the stack. Read from a copy per site, each is used once, as a memory operand.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe double* Site(int site) => Table + site * SiteStride;

    private static unsafe double* BuildTable()
    {
        var t = (double*)NativeMemory.AlignedAlloc(Sites * SiteStride * sizeof(double), 64);
        for (var i = 0; i < Sites; i++)
        {
            var p = t + i * SiteStride;
            p[0] = S1; p[1] = S2; p[2] = S3; p[3] = S4; p[4] = S5; p[5] = S6;
            p[6] = C1; p[7] = C2; p[8] = C3; p[9] = C4; p[10] = C5; p[11] = C6;
            p[12] = -0.5; p[13] = TwoOverPi; p[14] = RoundMagic; p[15] = P1; p[16] = P2;
            ((long*)p)[17] = 1L; ((long*)p)[18] = 2L;
            p[19] = -1.0 / 6.0; p[20] = 1.0 / 120.0; p[21] = 1.0 / 24.0; p[22] = -1.0 / 720.0;
        }
        return t;
    }

    /// <summary>
    /// sin r, cos r for |r| ≤ π/4 (the polynomials of <see cref="SimdMath"/>, fitted on that interval; within
    /// about 1 ulp): sin r = r + r³·S(r²), cos r = 1 − r²/2 + r⁴·C(r²); coefficients from <paramref name="k"/>, a
    /// <see cref="Site"/>. Returned as a pair, not through out parameters: an out argument makes the JIT keep its
    /// local in memory (a store and a reload per use).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe (V Sin, V Cos) SinCosKernel(V r, double* k)
    {
        var z = r * r;
        var ps = VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.Create(k[5]), z, VX.Create(k[4])), z, VX.Create(k[3])), z, VX.Create(k[2])), z, VX.Create(k[1])), z, VX.Create(k[0]));
        var pc = VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.FusedMultiplyAdd(VX.Create(k[11]), z, VX.Create(k[10])), z, VX.Create(k[9])), z, VX.Create(k[8])), z, VX.Create(k[7])), z, VX.Create(k[6]));
        return (VX.FusedMultiplyAdd(r * z, ps, r), VX.FusedMultiplyAdd(z * z, pc, VX.FusedMultiplyAdd(VX.Create(k[12]), z, V.One)));
    }

    /// <summary>Largest |r| for <see cref="SinCosSmall"/>.</summary>
    internal const double SmallAngle = 0.01;

    /// <summary>
    /// sin r, cos r for |r| ≤ <see cref="SmallAngle"/> (the short-period corrections, Newton's last steps): Taylor's
    /// series to r⁵ and r⁶, whose first terms left out (r⁷/5040, r⁸/40320) are below 2e-16·|sin r| and 3e-21 there.
    /// Half the operations of <see cref="SinCosKernel"/>. Coefficients from <paramref name="k"/>, a <see cref="Site"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe (V Sin, V Cos) SinCosSmall(V r, double* k)
    {
        var z = r * r;
        var ps = VX.FusedMultiplyAdd(z, VX.Create(k[20]), VX.Create(k[19]));
        var pc = VX.FusedMultiplyAdd(z, VX.FusedMultiplyAdd(z, VX.Create(k[22]), VX.Create(k[21])), VX.Create(k[12]));
        return (VX.FusedMultiplyAdd(r * z, ps, r), VX.FusedMultiplyAdd(z, pc, V.One));
    }

    /// <summary>
    /// sin x, cos x: k = round(x·2/π), r = x − k·π/2 with π/2 in two parts (Cody and Waite; the first product
    /// exact under FMA), <see cref="SinCosKernel"/> on r, quadrant k mod 4 (within 2 ulp of π/4 absolute for
    /// |x| ≤ 1e9, beyond which the caller must redo the lane: <see cref="Unreduced"/>; angles already reduced mod 2π
    /// need no check). Coefficients from <paramref name="k"/>, a <see cref="Site"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe (V Sin, V Cos) SinCos(V x, double* k)
    {
        var magic = VX.Create(k[14]);
        var kd = VX.FusedMultiplyAdd(x, VX.Create(k[13]), magic);
        var kf = kd - magic;
        var r = VX.FusedMultiplyAdd(-kf, VX.Create(k[16]), VX.FusedMultiplyAdd(-kf, VX.Create(k[15]), x));
        var (s, c) = SinCosKernel(r, k);
        // Quadrant k mod 4 (low bits of kd): swap on odd k, negate sin for k = 2, 3 and cos for k = 1, 2.
        var ki = kd.AsInt64();
        var bit1 = VX.Create(((long*)k)[17]);
        var bit2 = VX.Create(((long*)k)[18]);
        var swap = VX.Equals(ki & bit1, bit1).AsDouble();
        var negS = VX.ShiftLeft(ki & bit2, 62).AsDouble();
        var negC = VX.ShiftLeft((ki + bit1) & bit2, 62).AsDouble();
        return (VX.ConditionalSelect(swap, c, s) ^ negS, VX.ConditionalSelect(swap, s, c) ^ negC);
    }

    /// <summary>Lanes where <see cref="SinCos"/>'s reduction is not exact enough (|x| beyond 1e9 rad).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static V Unreduced(V x) => VX.GreaterThan(VX.Abs(x), VX.Create(ReductionBound));

    /// <summary>
    /// C's fmod(x, 2π) exactly (see <see cref="SimdMath.Fmod2Pi{V}"/>), with the lanes where the quotient estimate
    /// is off (the caller redoes them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (V Value, V Missed) Fmod2Pi(V x)
    {
        var twoPi = VX.Create(TwoPi);
        var q = VX.Truncate(x * VX.Create(1.0 / TwoPi));
        var r = VX.FusedMultiplyAdd(-q, twoPi, x);
        // The estimate is right unless r left (−2π, 2π) or took the other sign than x (rare).
        return (r, VX.GreaterThanOrEqual(VX.Abs(r), twoPi) | VX.LessThan(r * x, V.Zero));
    }
}
