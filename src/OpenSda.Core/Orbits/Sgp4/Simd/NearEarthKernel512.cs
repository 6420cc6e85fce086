// The 512-bit near-earth kernel, the source of NearEarthKernel256.cs, which python3 scripts/gen-simd-kernels.py
// generates from it: edit this one, then run the script.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using OpenSda.Time;
using V = System.Runtime.Intrinsics.Vector512<double>;
using VX = System.Runtime.Intrinsics.Vector512;
using static OpenSda.Orbits.Sgp4.Simd.KernelMath512;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// SGP4 for near-earth lanes only (no deep-space or input-error lane in the group), written directly on the
/// hardware vector type so that the whole propagation is one method whose values stay in registers: the
/// fast path of <see cref="Sgp4VectorBatch"/>. Groups with deep-space lanes take the general
/// <see cref="Sgp4VectorKernel"/>.
/// </summary>
/// <remarks>
/// <para>Same equations as <see cref="Sgp4Record.Propagate"/> (Vallado et al. 2006, AIAA 2006-6753), not the
/// same rounding: products and sums are contracted into fused multiply-adds, divisions share reciprocals, and
/// sines and cosines come from <see cref="KernelMath512.SinCos"/> (≤ 2 ulp absolute) or, for an angle plus a
/// correction below π/4, from angle addition with <see cref="KernelMath512.SinCosKernel"/>. The kernel is bound by
/// its longest chain of dependent operations, so the full sines and cosines (perigee, node, M + ω) are taken at the
/// start from t alone, in parallel, and turned later by the corrections the chain finds. Results differ from the
/// scalar kernel's by an ulp of the angles far from epoch (2e-7 km at most on the verification set taken decades from
/// epoch) and by the Kepler tolerance below (1e-7 km on the full catalogue; the tests bound them at 1e-6 km and 1e-9 km/s); mean longitudes beyond 1e5 rad go to the general kernel.</para>
/// <para>Kepler's equation: <see cref="KernelMath512.SolveKepler"/> from M + ω (the scalar kernel starts one small
/// correction away, at u), steps beyond π/4 left to the general kernel. The root is the scalar kernel's to within its
/// own stopping rule (1e-12 rad): 1e-7 km at most at 1e5 km.</para>
/// <para>As in <see cref="Sgp4VectorKernel"/>, lanes whose sample ends in codes 1–4, or whose result is not
/// finite, are marked in <see cref="Sgp4VectorKernel.OutScalar"/> for the caller to recompute with the scalar
/// reference; code 6 is the <see cref="Sgp4VectorKernel.OutDecayed"/> mask.</para>
/// </remarks>
[SkipLocalsInit]
internal static unsafe class NearEarthKernel512
{
    private const int L = Col.Lanes;
    /// <summary>Largest |M + ω| (rad) the kernel takes (see where it is tested).</summary>
    private const double MeanLongitudeBound = 1.0e5;

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
    /// recomputes those instants with <see cref="Sgp4VectorKernel"/>. The kernel calls nothing, so that the JIT
    /// keeps its values in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Propagate(double* c, bool nonSimple, JulianDate* times, int nt, in Sgp4VectorKernel.Constants k, double* o)
    {
        var redo = 0;
        for (var kt = 0; kt < nt; kt++)
            redo |= (Sample(c, nonSimple, times[kt].Day, times[kt].Fraction, k, o + kt * (Sgp4VectorKernel.OutRows * L)) ? 1 : 0) << kt;
        return redo;
    }

    /// <summary>
    /// One instant: the kernel proper. A method of its own without a loop around it, so that the JIT does not
    /// hoist the many vector constants (polynomial coefficients) out of a time loop into registers, where they
    /// would push the values of the computation onto the stack. Returns true where the general kernel must redo it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool Sample(double* c, bool nonSimple, double tday, double tfrac, in Sgp4VectorKernel.Constants k, double* os)
    {
        var one = V.One;
        var zero = V.Zero;
        var allOnes = V.AllBitsSet;
        var inputScalar = VX.LessThanOrEqual(VX.LoadAligned(c + Col.NoUnkozai * L), zero);
        // ----- secular gravity and drag -----
        var t = ((VX.Create(tday) - VX.LoadAligned(c + Col.EpochDay * L)) + (VX.Create(tfrac) - VX.LoadAligned(c + Col.EpochFraction * L))) * VX.Create(1440.0);
        // The angles grow without bound with t (10⁵ rad and more far from epoch), where an ulp is already
        // 1e-11 rad: up to their reduction mod 2π they are formed exactly as the scalar kernel forms them
        // (no fused multiply-add), so that both round alike.
        var xmdf = VX.LoadAligned(c + Col.Mo * L) + VX.LoadAligned(c + Col.Mdot * L) * t;
        var argpdf = VX.LoadAligned(c + Col.Argpo * L) + VX.LoadAligned(c + Col.Argpdot * L) * t;
        var nodedf = VX.LoadAligned(c + Col.Nodeo * L) + VX.LoadAligned(c + Col.Nodedot * L) * t;
        var t2 = t * t;
        var nodem = nodedf + VX.LoadAligned(c + Col.Nodecf * L) * t2;
        var tempa = VX.FusedMultiplyAdd(-VX.LoadAligned(c + Col.Cc1 * L), t, one);
        var tempe = VX.LoadAligned(c + Col.BstarCc4 * L) * t;
        var templ = VX.LoadAligned(c + Col.T2cof * L) * t2;
        var rare = zero;
        // The sines and cosines of the orbit's angles are taken here, from t alone, and turned later by the small
        // corrections that the rest of the kernel finds: independent of one another and of that chain, they run in
        // parallel with it instead of one after another along it (the kernel is bound by its longest chain of
        // dependent operations, not by their number). Perigee: ω = argpdf − tempm. Node: Ω = nodep + δΩ. Mean
        // longitude from the node: M + ω = xmdf + argpdf + no·templ (tempm cancels).
        var (sinw, cosw) = SinCos(argpdf, Site(2));
        var (nodep, missed1) = Fmod2Pi(nodem);
        rare |= missed1;
        var (snod0, cnod0) = SinCos(nodep, Site(7));
        if (nonSimple)
        {
            // Simplified-drag lanes hold zeros in these columns, which leaves their values unchanged.
            var delomg = VX.LoadAligned(c + Col.Omgcof * L) * t;
            var (sinxmdf, cosxmdf) = SinCos(xmdf, Site(0));
            var delmtemp = VX.FusedMultiplyAdd(VX.LoadAligned(c + Col.Eta * L), cosxmdf, one);
            var delm = VX.LoadAligned(c + Col.Xmcof * L) * (delmtemp * delmtemp * delmtemp - VX.LoadAligned(c + Col.Delmo * L));
            var tempm = delomg + delm;
            var t3 = t2 * t;
            var t4 = t3 * t;
            tempa = tempa - VX.FusedMultiplyAdd(VX.LoadAligned(c + Col.D2 * L), t2, VX.FusedMultiplyAdd(VX.LoadAligned(c + Col.D3 * L), t3, VX.LoadAligned(c + Col.D4 * L) * t4));
            var (sd, cd) = SinCosKernel(tempm, Site(1));
            var sinmm = VX.FusedMultiplyAdd(sinxmdf, cd, cosxmdf * sd);
            rare |= VX.GreaterThan(VX.Abs(tempm), VX.Create(PiOver4));
            tempe = VX.FusedMultiplyAdd(VX.LoadAligned(c + Col.BstarCc5 * L), sinmm - VX.LoadAligned(c + Col.Sinmao * L), tempe);
            templ = templ + VX.LoadAligned(c + Col.T3cof * L) * t3 + t4 * (VX.LoadAligned(c + Col.T4cof * L) + t * VX.LoadAligned(c + Col.T5cof * L));
            // ω = argpdf − tempm.
            var sinwm = VX.FusedMultiplyAdd(sinw, cd, -(cosw * sd));
            cosw = VX.FusedMultiplyAdd(cosw, cd, sinw * sd);
            sinw = sinwm;
        }

        // ----- mean elements at t -----
        var am = VX.LoadAligned(c + Col.Ao * L) * tempa * tempa;
        var sqrtAm = VX.Sqrt(am);
        var amSqrtAm = am * sqrtAm;
        var em = VX.LoadAligned(c + Col.Ecco * L) - tempe;
        var scalar = inputScalar | VX.GreaterThanOrEqual(em, one) | VX.LessThan(em, VX.Create(-0.001));
        em = VX.ConditionalSelect(VX.LessThan(em, VX.Create(1.0e-6)), VX.Create(1.0e-6), em);
        var ml = (xmdf + argpdf) + VX.LoadAligned(c + Col.NoUnkozai * L) * templ;
        var (sinml, cosml) = SinCos(ml, Site(3));
        // M + ω formed in one sum rounds otherwise than the scalar kernel's chain of reductions, by an ulp of the
        // angle: 1e-11 rad (0.1 m) at 1e5 rad, years from epoch in low orbit. Beyond, the general kernel.
        // The same test holds xmdf and argpdf within the reduction bound of SinCos (1e9 rad).
        rare |= VX.GreaterThan(VX.Max(VX.Abs(ml), VX.Max(VX.Abs(xmdf), VX.Abs(argpdf)) * VX.Create(MeanLongitudeBound / ReductionBound)),
            VX.Create(MeanLongitudeBound));

        // ----- long-period periodics -----
        var axnl = em * cosw;
        // 1/(am·√am) = nm/xke (nm = xke/am^1.5) and 1/(am(1 − em²)) from one division.
        var amPm = am * VX.FusedMultiplyAdd(-em, em, one);
        var recip0 = one / (amSqrtAm * amPm);
        var nmOverXke = amPm * recip0;
        var temp0 = amSqrtAm * recip0;
        var aynl = VX.FusedMultiplyAdd(em, sinw, temp0 * VX.LoadAligned(c + Col.Aycof * L));
        var dl = temp0 * VX.LoadAligned(c + Col.Xlcof * L) * axnl;

        // ----- Kepler's equation in Lyddane's variables -----
        // u = xl − Ω = M + ω + dl mod 2π; Newton's iteration starts from M + ω (= u − dl), whose sine and cosine are
        // known (the scalar kernel starts from u: the same root, one correction dl apart, a small fraction of e).
        var (u, missed4) = Fmod2Pi(ml + dl);
        rare |= missed4 | VX.GreaterThan(VX.Abs(dl), VX.Create(0.1));
        var el2 = VX.FusedMultiplyAdd(axnl, axnl, aynl * aynl);
        var (sineo1, coseo1, keplerRare) = SolveKepler(u, u - dl, sinml, cosml, axnl, aynl, el2, 9, fullOnBigStep: false);
        rare |= keplerRare;

        // ----- short-period preliminary quantities -----
        var ecose = VX.FusedMultiplyAdd(axnl, coseo1, aynl * sineo1);
        var esine = VX.FusedMultiplyAdd(axnl, sineo1, -(aynl * coseo1));
        var pl = am * (one - el2);
        scalar |= VX.LessThan(pl, zero);
        var rl = am * (one - ecose);
        var betal = VX.Sqrt(one - el2);
        var onePlusBetal = one + betal;
        // 1/rl, 1/pl and 1/(1 + betal) from one division.
        var rlPl = rl * pl;
        var recip = one / (rlPl * onePlusBetal);
        var rinv = pl * onePlusBetal * recip;
        var pinv = rl * onePlusBetal * recip;
        var rdotl = sqrtAm * esine * rinv;
        var rvdotl = sqrtAm * betal * rinv;       // √pl = √am·betal
        var temp = esine * (rlPl * recip);
        var amOverRl = am * rinv;
        var sinu = amOverRl * (sineo1 - aynl - axnl * temp);
        var cosu = amOverRl * (coseo1 - axnl + aynl * temp);
        var sin2u = (cosu + cosu) * sinu;
        var cos2u = VX.FusedMultiplyAdd(VX.Create(-2.0) * sinu, sinu, one);
        var temp1 = VX.Create(0.5 * k.J2) * pinv;
        var temp2 = temp1 * pinv;

        // ----- short-period periodics -----
        var con41 = VX.LoadAligned(c + Col.Con41 * L);
        var x1mth2 = VX.LoadAligned(c + Col.X1mth2 * L);
        var cosip = VX.LoadAligned(c + Col.CosIo * L);
        var sinip = VX.LoadAligned(c + Col.SinIo * L);
        var mrt = VX.FusedMultiplyAdd(rl, VX.FusedMultiplyAdd(VX.Create(-1.5) * temp2 * betal, con41, one), VX.Create(0.5) * temp1 * x1mth2 * cos2u);
        var dsu = VX.Create(-0.25) * temp2 * VX.LoadAligned(c + Col.X7thm1 * L) * sin2u;
        var temp2c = VX.Create(1.5) * temp2 * cosip;
        var dnode = temp2c * sin2u;
        var dinc = temp2c * sinip * cos2u;
        var nt1 = nmOverXke * temp1;
        var mvt = VX.FusedMultiplyAdd(-nt1 * x1mth2, sin2u, rdotl);
        var rvdot = VX.FusedMultiplyAdd(nt1, VX.FusedMultiplyAdd(x1mth2, cos2u, VX.Create(1.5) * con41), rvdotl);

        // ----- orientation -----
        // su = atan2(sinu, cosu) + dsu and i = xincp + dinc: sines and cosines by angle addition. sinu² + cosu²
        // is 1 to rounding, so 1/√ of it is 1.5 − n/2 to second order (exact to 1e-16 where |n − 1| < 1e-8).
        var normu2 = VX.FusedMultiplyAdd(sinu, sinu, cosu * cosu);
        var inv = VX.FusedMultiplyAdd(VX.Create(-0.5), normu2, VX.Create(1.5));
        var (sdu, cdu) = SinCosSmall(dsu, Site(5));
        var s0u = sinu * inv;
        var c0u = cosu * inv;
        var sinsu = VX.FusedMultiplyAdd(s0u, cdu, c0u * sdu);
        var cossu = VX.FusedMultiplyAdd(c0u, cdu, -(s0u * sdu));
        rare |= VX.GreaterThan(VX.Max(VX.Max(VX.Abs(dsu), VX.Abs(dinc)), VX.Abs(dnode)), VX.Create(SmallAngle))
                | VX.GreaterThan(VX.Abs(normu2 - one), VX.Create(1.0e-8));
        var (sdi, cdi) = SinCosSmall(dinc, Site(6));
        var sini = VX.FusedMultiplyAdd(sinip, cdi, cosip * sdi);
        var cosi = VX.FusedMultiplyAdd(cosip, cdi, -(sinip * sdi));
        var (sdn, cdn) = SinCosSmall(dnode, Site(8));
        var snod = VX.FusedMultiplyAdd(snod0, cdn, cnod0 * sdn);
        var cnod = VX.FusedMultiplyAdd(cnod0, cdn, -(snod0 * sdn));
        var xmx = -snod * cosi;
        var xmy = cnod * cosi;
        var ux = VX.FusedMultiplyAdd(xmx, sinsu, cnod * cossu);
        var uy = VX.FusedMultiplyAdd(xmy, sinsu, snod * cossu);
        var uz = sini * sinsu;
        var wx = VX.FusedMultiplyAdd(xmx, cossu, -(cnod * sinsu));
        var wy = VX.FusedMultiplyAdd(xmy, cossu, -(snod * sinsu));
        var wz = sini * cossu;

        var mr = mrt * VX.Create(k.RadiusEarthKm);
        var vkm = VX.Create(k.VkmPerSec);
        var x = mr * ux;
        var vx = VX.FusedMultiplyAdd(mvt, ux, rvdot * wx) * vkm;
        VX.Store(x, os + Sgp4VectorKernel.OutX * L);
        VX.Store(mr * uy, os + Sgp4VectorKernel.OutY * L);
        VX.Store(mr * uz, os + Sgp4VectorKernel.OutZ * L);
        VX.Store(vx, os + Sgp4VectorKernel.OutVx * L);
        VX.Store(VX.FusedMultiplyAdd(mvt, uy, rvdot * wy) * vkm, os + Sgp4VectorKernel.OutVy * L);
        VX.Store(VX.FusedMultiplyAdd(mvt, uz, rvdot * wz) * vkm, os + Sgp4VectorKernel.OutVz * L);
        VX.Store(VX.LessThan(mrt, one), os + Sgp4VectorKernel.OutDecayed * L);
        // Anything not finite is left to the scalar kernel, whatever it makes of it.
        scalar |= ~(VX.Equals(x, x) & VX.Equals(vx, vx));
        VX.Store(scalar, os + Sgp4VectorKernel.OutScalar * L);
        // Lanes whose result is left to the scalar kernel anyway do not need the general one.
        return !None(VX.AndNot(rare, scalar));
    }
}
