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

    /// <summary>Largest correction for angle addition with <see cref="SinCosKernel"/>.</summary>
    internal const double PiOver4 = Math.PI / 4.0;

    /// <summary>
    /// Kepler's equation in Lyddane's variables, E − axnl·sin E + aynl·cos E = u, from a start <paramref name="eo1"/>
    /// whose sine and cosine are given: the sine and cosine of the root, and the lanes the caller must redo (where
    /// <paramref name="fullOnBigStep"/> is false, those that took a step beyond π/4). Sites
    /// <paramref name="site"/> … <paramref name="site"/> + 3 are this call's.
    /// </summary>
    /// <remarks>
    /// <para>A first step without a division, below e = 0.1: Newton's correction to third order in e (Kepler's
    /// equation f(E0 + d) = 0 expanded to d², with 1/f' = 1 + C + C² + …), within O(e⁴) of the root, so that one
    /// Newton step (one division) then reaches it where the plain iteration takes two or three.</para>
    /// <para>Then Newton's iteration with the sine and cosine carried by angle addition, stopping per lane where the
    /// next correction is provably below 1e-14 (Newton's correction after a step d is at most c·d², c = e/(2(1 − e))
    /// ≤ e for e ≤ 1/2; e = √el2 ≤ 0.005 + 50·el2, the tangent at e = 0.01 of the concave square root; beyond
    /// e ≈ 0.1, c = ∞ and such lanes stop by |d| &lt; 1e-12 only), the loop ending when every lane has stopped.
    /// Steps beyond π/4 (high eccentricity, first iterations) take a full evaluation where
    /// <paramref name="fullOnBigStep"/>, as the scalar loop does.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe (V Sin, V Cos, V Rare) SolveKepler(V u, V eo1, V sineo1, V coseo1, V axnl, V aynl, V el2, int site, bool fullOnBigStep)
    {
        var one = V.One;
        var rare = V.Zero;
        var eBound = VX.FusedMultiplyAdd(VX.Create(50.0), el2, VX.Create(0.005));
        var cNext = VX.ConditionalSelect(VX.LessThanOrEqual(eBound, VX.Create(0.5)), eBound, VX.Create(double.PositiveInfinity));
        var c0 = VX.FusedMultiplyAdd(axnl, coseo1, aynl * sineo1);
        var s0 = VX.FusedMultiplyAdd(axnl, sineo1, -(aynl * coseo1));
        var num0 = (u - eo1) + s0;
        var d0 = VX.FusedMultiplyAdd(num0, VX.FusedMultiplyAdd(c0, c0, c0 + one), VX.Create(-0.5) * s0 * num0 * num0);
        d0 = VX.ConditionalSelect(VX.LessThan(el2, VX.Create(0.01)), d0, V.Zero);
        eo1 = eo1 + d0;
        var (sd0, cd0) = SinCosKernel(d0, Site(site));
        var sineo1d = VX.FusedMultiplyAdd(sineo1, cd0, coseo1 * sd0);
        coseo1 = VX.FusedMultiplyAdd(coseo1, cd0, -(sineo1 * sd0));
        sineo1 = sineo1d;
        var active = V.AllBitsSet;
        for (var ktr = 1; ; ktr++)
        {
            var den = one - VX.FusedMultiplyAdd(coseo1, axnl, sineo1 * aynl);
            var tem5 = (VX.FusedMultiplyAdd(axnl, sineo1, VX.FusedMultiplyAdd(-aynl, coseo1, u)) - eo1) / den;
            var clamp = VX.Create(0.95);
            tem5 = VX.ConditionalSelect(VX.GreaterThanOrEqual(VX.Abs(tem5), clamp), (tem5 & VX.Create(-0.0)) | clamp, tem5);
            eo1 = VX.ConditionalSelect(active, eo1 + tem5, eo1);
            // As the scalar loop: the sine and cosine left are those before the last correction.
            active &= VX.GreaterThanOrEqual(VX.Abs(tem5), VX.Create(1.0e-12));
            if (ktr >= 10 || None(active)) break;
            // After the first step the corrections are small (O(e⁴) below e = 0.1): the short series where every active lane allows.
            V sd, cd;
            if (None(active & VX.GreaterThan(VX.Abs(tem5), VX.Create(SmallAngle)))) (sd, cd) = SinCosSmall(tem5, Site(site + 1));
            else (sd, cd) = SinCosKernel(tem5, Site(site + 2));
            var sNew = VX.FusedMultiplyAdd(sineo1, cd, coseo1 * sd);
            var cNew = VX.FusedMultiplyAdd(coseo1, cd, -(sineo1 * sd));
            var bigStep = active & VX.GreaterThan(VX.Abs(tem5), VX.Create(PiOver4));
            if (!fullOnBigStep) rare |= bigStep;
            else if (!None(bigStep))
            {
                var (sFull, cFull) = SinCos(eo1, Site(site + 3));
                sNew = VX.ConditionalSelect(bigStep, sFull, sNew);
                cNew = VX.ConditionalSelect(bigStep, cFull, cNew);
            }
            sineo1 = VX.ConditionalSelect(active, sNew, sineo1);
            coseo1 = VX.ConditionalSelect(active, cNew, coseo1);
            active = VX.AndNot(active, VX.LessThan(cNext * tem5 * tem5, VX.Create(1.0e-14)));
            if (None(active)) break;
        }
        return (sineo1, coseo1, rare);
    }
}
