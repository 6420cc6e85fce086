// The 512-bit near-earth kernel. NearEarthKernel256.cs is generated from this file by
// scripts/gen-simd-kernels.sh (only the aliases and the class name differ): edit this one, then run the script.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using OpenSda.Time;
using V = System.Runtime.Intrinsics.Vector512<double>;
using VX = System.Runtime.Intrinsics.Vector512;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// SGP4 for near-earth lanes only (no deep-space or input-error lane in the group), written directly on the
/// hardware vector type so that the whole propagation is one method whose values stay in registers: the
/// fast path of <see cref="Sgp4VectorBatch"/>. Groups with deep-space lanes take the general
/// <see cref="Sgp4VectorKernel"/>.
/// </summary>
/// <remarks>
/// <para>Same equations as <see cref="Sgp4Record.Propagate"/> (Vallado et al. 2006, AIAA 2006-6753), not the
/// same rounding: products and sums are contracted into fused multiply-adds, divisions by one quantity share
/// one reciprocal, and sines and cosines come from <see cref="SinCos"/> (≤ 2 ulp absolute) or, for an angle
/// plus a correction below π/4, from angle addition with <see cref="SinCosKernel"/>. Results differ from the
/// scalar kernel's at the 1e-15 relative level (1e-9 km at most on the full catalogue; the tests bound them at
/// 1e-6 km and 1e-9 km/s).</para>
/// <para>Kepler's equation: Newton's iteration from the scalar kernel's start (eo1 = u) with the sine and
/// cosine carried by angle addition, stopping per lane where the next correction is provably below 1e-14
/// (Newton's correction after a step d is at most e/(2(1−e))·d²), the loop ending when every lane has stopped.</para>
/// <para>As in <see cref="Sgp4VectorKernel"/>, lanes whose sample ends in codes 1–4, or whose result is not
/// finite, are marked in <see cref="Sgp4VectorKernel.OutScalar"/> for the caller to recompute with the scalar
/// reference; code 6 is the <see cref="Sgp4VectorKernel.OutDecayed"/> mask.</para>
/// </remarks>
[SkipLocalsInit]
internal static unsafe class NearEarthKernel512
{
    private const int L = Col.Lanes;
    private const double TwoPi = 2.0 * Math.PI;
    private const double PiOver4 = Math.PI / 4.0;

    /// <summary>Lanes per vector.</summary>
    public static int Lanes => V.Count;

    /// <summary>True where the hardware runs this width natively.</summary>
    public static bool IsHardwareAccelerated => VX.IsHardwareAccelerated;

    /// <summary>
    /// Propagates the <see cref="Lanes"/> lanes at <paramref name="c"/> (column c of lane j at <c>c[c·8 + j]</c>) to
    /// <paramref name="nt"/> instants; the outputs of instant k go to rows <see cref="Sgp4VectorKernel.OutX"/>…
    /// <see cref="Sgp4VectorKernel.OutScalar"/> at <c>o + k·OutRows·8</c> (row stride 8 doubles). Returns a bit
    /// mask of the instants (bit k) where some lane met a case this kernel leaves to the general one (an angle
    /// correction beyond π/4, an argument beyond 1e9 rad, an fmod quotient estimate off by one): the caller
    /// recomputes those instants with <see cref="Sgp4VectorKernel"/>. The loop calls nothing, so that the JIT
    /// keeps its values in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Propagate(double* c, bool nonSimple, JulianDate* times, int nt, in Sgp4VectorKernel.Constants k, double* o)
    {
        var one = V.One;
        var zero = V.Zero;
        var allOnes = V.AllBitsSet;
        var xke = VX.Create(k.Xke);
        var halfJ2 = VX.Create(0.5 * k.J2);
        var re = VX.Create(k.RadiusEarthKm);
        var vkm = VX.Create(k.VkmPerSec);
        var inputScalar = VX.LessThanOrEqual(Ld(c, Col.NoUnkozai), zero);
        var redo = 0;

        for (var kt = 0; kt < nt; kt++, o += Sgp4VectorKernel.OutRows * L)
        {
            var tday = times[kt].Day;
            var tfrac = times[kt].Fraction;
            // ----- secular gravity and drag -----
            var t = ((VX.Create(tday) - Ld(c, Col.EpochDay)) + (VX.Create(tfrac) - Ld(c, Col.EpochFraction))) * VX.Create(1440.0);
            // The angles grow without bound with t (10⁵ rad and more far from epoch), where an ulp is already
            // 1e-11 rad: up to their reduction mod 2π they are formed exactly as the scalar kernel forms them
            // (no fused multiply-add), so that both round alike.
            var xmdf = Ld(c, Col.Mo) + Ld(c, Col.Mdot) * t;
            var argpdf = Ld(c, Col.Argpo) + Ld(c, Col.Argpdot) * t;
            var nodedf = Ld(c, Col.Nodeo) + Ld(c, Col.Nodedot) * t;
            var t2 = t * t;
            var nodem = nodedf + Ld(c, Col.Nodecf) * t2;
            var tempa = Fma(-Ld(c, Col.Cc1), t, one);
            var tempe = Ld(c, Col.BstarCc4) * t;
            var templ = Ld(c, Col.T2cof) * t2;
            var mm = xmdf;
            var argpm = argpdf;
            var rare = zero;
            if (nonSimple)
            {
                // Simplified-drag lanes hold zeros in these columns, which leaves their values unchanged.
                var delomg = Ld(c, Col.Omgcof) * t;
                SinCos(xmdf, ref rare, out var sinxmdf, out var cosxmdf);
                var delmtemp = Fma(Ld(c, Col.Eta), cosxmdf, one);
                var delm = Ld(c, Col.Xmcof) * (delmtemp * delmtemp * delmtemp - Ld(c, Col.Delmo));
                var tempm = delomg + delm;
                mm = xmdf + tempm;
                argpm = argpdf - tempm;
                var t3 = t2 * t;
                var t4 = t3 * t;
                tempa = tempa - Fma(Ld(c, Col.D2), t2, Fma(Ld(c, Col.D3), t3, Ld(c, Col.D4) * t4));
                SinCosKernel(tempm, out var sd, out var cd);
                var sinmm = Fma(sinxmdf, cd, cosxmdf * sd);
                rare |= VX.GreaterThan(VX.Abs(tempm), VX.Create(PiOver4));
                tempe = Fma(Ld(c, Col.BstarCc5), sinmm - Ld(c, Col.Sinmao), tempe);
                templ = templ + Ld(c, Col.T3cof) * t3 + t4 * (Ld(c, Col.T4cof) + t * Ld(c, Col.T5cof));
            }

            // ----- mean elements at t -----
            var am = Ld(c, Col.Ao) * tempa * tempa;
            var sqrtAm = VX.Sqrt(am);
            var nmOverXke = one / (am * sqrtAm);       // nm / xke, nm = xke / am^1.5
            var em = Ld(c, Col.Ecco) - tempe;
            var scalar = inputScalar | VX.GreaterThanOrEqual(em, one) | VX.LessThan(em, VX.Create(-0.001));
            em = VX.ConditionalSelect(VX.LessThan(em, VX.Create(1.0e-6)), VX.Create(1.0e-6), em);
            mm = mm + Ld(c, Col.NoUnkozai) * templ;
            var xlm = mm + argpm + nodem;
            var nodep = Fmod2Pi(nodem, ref rare);
            var argpp = Fmod2Pi(argpm, ref rare);
            xlm = Fmod2Pi(xlm, ref rare);
            var mp = Fmod2Pi(xlm - argpp - nodep, ref rare);

            // ----- long-period periodics -----
            SinCos(argpp, ref rare, out var sinargpp, out var cosargpp);
            var axnl = em * cosargpp;
            var temp0 = one / (am * Fma(-em, em, one));
            var aynl = Fma(em, sinargpp, temp0 * Ld(c, Col.Aycof));
            var xl = Fma(temp0 * Ld(c, Col.Xlcof), axnl, mp + argpp + nodep);

            // ----- Kepler's equation in Lyddane's variables -----
            var u = Fmod2Pi(xl - nodep, ref rare);
            var eo1 = u;
            SinCos(u, ref rare, out var sineo1, out var coseo1);
            var el2 = Fma(axnl, axnl, aynl * aynl);
            var ecc = VX.Sqrt(el2);
            var cNext = VX.ConditionalSelect(VX.LessThan(ecc, VX.Create(0.9)), ecc / ((one - ecc) * VX.Create(2.0)), VX.Create(double.PositiveInfinity));
            var active = allOnes;
            for (var ktr = 1; ; ktr++)
            {
                var den = one - Fma(coseo1, axnl, sineo1 * aynl);
                var tem5 = (Fma(axnl, sineo1, Fma(-aynl, coseo1, u)) - eo1) / den;
                var clamp = VX.Create(0.95);
                tem5 = VX.ConditionalSelect(VX.GreaterThanOrEqual(VX.Abs(tem5), clamp), (tem5 & VX.Create(-0.0)) | clamp, tem5);
                eo1 = VX.ConditionalSelect(active, eo1 + tem5, eo1);
                // As the scalar loop: the sine and cosine left are those before the last correction.
                active &= VX.GreaterThanOrEqual(VX.Abs(tem5), VX.Create(1.0e-12));
                if (ktr >= 10 || None(active)) break;
                SinCosKernel(tem5, out var sd, out var cd);
                var sNew = Fma(sineo1, cd, coseo1 * sd);
                var cNew = Fma(coseo1, cd, -(sineo1 * sd));
                rare |= active & VX.GreaterThan(VX.Abs(tem5), VX.Create(PiOver4));
                sineo1 = VX.ConditionalSelect(active, sNew, sineo1);
                coseo1 = VX.ConditionalSelect(active, cNew, coseo1);
                active = VX.AndNot(active, VX.LessThan(cNext * tem5 * tem5, VX.Create(1.0e-14)));
                if (None(active)) break;
            }

            // ----- short-period preliminary quantities -----
            var ecose = Fma(axnl, coseo1, aynl * sineo1);
            var esine = Fma(axnl, sineo1, -(aynl * coseo1));
            var pl = am * (one - el2);
            scalar |= VX.LessThan(pl, zero);
            var rl = am * (one - ecose);
            var rinv = one / rl;
            var rdotl = sqrtAm * esine * rinv;
            var rvdotl = VX.Sqrt(pl) * rinv;
            var betal = VX.Sqrt(one - el2);
            var temp = esine / (one + betal);
            var amOverRl = am * rinv;
            var sinu = amOverRl * (sineo1 - aynl - axnl * temp);
            var cosu = amOverRl * (coseo1 - axnl + aynl * temp);
            var sin2u = (cosu + cosu) * sinu;
            var cos2u = Fma(VX.Create(-2.0) * sinu, sinu, one);
            var pinv = one / pl;
            var temp1 = halfJ2 * pinv;
            var temp2 = temp1 * pinv;

            // ----- short-period periodics -----
            var con41 = Ld(c, Col.Con41);
            var x1mth2 = Ld(c, Col.X1mth2);
            var cosip = Ld(c, Col.CosIo);
            var sinip = Ld(c, Col.SinIo);
            var mrt = Fma(rl, Fma(VX.Create(-1.5) * temp2 * betal, con41, one), VX.Create(0.5) * temp1 * x1mth2 * cos2u);
            var dsu = VX.Create(-0.25) * temp2 * Ld(c, Col.X7thm1) * sin2u;
            var temp2c = VX.Create(1.5) * temp2 * cosip;
            var xnode = Fma(temp2c, sin2u, nodep);
            var dinc = temp2c * sinip * cos2u;
            var nt1 = nmOverXke * temp1;
            var mvt = Fma(-nt1 * x1mth2, sin2u, rdotl);
            var rvdot = Fma(nt1, Fma(x1mth2, cos2u, VX.Create(1.5) * con41), rvdotl);

            // ----- orientation -----
            // su = atan2(sinu, cosu) + dsu and i = xincp + dinc: sines and cosines by angle addition. sinu² + cosu²
            // is 1 to rounding, so 1/√ of it is 1.5 − n/2 to second order (exact to 1e-16 where |n − 1| < 1e-8).
            var normu2 = Fma(sinu, sinu, cosu * cosu);
            var inv = Fma(VX.Create(-0.5), normu2, VX.Create(1.5));
            SinCosKernel(dsu, out var sdu, out var cdu);
            var s0u = sinu * inv;
            var c0u = cosu * inv;
            var sinsu = Fma(s0u, cdu, c0u * sdu);
            var cossu = Fma(c0u, cdu, -(s0u * sdu));
            rare |= VX.GreaterThan(VX.Abs(dsu), VX.Create(PiOver4)) | VX.GreaterThan(VX.Abs(normu2 - one), VX.Create(1.0e-8));
            SinCosKernel(dinc, out var sdi, out var cdi);
            var sini = Fma(sinip, cdi, cosip * sdi);
            var cosi = Fma(cosip, cdi, -(sinip * sdi));
            rare |= VX.GreaterThan(VX.Abs(dinc), VX.Create(PiOver4));
            SinCos(xnode, ref rare, out var snod, out var cnod);
            var xmx = -snod * cosi;
            var xmy = cnod * cosi;
            var ux = Fma(xmx, sinsu, cnod * cossu);
            var uy = Fma(xmy, sinsu, snod * cossu);
            var uz = sini * sinsu;
            var wx = Fma(xmx, cossu, -(cnod * sinsu));
            var wy = Fma(xmy, cossu, -(snod * sinsu));
            var wz = sini * cossu;

            var mr = mrt * re;
            var x = mr * ux;
            var vx = Fma(mvt, ux, rvdot * wx) * vkm;
            VX.Store(x, o + Sgp4VectorKernel.OutX * L);
            VX.Store(mr * uy, o + Sgp4VectorKernel.OutY * L);
            VX.Store(mr * uz, o + Sgp4VectorKernel.OutZ * L);
            VX.Store(vx, o + Sgp4VectorKernel.OutVx * L);
            VX.Store(Fma(mvt, uy, rvdot * wy) * vkm, o + Sgp4VectorKernel.OutVy * L);
            VX.Store(Fma(mvt, uz, rvdot * wz) * vkm, o + Sgp4VectorKernel.OutVz * L);
            VX.Store(VX.LessThan(mrt, one), o + Sgp4VectorKernel.OutDecayed * L);
            // Anything not finite is left to the scalar kernel, whatever it makes of it.
            scalar |= ~(VX.Equals(x, x) & VX.Equals(vx, vx));
            VX.Store(scalar, o + Sgp4VectorKernel.OutScalar * L);
            // Lanes whose result is left to the scalar kernel anyway do not need the general one.
            redo |= (None(VX.AndNot(rare, scalar)) ? 0 : 1) << kt;
        }
        return redo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Ld(double* c, int col) => VX.LoadAligned(c + col * L);

    /// <summary>True when no lane of the mask is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool None(V mask) => mask.AsUInt64() == Vector512<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Fma(V a, V b, V c) => VX.FusedMultiplyAdd(a, b, c);

    private const double TwoOverPi = 0.6366197723675814;
    private const double RoundMagic = 6755399441055744.0; // 1.5·2^52
    private const double P1 = 1.5707963267948966, P2 = 6.123233995736766e-17;
    private const double ReductionBound = 1.0e9;
    private const double S1 = -0.16666666666666666, S2 = 0.008333333333330925, S3 = -0.00019841269836722418,
        S4 = 2.755731608381636e-06, S5 = -2.5051127944014188e-08, S6 = 1.5917848524808262e-10;
    private const double C1 = 0.041666666666666664, C2 = -0.0013888888888887382, C3 = 2.480158729874307e-05,
        C4 = -2.7557317260008837e-07, C5 = 2.0876143827993133e-09, C6 = -1.1382456778061306e-11;

    /// <summary>
    /// sin r, cos r for |r| ≤ π/4 (the polynomials of <see cref="SimdMath"/>, fitted on that interval; within
    /// about 1 ulp): sin r = r + r³·S(r²), cos r = 1 − r²/2 + r⁴·C(r²).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosKernel(V r, out V sin, out V cos)
    {
        var z = r * r;
        var ps = Fma(Fma(Fma(Fma(Fma(VX.Create(S6), z, VX.Create(S5)), z, VX.Create(S4)), z, VX.Create(S3)), z, VX.Create(S2)), z, VX.Create(S1));
        var pc = Fma(Fma(Fma(Fma(Fma(VX.Create(C6), z, VX.Create(C5)), z, VX.Create(C4)), z, VX.Create(C3)), z, VX.Create(C2)), z, VX.Create(C1));
        sin = Fma(r * z, ps, r);
        cos = Fma(z * z, pc, Fma(VX.Create(-0.5), z, V.One));
    }

    /// <summary>
    /// sin x, cos x: k = round(x·2/π), r = x − k·π/2 with π/2 in two parts (Cody and Waite; the first product
    /// exact under FMA), <see cref="SinCosKernel"/> on r, quadrant k mod 4 (within 2 ulp of π/4 absolute for
    /// |x| ≤ 1e9; beyond, per lane by <see cref="Math.SinCos(double)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCos(V x, ref V rare, out V sin, out V cos)
    {
        var kd = Fma(x, VX.Create(TwoOverPi), VX.Create(RoundMagic));
        var kf = kd - VX.Create(RoundMagic);
        var r = Fma(-kf, VX.Create(P2), Fma(-kf, VX.Create(P1), x));
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
    private static V Fmod2Pi(V x, ref V rare)
    {
        var twoPi = VX.Create(TwoPi);
        var q = VX.Truncate(x * VX.Create(1.0 / TwoPi));
        var r = Fma(-q, twoPi, x);
        // The estimate is right unless r left (−2π, 2π) or took the other sign than x (rare).
        rare |= VX.GreaterThanOrEqual(VX.Abs(r), twoPi) | VX.LessThan(r * x, V.Zero);
        return r;
    }
}
