// The 512-bit deep-space kernel, the source of DeepSpaceKernel256.cs, which python3 scripts/gen-simd-kernels.py
// generates from it: edit this one, then run the script.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using OpenSda.Time;
using V = System.Runtime.Intrinsics.Vector512<double>;
using VX = System.Runtime.Intrinsics.Vector512;
using static OpenSda.Orbits.Sgp4.Simd.KernelMath512;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// SDP4 for deep-space lanes only (every lane of the group deep-space, none with an input error), written directly
/// on the hardware vector type as one method per instant, in the style of <see cref="NearEarthKernel512"/>:
/// lunar-solar secular rates and, for 12 h / 24 h resonant lanes, the resonance terms from the stored integrator
/// state (<c>dspace</c>; instants where some lane's integrator must step are redone by the general
/// <see cref="Sgp4VectorKernel"/>, which steps it), lunar-solar long-period periodics (<c>dpper</c>, with Lyddane's modification under masks for
/// lanes whose perturbed inclination is below 0.2 rad), then the long-period, Kepler, short-period and
/// orientation steps shared with the near-earth kernel.
/// </summary>
/// <remarks>
/// <para>Same equations as <see cref="Sgp4Record.Propagate"/> (Vallado et al. 2006, AIAA 2006-6753; Hoots and
/// Roehrich 1980, Spacetrack Report No. 3, SDP4). Up to the reduction of the angles mod 2π, and through
/// <c>dpper</c>, the arithmetic is the scalar kernel's, operation for operation (no fused multiply-add), so that
/// far-extrapolated samples round alike; after it, as the near-earth kernel (fused multiply-adds, shared
/// reciprocals, its own sine and cosine ≤ 2 ulp, atan2 ≤ 2 ulp in Lyddane's branch).</para>
/// <para>Outputs, scalar-lane and decay masks and the returned redo mask as <see cref="NearEarthKernel512.Propagate"/>.</para>
/// </remarks>
[SkipLocalsInit]
internal static unsafe class DeepSpaceKernel512
{
    private const int L = Col.Lanes;

    /// <summary>
    /// Propagates the eight lanes at <paramref name="c"/> to <paramref name="nt"/> instants (layout as
    /// <see cref="NearEarthKernel512.Propagate"/>). Returns the bit mask of instants the general kernel must redo.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Propagate(double* c, bool resonant, JulianDate* times, int nt, in Sgp4VectorKernel.Constants k, double* o)
    {
        var redo = 0;
        for (var kt = 0; kt < nt; kt++)
            redo |= (Sample(c, resonant, times[kt].Day, times[kt].Fraction, k, o + kt * (Sgp4VectorKernel.OutRows * L)) ? 1 : 0) << kt;
        return redo;
    }

    /// <summary>One instant: the kernel proper, without a loop around it (see <see cref="NearEarthKernel512"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool Sample(double* c, bool resonant, double tday, double tfrac, in Sgp4VectorKernel.Constants k, double* os)
    {
        var one = V.One;
        var zero = V.Zero;
        var allOnes = V.AllBitsSet;
        // Values are formed where they are first needed (constants included): the JIT does not move them, and a
        // value formed early lives in a register, or on the stack, until its use.
        // ----- secular gravity (deep-space orbits always take the simplified drag terms) -----
        var t = ((VX.Create(tday) - VX.LoadAligned(c + Col.EpochDay * L)) + (VX.Create(tfrac) - VX.LoadAligned(c + Col.EpochFraction * L))) * VX.Create(1440.0);
        // Up to their reduction mod 2π, angles are formed exactly as the scalar kernel forms them (no fused
        // multiply-add), so that both round alike far from epoch.
        var t2 = t * t;
        var mm = VX.LoadAligned(c + Col.Mo * L) + VX.LoadAligned(c + Col.Mdot * L) * t;
        var argpm = VX.LoadAligned(c + Col.Argpo * L) + VX.LoadAligned(c + Col.Argpdot * L) * t;
        var nodem = (VX.LoadAligned(c + Col.Nodeo * L) + VX.LoadAligned(c + Col.Nodedot * L) * t) + VX.LoadAligned(c + Col.Nodecf * L) * t2;
        var tempa = one - VX.LoadAligned(c + Col.Cc1 * L) * t;

        // ----- dspace: lunar-solar secular rates (e and i where they are used) -----
        argpm = argpm + VX.LoadAligned(c + Col.Domdt * L) * t;
        nodem = nodem + VX.LoadAligned(c + Col.Dnodt * L) * t;
        mm = mm + VX.LoadAligned(c + Col.Dmdt * L) * t;
        // Without resonance nm is no_unkozai, whose (xke/nm)^(2/3) is the stored ao.
        var am = VX.LoadAligned(c + Col.Ao * L) * tempa * tempa;
        var rare = zero;
        var nmBad = zero;
        if (resonant)
        {
            // ----- dspace: the 12 h / 24 h resonance from the stored integrator state -----
            // The state serves as it is where the scalar integrator would take no step and not restart: its
            // derivatives valid, t within one 720-minute step of atime, on the same side of epoch and farther from
            // it (or atime = 0 with the epoch values). The integrator's grid is fixed, so any state that serves at t
            // is the one every call order reaches. Lanes where it does not serve are redone by the general kernel,
            // which steps (and stores) the state: once per lane per 720 minutes of a forward sweep.
            var res = VX.LoadAligned(c + Col.ResonantMask * L);
            var atime = VX.LoadAligned(c + Col.Atime * L);
            var xli = VX.LoadAligned(c + Col.Xli * L);
            var xni = VX.LoadAligned(c + Col.Xni * L);
            var no = VX.LoadAligned(c + Col.NoUnkozai * L);
            var ft = t - atime;
            var atEpoch = VX.Equals(atime, zero);
            var serves = VX.LoadAligned(c + Col.DerivValid * L) & VX.LessThan(VX.Abs(ft), VX.Create(720.0))
                         & VX.ConditionalSelect(atEpoch,
                             VX.Equals(xni, no) & VX.Equals(xli, VX.LoadAligned(c + Col.Xlamo * L)),
                             VX.GreaterThan(t * atime, zero) & VX.GreaterThanOrEqual(VX.Abs(t), VX.Abs(atime)));
            rare |= VX.AndNot(res, serves);
            var xndt = VX.LoadAligned(c + Col.Xndt * L);
            var half = VX.Create(0.5);
            var nmr = xni + xndt * ft + VX.LoadAligned(c + Col.Xnddt * L) * ft * ft * half;
            var xlr = xli + VX.LoadAligned(c + Col.Xldot * L) * ft + xndt * ft * ft * half;
            var (theta, missed1) = Fmod2Pi(VX.LoadAligned(c + Col.Gsto * L) + t * VX.Create(4.37526908801129966e-3));
            rare |= missed1;
            var two = VX.Create(2.0);
            var mmr = VX.ConditionalSelect(VX.LoadAligned(c + Col.SynchronousMask * L), xlr - nodem - argpm + theta, xlr - two * nodem + two * theta);
            nmr = no + (nmr - no);
            nmBad = res & VX.LessThanOrEqual(nmr, zero);
            var amr = PowTwoThirds(VX.Create(k.Xke) / nmr) * tempa * tempa;
            am = VX.ConditionalSelect(res, amr, am);
            mm = VX.ConditionalSelect(res, mmr, mm);
        }

        // ----- mean elements at t -----
        var sqrtAm = VX.Sqrt(am);
        var nmOverXke = one / (am * sqrtAm);       // nm / xke, nm = xke / am^1.5
        var em = (VX.LoadAligned(c + Col.Ecco * L) + VX.LoadAligned(c + Col.Dedt * L) * t) - VX.LoadAligned(c + Col.BstarCc4 * L) * t;
        var scalar = VX.LessThanOrEqual(VX.LoadAligned(c + Col.NoUnkozai * L), zero) | nmBad
                     | VX.GreaterThanOrEqual(em, one) | VX.LessThan(em, VX.Create(-0.001));
        em = VX.ConditionalSelect(VX.LessThan(em, VX.Create(1.0e-6)), VX.Create(1.0e-6), em);
        mm = mm + VX.LoadAligned(c + Col.NoUnkozai * L) * (VX.LoadAligned(c + Col.T2cof * L) * t2);
        var xlm = mm + argpm + nodem;
        var (nodep, missed2) = Fmod2Pi(nodem);
        rare |= missed2;
        var (argpp, missed3) = Fmod2Pi(argpm);
        rare |= missed3;
        (xlm, var missed6) = Fmod2Pi(xlm);
        rare |= missed6;
        var (mp, missed4) = Fmod2Pi(xlm - argpp - nodep);
        rare |= missed4;

        // ----- dpper: lunar-solar long-period periodics (the scalar kernel's operations) -----
        // Solar.
        var zm = VX.LoadAligned(c + Col.Zmos * L) + VX.Create(1.19459e-5) * t;
        var (sinzm, _) = SinCos(zm, Site(0));
        rare |= Unreduced(zm);
        var zf = zm + VX.Create(2.0 * 0.01675) * sinzm;
        var (sinzf, coszf) = SinCos(zf, Site(1));
        rare |= Unreduced(zf);
        var f2 = VX.Create(0.5) * sinzf * sinzf - VX.Create(0.25);
        var f3 = VX.Create(-0.5) * sinzf * coszf;
        var ses = VX.LoadAligned(c + Col.Se2 * L) * f2 + VX.LoadAligned(c + Col.Se3 * L) * f3;
        var sis = VX.LoadAligned(c + Col.Si2 * L) * f2 + VX.LoadAligned(c + Col.Si3 * L) * f3;
        var sls = VX.LoadAligned(c + Col.Sl2 * L) * f2 + VX.LoadAligned(c + Col.Sl3 * L) * f3 + VX.LoadAligned(c + Col.Sl4 * L) * sinzf;
        var sghs = VX.LoadAligned(c + Col.Sgh2 * L) * f2 + VX.LoadAligned(c + Col.Sgh3 * L) * f3 + VX.LoadAligned(c + Col.Sgh4 * L) * sinzf;
        var shs = VX.LoadAligned(c + Col.Sh2 * L) * f2 + VX.LoadAligned(c + Col.Sh3 * L) * f3;
        // Lunar.
        zm = VX.LoadAligned(c + Col.Zmol * L) + VX.Create(1.5835218e-4) * t;
        (sinzm, _) = SinCos(zm, Site(2));
        rare |= Unreduced(zm);
        zf = zm + VX.Create(2.0 * 0.05490) * sinzm;
        (sinzf, coszf) = SinCos(zf, Site(3));
        rare |= Unreduced(zf);
        f2 = VX.Create(0.5) * sinzf * sinzf - VX.Create(0.25);
        f3 = VX.Create(-0.5) * sinzf * coszf;
        var pe = ses + (VX.LoadAligned(c + Col.Ee2 * L) * f2 + VX.LoadAligned(c + Col.E3 * L) * f3);
        var pinc = sis + (VX.LoadAligned(c + Col.Xi2 * L) * f2 + VX.LoadAligned(c + Col.Xi3 * L) * f3);
        var plp = sls + (VX.LoadAligned(c + Col.Xl2 * L) * f2 + VX.LoadAligned(c + Col.Xl3 * L) * f3 + VX.LoadAligned(c + Col.Xl4 * L) * sinzf);
        var pgh = sghs + (VX.LoadAligned(c + Col.Xgh2 * L) * f2 + VX.LoadAligned(c + Col.Xgh3 * L) * f3 + VX.LoadAligned(c + Col.Xgh4 * L) * sinzf);
        var ph = shs + (VX.LoadAligned(c + Col.Xh2 * L) * f2 + VX.LoadAligned(c + Col.Xh3 * L) * f3);

        var xincp = (VX.LoadAligned(c + Col.Inclo * L) + VX.LoadAligned(c + Col.Didt * L) * t) + pinc;
        var ep = em + pe;
        var (sinip, cosip) = SinCos(xincp, Site(4));
        // Direct form (inclination ≥ 0.2 rad).
        var phd = ph / sinip;
        var argpd = argpp + (pgh - cosip * phd);
        var noded = nodep + phd;
        var lyd = VX.AndNot(allOnes, VX.GreaterThanOrEqual(xincp, VX.Create(0.2)));
        if (!None(lyd))
        {
            // Lyddane's modification for small inclinations. nodep is already reduced mod 2π, so fmod leaves it.
            var (sinop, cosop) = SinCos(nodep, Site(5));
            var alfdp = sinip * sinop + (ph * cosop + pinc * cosip * sinop);
            var betdp = sinip * cosop + (-ph * sinop + pinc * cosip * cosop);
            var twoPi = VX.Create(TwoPi);
            var nodel = nodep;
            if (k.Afspc) nodel = VX.ConditionalSelect(VX.LessThan(nodel, zero), nodel + twoPi, nodel);
            var xls = (mp + argpp + cosip * nodel) + (plp + pgh - pinc * nodel * sinip);
            var xnoh = nodel;
            nodel = Atan2(alfdp, betdp);
            if (k.Afspc) nodel = VX.ConditionalSelect(VX.LessThan(nodel, zero), nodel + twoPi, nodel);
            var wrap = VX.GreaterThan(VX.Abs(xnoh - nodel), VX.Create(Math.PI));
            nodel = VX.ConditionalSelect(wrap, VX.ConditionalSelect(VX.LessThan(nodel, xnoh), nodel + twoPi, nodel - twoPi), nodel);
            argpd = VX.ConditionalSelect(lyd, xls - (mp + plp) - cosip * nodel, argpd);
            noded = VX.ConditionalSelect(lyd, nodel, noded);
        }
        argpp = argpd;
        nodep = noded;
        mp = mp + plp;
        // A negative inclination: its absolute value, with the node and perigee turned by π.
        var negInc = VX.LessThan(xincp, zero);
        sinip = VX.ConditionalSelect(negInc, -sinip, sinip);
        nodep = VX.ConditionalSelect(negInc, nodep + VX.Create(Math.PI), nodep);
        argpp = VX.ConditionalSelect(negInc, argpp - VX.Create(Math.PI), argpp);
        scalar |= VX.LessThan(ep, zero) | VX.GreaterThan(ep, one);

        var aycof = VX.Create(-0.5 * k.J3oj2) * sinip;
        var onePlusCos = one + cosip;
        // cos i = −1 to 1.5e-12 takes the scalar kernel's guarded divisor: left to the general kernel.
        rare |= VX.LessThanOrEqual(VX.Abs(cosip + one), VX.Create(1.5e-12));
        var xlcof = VX.Create(-0.25 * k.J3oj2) * sinip * (VX.Create(3.0) + VX.Create(5.0) * cosip) / onePlusCos;
        var cosisq = cosip * cosip;
        var con41 = VX.Create(3.0) * cosisq - one;
        var x1mth2 = one - cosisq;
        var x7thm1 = VX.Create(7.0) * cosisq - one;

        // ----- long-period periodics -----
        var (sinargpp, cosargpp) = SinCos(argpp, Site(6));
        var axnl = ep * cosargpp;
        var temp0 = one / (am * VX.FusedMultiplyAdd(-ep, ep, one));
        var aynl = VX.FusedMultiplyAdd(ep, sinargpp, temp0 * aycof);
        var xl = VX.FusedMultiplyAdd(temp0 * xlcof, axnl, mp + argpp + nodep);

        // ----- Kepler's equation in Lyddane's variables -----
        var (u, missed5) = Fmod2Pi(xl - nodep);
        rare |= missed5;
        var (sinu0, cosu0) = SinCos(u, Site(7));
        var el2 = VX.FusedMultiplyAdd(axnl, axnl, aynl * aynl);
        var (sineo1, coseo1, keplerRare) = SolveKepler(u, u, sinu0, cosu0, axnl, aynl, el2, 8, fullOnBigStep: true);
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
        var mrt = VX.FusedMultiplyAdd(rl, VX.FusedMultiplyAdd(VX.Create(-1.5) * temp2 * betal, con41, one), VX.Create(0.5) * temp1 * x1mth2 * cos2u);
        var dsu = VX.Create(-0.25) * temp2 * x7thm1 * sin2u;
        var temp2c = VX.Create(1.5) * temp2 * cosip;
        var xnode = VX.FusedMultiplyAdd(temp2c, sin2u, nodep);
        var dinc = temp2c * sinip * cos2u;
        var nt1 = nmOverXke * temp1;
        var mvt = VX.FusedMultiplyAdd(-nt1 * x1mth2, sin2u, rdotl);
        var rvdot = VX.FusedMultiplyAdd(nt1, VX.FusedMultiplyAdd(x1mth2, cos2u, VX.Create(1.5) * con41), rvdotl);

        // ----- orientation -----
        // su = atan2(sinu, cosu) + dsu and i = xincp + dinc: sines and cosines by angle addition. sinu² + cosu²
        // is 1 to rounding, so 1/√ of it is 1.5 − n/2 to second order (exact to 1e-16 where |n − 1| < 1e-8).
        var normu2 = VX.FusedMultiplyAdd(sinu, sinu, cosu * cosu);
        var inv = VX.FusedMultiplyAdd(VX.Create(-0.5), normu2, VX.Create(1.5));
        var (sdu, cdu) = SinCosSmall(dsu, Site(12));
        var s0u = sinu * inv;
        var c0u = cosu * inv;
        var sinsu = VX.FusedMultiplyAdd(s0u, cdu, c0u * sdu);
        var cossu = VX.FusedMultiplyAdd(c0u, cdu, -(s0u * sdu));
        rare |= VX.GreaterThan(VX.Abs(dsu), VX.Create(SmallAngle)) | VX.GreaterThan(VX.Abs(normu2 - one), VX.Create(1.0e-8));
        var (sdi, cdi) = SinCosSmall(dinc, Site(13));
        var sini = VX.FusedMultiplyAdd(sinip, cdi, cosip * sdi);
        var cosi = VX.FusedMultiplyAdd(cosip, cdi, -(sinip * sdi));
        rare |= VX.GreaterThan(VX.Abs(dinc), VX.Create(SmallAngle));
        var (snod, cnod) = SinCos(xnode, Site(14));
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

    /// <summary>
    /// x^(2/3) for the resonant lanes' semi-major axis, without a call (a call would spill every live vector
    /// register): the cube root of x² from an estimate on its bits (exponent and mantissa divided by three, Kahan's
    /// offset; within 3.5%), two Halley steps (cubic: 1e-4, then 1e-12) and one Newton step on y³ = x² (within 1 ulp
    /// or so; 6e-16 relative measured over 0.1 ≤ x ≤ 1e4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V PowTwoThirds(V x)
    {
        var y = x * x;
        var r = (VX.ConvertToInt64(VX.ConvertToDouble(y.AsInt64()) * VX.Create(1.0 / 3.0)) + VX.Create(0x2A9F789300000000L)).AsDouble();
        var r3 = r * r * r;
        r = r * (r3 + y + y) / (r3 + r3 + y);
        r3 = r * r * r;
        r = r * (r3 + y + y) / (r3 + r3 + y);
        var q = x / r;
        return r + (q * q - r) * VX.Create(1.0 / 3.0);
    }

    private const double TanPiO8 = 0.41421356237309503;
    private const double PiO4Hi = 0.7853981633974483, PiO4Lo = 3.061616997868383e-17;
    private const double A1 = -0.3333333333333333, A2 = 0.19999999999999804, A3 = -0.14285714285659729,
        A4 = 0.11111111105145725, A5 = -0.09090908753017178, A6 = 0.07692296361048218, A7 = -0.06666424634599337,
        A8 = 0.05878926110528101, A9 = -0.052304330074828924, A10 = 0.0455149623749493,
        A11 = -0.034568068014968874, A12 = 0.016282993238924487;

    /// <summary>atan2(y, x) in (−π, π], within 2 ulp (the method and coefficients of <see cref="SimdMath.Atan2{V}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Atan2(V y, V x)
    {
        var ax = VX.Abs(x);
        var ay = VX.Abs(y);
        var swap = VX.GreaterThan(ay, ax);
        var num = VX.Min(ax, ay);
        var den = VX.Max(ax, ay);
        var big = VX.GreaterThan(num, VX.Create(TanPiO8) * den);
        var zero = V.Zero;
        var t = VX.ConditionalSelect(big, num - den, num) / VX.ConditionalSelect(big, num + den, den);
        t = VX.ConditionalSelect(VX.GreaterThan(den, zero), t, zero);
        var z = t * t;
        var p = VX.FusedMultiplyAdd(VX.Create(A12), z, VX.Create(A11));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A10));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A9));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A8));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A7));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A6));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A5));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A4));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A3));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A2));
        p = VX.FusedMultiplyAdd(p, z, VX.Create(A1));
        var tail = t * z * p;
        // m·π/4 + sgn·atan(t): m = 1 above tan(π/8); m → 2 − m when |y| > |x|; m → 4 − m when x is negative (or −0).
        var one = V.One;
        var m = VX.ConditionalSelect(big, one, zero);
        var sgn = one;
        m = VX.ConditionalSelect(swap, VX.Create(2.0) - m, m);
        sgn = VX.ConditionalSelect(swap, -sgn, sgn);
        var xneg = VX.LessThan(x.AsInt64(), Vector512<long>.Zero).AsDouble();
        m = VX.ConditionalSelect(xneg, VX.Create(4.0) - m, m);
        sgn = VX.ConditionalSelect(xneg, -sgn, sgn);
        var hi = m * VX.Create(PiO4Hi);
        var lo = VX.FusedMultiplyAdd(m, VX.Create(PiO4Lo), VX.FusedMultiplyAdd(m, VX.Create(PiO4Hi), -hi));
        var st = sgn * t;
        var sum = hi + st;
        var err = (hi - sum) + st;
        var r = sum + (err + VX.FusedMultiplyAdd(sgn, tail, lo));
        r ^= y & VX.Create(-0.0);
        return VX.ConditionalSelect(VX.Equals(x, x) & VX.Equals(y, y), r, x + y);
    }
}
