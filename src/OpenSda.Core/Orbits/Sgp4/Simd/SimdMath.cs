using System.Runtime.CompilerServices;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// Vectorised elementary functions for the SIMD SGP4 kernel, accurate to about one ulp (no
/// "good enough for sub-metre" shortcuts): sine and cosine with Cody–Waite reduction by π/2 kept as a
/// double-double, atan2 with octant reduction, C's <c>fmod(x, 2π)</c> exactly, and the small-angle series
/// the scalar kernel uses.
/// </summary>
/// <remarks>
/// <para>Sine/cosine: k = nearest integer to x·2/π (the 1.5·2⁵² rounding trick), r = x − k·π/2 with π/2 split
/// into three doubles P1 + P2 + P3 (Cody &amp; Waite, <i>Software Manual for the Elementary Functions</i>, 1980,
/// ch. 8); the first product is exact under FMA, the second keeps its rounding error, so r is a double-double
/// (r_hi, r_lo). On |r| ≤ π/4: sin r = r + r³·S(r²), cos r = 1 − r²/2 + r⁴·C(r²) with degree-5 polynomials
/// fitted by Chebyshev interpolation (mpmath <c>chebyfit</c>, 50 digits; fit error below 2.1e-17 and 1.3e-18);
/// 1 − r²/2 is formed with its rounding error recovered (Sterbenz), and r_lo enters to first order.
/// Measured against glibc (correctly rounded in practice) on 400k random arguments per decade up to 1e8:
/// at most 1 ulp, about 2 % of results differ. Arguments with |x| &gt; 1e9, infinities and NaN go per lane to
/// <see cref="Math.SinCos(double)"/>.</para>
/// <para>atan2: |y|, |x| are ordered so that a = min/max ∈ [0, 1]; above tan(π/8) the identity
/// atan a = π/4 + atan((a−1)/(a+1)) is used, so the kernel argument is |t| ≤ tan(π/8), where
/// atan t = t + t³·A(t²) with a degree-11 Chebyshev fit (error 2e-19). The quadrant constant m·π/4 is added
/// as a double-double with a compensated sum. Measured against <see cref="Math.Atan2"/>: at most 2 ulp,
/// signed zeros, the axes and NaN as Math.Atan2 (infinite arguments are not handled: SGP4 has none).</para>
/// </remarks>
[SkipLocalsInit]
internal static unsafe class SimdMath
{
    private const double TwoOverPi = 0.6366197723675814;
    private const double RoundMagic = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer kept in the low mantissa bits
    private const double P1 = 1.5707963267948966, P2 = 6.123233995736766e-17, P3 = -1.4973849048591698e-33;
    private const double ReductionBound = 1.0e9;

    private const double S1 = -0.16666666666666666, S2 = 0.008333333333330925, S3 = -0.00019841269836722418,
        S4 = 2.755731608381636e-06, S5 = -2.5051127944014188e-08, S6 = 1.5917848524808262e-10;
    private const double C1 = 0.041666666666666664, C2 = -0.0013888888888887382, C3 = 2.480158729874307e-05,
        C4 = -2.7557317260008837e-07, C5 = 2.0876143827993133e-09, C6 = -1.1382456778061306e-11;

    /// <summary>sin x and cos x per lane (see the remarks on <see cref="SimdMath"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos<V>(V x, out V sin, out V cos) where V : unmanaged, ISimdDouble<V>
    {
        var kd = V.Fma(x, V.Create(TwoOverPi), V.Create(RoundMagic));
        var k = kd - V.Create(RoundMagic);
        var r1 = V.Fma(-k, V.Create(P1), x);          // exact
        var rh = V.Fma(-k, V.Create(P2), r1);
        var rl = V.Fma(-k, V.Create(P2), r1 - rh);    // rounding error of rh
        rl = V.Fma(-k, V.Create(P3), rl);
        var z = rh * rh;

        var ps = V.Fma(V.Fma(V.Fma(V.Fma(V.Fma(V.Create(S6), z, V.Create(S5)), z, V.Create(S4)), z, V.Create(S3)), z, V.Create(S2)), z, V.Create(S1));
        var s = rh + V.Fma(rh * z, ps, rl);

        var pc = V.Fma(V.Fma(V.Fma(V.Fma(V.Fma(V.Create(C6), z, V.Create(C5)), z, V.Create(C4)), z, V.Create(C3)), z, V.Create(C2)), z, V.Create(C1));
        var one = V.Create(1.0);
        var hz = V.Create(0.5) * z;
        var w = one - hz;
        var zerr = V.Fma(rh, rh, -z);                            // rh² = z + zerr exactly
        var corr = V.Fma(zerr, V.Create(-0.5), (one - w) - hz);  // (1 - hz) - w exactly, less zerr/2
        var c = w + V.Fma(z * z, pc, V.Fma(-rh, rl, corr));

        // Quadrant k mod 4: swap sin/cos on odd k, negate sin for k = 2, 3 and cos for k = 1, 2.
        var swap = V.BitSet(kd, 1);
        var negS = V.BitSet(kd, 2);
        var negC = V.BitSet(kd + one, 2);
        var sign = V.Create(-0.0);
        sin = V.Select(swap, c, s) ^ (negS & sign);
        cos = V.Select(swap, s, c) ^ (negC & sign);

        if (V.Any(V.AndNot(AllOnes<V>(), V.Le(V.Abs(x), V.Create(ReductionBound)))))
            SinCosLargeLanes(x, ref sin, ref cos);
    }

    /// <summary><see cref="SinCos{V}"/> as a call, for rarely taken paths (keeps the caller within the JIT's inlining limits).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SinCosCall<V>(V x, out V sin, out V cos) where V : unmanaged, ISimdDouble<V> => SinCos(x, out sin, out cos);

    /// <summary><see cref="Atan2{V}"/> as a call, for rarely taken paths.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static V Atan2Call<V>(V y, V x) where V : unmanaged, ISimdDouble<V> => Atan2(y, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V AllOnes<V>() where V : unmanaged, ISimdDouble<V> => V.Create(BitConverter.Int64BitsToDouble(-1L));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SinCosLargeLanes<V>(V x, ref V sin, ref V cos) where V : unmanaged, ISimdDouble<V>
    {
        var xs = stackalloc double[V.Extent];
        var ss = stackalloc double[V.Extent];
        var cs = stackalloc double[V.Extent];
        V.Store(x, xs);
        V.Store(sin, ss);
        V.Store(cos, cs);
        for (var lane = 0; lane < V.Count; lane++)
        {
            var i = V.LaneOffset(lane);
            if (!(Math.Abs(xs[i]) <= ReductionBound))
                (ss[i], cs[i]) = Math.SinCos(xs[i]);
        }
        sin = V.Load(ss);
        cos = V.Load(cs);
    }

    private const double TanPiO8 = 0.41421356237309503;
    private const double PiO4Hi = 0.7853981633974483, PiO4Lo = 3.061616997868383e-17;
    private const double A1 = -0.3333333333333333, A2 = 0.19999999999999804, A3 = -0.14285714285659729,
        A4 = 0.11111111105145725, A5 = -0.09090908753017178, A6 = 0.07692296361048218, A7 = -0.06666424634599337,
        A8 = 0.05878926110528101, A9 = -0.052304330074828924, A10 = 0.0455149623749493,
        A11 = -0.034568068014968874, A12 = 0.016282993238924487;

    /// <summary>atan2(y, x) per lane, in (−π, π] (see the remarks on <see cref="SimdMath"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Atan2<V>(V y, V x) where V : unmanaged, ISimdDouble<V>
    {
        var ax = V.Abs(x);
        var ay = V.Abs(y);
        var swap = V.Gt(ay, ax);
        var num = V.Min(ax, ay);
        var den = V.Max(ax, ay);
        var big = V.Gt(num, V.Create(TanPiO8) * den);
        var zero = V.Create(0.0);
        var t = V.Select(big, num - den, num) / V.Select(big, num + den, den);
        t = V.Select(V.Gt(den, zero), t, zero);
        var z = t * t;
        var p = V.Fma(V.Create(A12), z, V.Create(A11));
        p = V.Fma(p, z, V.Create(A10));
        p = V.Fma(p, z, V.Create(A9));
        p = V.Fma(p, z, V.Create(A8));
        p = V.Fma(p, z, V.Create(A7));
        p = V.Fma(p, z, V.Create(A6));
        p = V.Fma(p, z, V.Create(A5));
        p = V.Fma(p, z, V.Create(A4));
        p = V.Fma(p, z, V.Create(A3));
        p = V.Fma(p, z, V.Create(A2));
        p = V.Fma(p, z, V.Create(A1));
        var tail = t * z * p;

        // Result = m·π/4 + sgn·atan(t): m = 1 above tan(π/8); m → 2 − m when |y| > |x|; m → 4 − m when x is negative (or −0).
        var one = V.Create(1.0);
        var m = V.Select(big, one, zero);
        var sgn = one;
        m = V.Select(swap, V.Create(2.0) - m, m);
        sgn = V.Select(swap, -sgn, sgn);
        var xneg = V.BitSet(x, long.MinValue);
        m = V.Select(xneg, V.Create(4.0) - m, m);
        sgn = V.Select(xneg, -sgn, sgn);
        var hi = m * V.Create(PiO4Hi);
        var lo = V.Fma(m, V.Create(PiO4Lo), V.Fma(m, V.Create(PiO4Hi), -hi));
        var st = sgn * t;
        var sum = hi + st;
        var err = (hi - sum) + st;
        var r = sum + (err + V.Fma(sgn, tail, lo));
        r ^= y & V.Create(-0.0);
        return V.Select(V.Eq(x, x) & V.Eq(y, y), r, x + y); // NaN in, NaN out
    }

    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>
    /// C's fmod(x, 2π), exactly, as <see cref="Sgp4Record.Fmod2Pi"/>: quotient estimate, remainder by one
    /// fused multiply-add (exact for the true quotient), estimate corrected by the range of the remainder.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Fmod2Pi<V>(V x) where V : unmanaged, ISimdDouble<V>
    {
        var twoPi = V.Create(TwoPi);
        var q = V.Truncate(x * V.Create(1.0 / TwoPi));
        var r = V.Fma(-q, twoPi, x);
        // The estimate is right unless r left (−2π, 2π) or took the other sign than x (rare): then correct it.
        if (V.Any(V.Ge(V.Abs(r), twoPi) | V.Lt(r * x, V.Create(0.0))))
            r = Fmod2PiCorrected(x, q, r);
        return r;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static V Fmod2PiCorrected<V>(V x, V q, V r) where V : unmanaged, ISimdDouble<V>
    {
        var twoPi = V.Create(TwoPi);
        var zero = V.Create(0.0);
        var one = V.Create(1.0);
        var pos = V.Ge(x, zero);
        // x ≥ 0: r < 0 → q − 1, r ≥ 2π → q + 1.  x < 0: r > 0 → q + 1, r ≤ −2π → q − 1.
        var down = V.Select(pos, V.Lt(r, zero), V.Le(r, -twoPi));
        var up = V.Select(pos, V.Ge(r, twoPi), V.Gt(r, zero));
        q = q + V.Select(up, one, V.Select(down, -one, zero));
        return V.Fma(-q, twoPi, x);
    }

    /// <summary>Largest angle for <see cref="SinCosSmall"/>, as in the scalar kernel.</summary>
    public const double SmallAngle = 0.02;

    /// <summary>sin and cos of |d| ≤ <see cref="SmallAngle"/> by the scalar kernel's Taylor series, operation for operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosSmall<V>(V d, out V sin, out V cos) where V : unmanaged, ISimdDouble<V>
    {
        var one = V.Create(1.0);
        var d2 = d * d;
        sin = d * (one - d2 * V.Create(1.0 / 6.0) * (one - d2 * V.Create(1.0 / 20.0) * (one - d2 * V.Create(1.0 / 42.0))));
        cos = one - d2 * V.Create(0.5) * (one - d2 * V.Create(1.0 / 12.0) * (one - d2 * V.Create(1.0 / 30.0) * (one - d2 * V.Create(1.0 / 56.0))));
    }

    /// <summary>
    /// For tests: sin, cos of <paramref name="x"/>, atan2(<paramref name="y"/>, x) and fmod(x, 2π) over one vector's
    /// extent (<c>V.Extent</c> doubles, lanes at <c>V.LaneOffset</c>).
    /// </summary>
    internal static void EvaluateForTest<V>(ReadOnlySpan<double> x, ReadOnlySpan<double> y,
        Span<double> sin, Span<double> cos, Span<double> atan2, Span<double> fmod) where V : unmanaged, ISimdDouble<V>
    {
        if (x.Length < V.Extent || y.Length < V.Extent || sin.Length < V.Extent || cos.Length < V.Extent
            || atan2.Length < V.Extent || fmod.Length < V.Extent)
            throw new ArgumentException("spans must hold V.Extent values");
        fixed (double* px = x, py = y, ps = sin, pc = cos, pa = atan2, pf = fmod)
        {
            var vx = V.Load(px);
            SinCos(vx, out var s, out var c);
            V.Store(s, ps);
            V.Store(c, pc);
            V.Store(Atan2(V.Load(py), vx), pa);
            V.Store(Fmod2Pi(vx), pf);
        }
    }
}
