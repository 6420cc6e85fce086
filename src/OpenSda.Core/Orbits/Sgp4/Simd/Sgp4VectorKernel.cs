using System.Runtime.CompilerServices;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// The SGP4/SDP4 propagation of <see cref="Sgp4Record.Propagate"/>, lanes = objects, written once for any
/// <see cref="ISimdDouble{TSelf}"/> width. It follows the scalar kernel operation for operation (same
/// order, no contraction into fused multiply-adds), so results differ from the scalar ones only where a
/// vector sine, cosine or atan2 differs from the C library's by an ulp. Branches become masks: a branch
/// whose lanes all agree runs alone (<see cref="GroupFlags"/>, and run-time "any lane" tests); a mixed one
/// runs both sides and selects per lane.
/// </summary>
/// <remarks>
/// Lanes the kernel does not finish itself are marked "scalar" in the output and recomputed by the caller
/// with the scalar reference: published elements that cannot be propagated, every sample that ends in codes
/// 1–4 (mean motion ≤ 0, eccentricity out of range, perturbed eccentricity out of range, semi-latus rectum
/// &lt; 0), and any NaN result. So error codes are the scalar kernel's by construction. Code 6 (decayed) is
/// decided here, as the scalar kernel decides it (radius &lt; 1 Earth radius, state still returned).
/// </remarks>
internal static unsafe class Sgp4VectorKernel
{
    private const double TwoPi = 2.0 * Math.PI;
    private const double X2o3 = 2.0 / 3.0;
    private const double Temp4 = 1.5e-12;

    /// <summary>Output rows of the kernel's scratch block (each <see cref="Col.Lanes"/> doubles).</summary>
    public const int OutX = 0, OutY = 1, OutZ = 2, OutVx = 3, OutVy = 4, OutVz = 5, OutDecayed = 6, OutScalar = 7, OutRows = 8;

    /// <summary>Batch-wide gravity constants and mode (as <see cref="Sgp4Record"/> holds them per object).</summary>
    internal readonly struct Constants(in Sgp4GravityConstants g, Sgp4OperationMode mode)
    {
        public readonly double Xke = g.Xke;
        public readonly double J2 = g.J2;
        public readonly double J3oj2 = g.J3 / g.J2;
        public readonly double RadiusEarthKm = g.RadiusEarthKm;
        public readonly double VkmPerSec = g.RadiusEarthKm * g.Xke / 60.0;
        public readonly bool Afspc = mode == Sgp4OperationMode.Afspc;
    }

    /// <summary>
    /// Propagates the lanes at <paramref name="c"/> (a group's column block, offset to the first lane) to the UTC
    /// instant (<paramref name="tDay"/>, <paramref name="tFraction"/>); writes rows <see cref="OutX"/>…<see cref="OutScalar"/>
    /// at <paramref name="o"/> (stride <see cref="Col.Lanes"/>). Advances the resonance integrator state in the columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Propagate<V>(double* c, GroupFlags flags, double tDay, double tFraction, in Constants k, double* o)
        where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        var one = V.Create(1.0);
        var zero = V.Create(0.0);

        // tsince in minutes, formed part by part from the two-part Julian dates (Sgp4Propagator.TsinceMinutes).
        var t = ((V.Create(tDay) - V.Load(c + Col.EpochDay * L)) + (V.Create(tFraction) - V.Load(c + Col.EpochFraction * L))) * V.Create(1440.0);

        // ----- secular gravity and atmospheric drag -----
        var xmdf = V.Load(c + Col.Mo * L) + V.Load(c + Col.Mdot * L) * t;
        var argpdf = V.Load(c + Col.Argpo * L) + V.Load(c + Col.Argpdot * L) * t;
        var nodedf = V.Load(c + Col.Nodeo * L) + V.Load(c + Col.Nodedot * L) * t;
        var argpm = argpdf;
        var mm = xmdf;
        var t2 = t * t;
        var nodem = nodedf + V.Load(c + Col.Nodecf * L) * t2;
        var tempa = one - V.Load(c + Col.Cc1 * L) * t;
        var tempe = V.Load(c + Col.BstarCc4 * L) * t;
        var templ = V.Load(c + Col.T2cof * L) * t2;

        if ((flags & GroupFlags.NonSimple) != 0)
        {
            // Simplified-drag lanes hold zeros in these columns, which leaves their values unchanged.
            var delomg = V.Load(c + Col.Omgcof * L) * t;
            SimdMath.SinCos(xmdf, out var sinxmdf, out var cosxmdf);
            var delmtemp = one + V.Load(c + Col.Eta * L) * cosxmdf;
            var delm = V.Load(c + Col.Xmcof * L) * (delmtemp * delmtemp * delmtemp - V.Load(c + Col.Delmo * L));
            var tempm = delomg + delm;
            mm = xmdf + tempm;
            argpm = argpdf - tempm;
            var t3 = t2 * t;
            var t4 = t3 * t;
            tempa = tempa - V.Load(c + Col.D2 * L) * t2 - V.Load(c + Col.D3 * L) * t3 - V.Load(c + Col.D4 * L) * t4;
            var small = V.Le(V.Abs(tempm), V.Create(SimdMath.SmallAngle));
            SimdMath.SinCosSmall(tempm, out var sd, out var cd);
            var sinmm = sinxmdf * cd + cosxmdf * sd;
            if (!V.All(small))
            {
                SimdMath.SinCos(mm, out var sinFull, out _);
                sinmm = V.Select(small, sinmm, sinFull);
            }
            tempe = tempe + V.Load(c + Col.BstarCc5 * L) * (sinmm - V.Load(c + Col.Sinmao * L));
            templ = templ + V.Load(c + Col.T3cof * L) * t3 + t4 * (V.Load(c + Col.T4cof * L) + t * V.Load(c + Col.T5cof * L));
        }

        var noUnkozai = V.Load(c + Col.NoUnkozai * L);
        var nm = noUnkozai;
        var em = V.Load(c + Col.Ecco * L);
        var inclm = V.Load(c + Col.Inclo * L);
        var am = V.Load(c + Col.Ao * L) * tempa * tempa;
        var scalar = V.Load(c + Col.InputErrorMask * L);
        var deep = (flags & GroupFlags.Deep) != 0;
        var dsMask = zero;

        if (deep)
        {
            // ----- dspace: lunar-solar secular rates (zero columns on near-earth lanes) -----
            dsMask = V.Load(c + Col.DeepMask * L);
            var theta = SimdMath.Fmod2Pi(V.Load(c + Col.Gsto * L) + t * V.Create(4.37526908801129966e-3));
            em = em + V.Load(c + Col.Dedt * L) * t;
            inclm = inclm + V.Load(c + Col.Didt * L) * t;
            argpm = argpm + V.Load(c + Col.Domdt * L) * t;
            nodem = nodem + V.Load(c + Col.Dnodt * L) * t;
            mm = mm + V.Load(c + Col.Dmdt * L) * t;
            if ((flags & GroupFlags.Resonant) != 0)
            {
                var res = V.Load(c + Col.ResonantMask * L);
                Resonance(c, res, t, theta, nodem, argpm, ref nm, ref mm);
                // am = (xke/nm)^(2/3)·tempa² where the mean motion comes from the integrator.
                am = V.Select(res, PowTwoThirds(V.Create(k.Xke) / nm) * tempa * tempa, am);
            }
        }

        scalar |= V.Le(nm, zero);
        nm = V.Create(k.Xke) / (am * V.Sqrt(am));
        em = em - tempe;
        scalar |= V.Ge(em, one) | V.Lt(em, V.Create(-0.001));
        em = V.Select(V.Lt(em, V.Create(1.0e-6)), V.Create(1.0e-6), em);
        mm = mm + noUnkozai * templ;
        var xlm = mm + argpm + nodem;
        nodem = SimdMath.Fmod2Pi(nodem);
        argpm = SimdMath.Fmod2Pi(argpm);
        xlm = SimdMath.Fmod2Pi(xlm);
        mm = SimdMath.Fmod2Pi(xlm - argpm - nodem);

        // ----- lunar-solar periodics -----
        var ep = em;
        var xincp = inclm;
        var argpp = argpm;
        var nodep = nodem;
        var mp = mm;
        var sinip = V.Load(c + Col.SinIo * L);
        var cosip = V.Load(c + Col.CosIo * L);
        var aycof = V.Load(c + Col.Aycof * L);
        var xlcof = V.Load(c + Col.Xlcof * L);
        var con41 = V.Load(c + Col.Con41 * L);
        var x1mth2 = V.Load(c + Col.X1mth2 * L);
        var x7thm1 = V.Load(c + Col.X7thm1 * L);
        if (deep)
        {
            var dep = ep;
            var dinclp = xincp;
            var dnodep = nodep;
            var dargpp = argpp;
            var dmp = mp;
            DeepSpacePeriodics(c, dsMask, t, k.Afspc, ref dep, ref dinclp, ref dnodep, ref dargpp, ref dmp, out var dsinip, out var dcosip);
            var neg = V.Lt(dinclp, zero);
            dinclp = V.Select(neg, -dinclp, dinclp);
            dsinip = V.Select(neg, -dsinip, dsinip);
            dnodep = V.Select(neg, dnodep + V.Create(Math.PI), dnodep);
            dargpp = V.Select(neg, dargpp - V.Create(Math.PI), dargpp);
            scalar |= dsMask & (V.Lt(dep, zero) | V.Gt(dep, one));

            var daycof = V.Create(-0.5 * k.J3oj2) * dsinip;
            var xlnum = V.Create(-0.25 * k.J3oj2) * dsinip * (V.Create(3.0) + V.Create(5.0) * dcosip);
            var dxlcof = xlnum / V.Select(V.Gt(V.Abs(dcosip + one), V.Create(1.5e-12)), one + dcosip, V.Create(Temp4));
            var cosisq = dcosip * dcosip;
            ep = V.Select(dsMask, dep, ep);
            xincp = V.Select(dsMask, dinclp, xincp);
            nodep = V.Select(dsMask, dnodep, nodep);
            argpp = V.Select(dsMask, dargpp, argpp);
            mp = V.Select(dsMask, dmp, mp);
            sinip = V.Select(dsMask, dsinip, sinip);
            cosip = V.Select(dsMask, dcosip, cosip);
            aycof = V.Select(dsMask, daycof, aycof);
            xlcof = V.Select(dsMask, dxlcof, xlcof);
            con41 = V.Select(dsMask, V.Create(3.0) * cosisq - one, con41);
            x1mth2 = V.Select(dsMask, one - cosisq, x1mth2);
            x7thm1 = V.Select(dsMask, V.Create(7.0) * cosisq - one, x7thm1);
        }

        // ----- long-period periodics -----
        SimdMath.SinCos(argpp, out var sinargpp, out var cosargpp);
        var axnl = ep * cosargpp;
        var temp0 = one / (am * (one - ep * ep));
        var aynl = ep * sinargpp + temp0 * aycof;
        var xl = mp + argpp + nodep + temp0 * xlcof * axnl;

        // ----- Kepler's equation in Lyddane's variables, iterated while any lane is unconverged -----
        var u = SimdMath.Fmod2Pi(xl - nodep);
        var eo1 = u;
        SimdMath.SinCos(eo1, out var sineo1, out var coseo1);
        var active = V.Create(BitConverter.Int64BitsToDouble(-1L)); // all lanes
        var clamp = V.Create(0.95);
        for (var ktr = 1; ; ktr++)
        {
            var tem5 = one - coseo1 * axnl - sineo1 * aynl;
            tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
            var big = V.Ge(V.Abs(tem5), clamp);
            tem5 = V.Select(big, V.Select(V.Gt(tem5, zero), clamp, -clamp), tem5);
            eo1 = V.Select(active, eo1 + tem5, eo1);
            // As the scalar loop: the sine and cosine left are those before the last correction.
            active &= V.Ge(V.Abs(tem5), V.Create(1.0e-12));
            if (ktr >= 10 || !V.Any(active)) break;
            SimdMath.SinCosSmall(tem5, out var sd, out var cd);
            var s0 = sineo1;
            var sNew = s0 * cd + coseo1 * sd;
            var cNew = coseo1 * cd - s0 * sd;
            var smallStep = V.Le(V.Abs(tem5), V.Create(SimdMath.SmallAngle));
            if (V.Any(V.AndNot(active, smallStep)))
            {
                SimdMath.SinCos(eo1, out var sFull, out var cFull);
                sNew = V.Select(smallStep, sNew, sFull);
                cNew = V.Select(smallStep, cNew, cFull);
            }
            sineo1 = V.Select(active, sNew, sineo1);
            coseo1 = V.Select(active, cNew, coseo1);
        }

        // ----- short-period preliminary quantities -----
        var ecose = axnl * coseo1 + aynl * sineo1;
        var esine = axnl * sineo1 - aynl * coseo1;
        var el2 = axnl * axnl + aynl * aynl;
        var pl = am * (one - el2);
        scalar |= V.Lt(pl, zero);

        var rl = am * (one - ecose);
        var rdotl = V.Sqrt(am) * esine / rl;
        var rvdotl = V.Sqrt(pl) / rl;
        var betal = V.Sqrt(one - el2);
        var temp = esine / (one + betal);
        var amOverRl = am / rl;
        var sinu = amOverRl * (sineo1 - aynl - axnl * temp);
        var cosu = amOverRl * (coseo1 - axnl + aynl * temp);
        var sin2u = (cosu + cosu) * sinu;
        var cos2u = one - V.Create(2.0) * sinu * sinu;
        temp = one / pl;
        var temp1 = V.Create(0.5 * k.J2) * temp;
        var temp2 = temp1 * temp;

        // ----- short-period periodics -----
        var mrt = rl * (one - V.Create(1.5) * temp2 * betal * con41) + V.Create(0.5) * temp1 * x1mth2 * cos2u;
        var dsu = V.Create(-0.25) * temp2 * x7thm1 * sin2u;
        var dnode = V.Create(1.5) * temp2 * cosip * sin2u;
        var xnode = nodep + dnode;
        var dinc = V.Create(1.5) * temp2 * cosip * sinip * cos2u;
        var xke = V.Create(k.Xke);
        var mvt = rdotl - nm * temp1 * x1mth2 * sin2u / xke;
        var rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + V.Create(1.5) * con41) / xke;

        // ----- orientation vectors: sin/cos of u + dsu and of xincp + dinc by angle addition when small -----
        var normu2 = sinu * sinu + cosu * cosu;
        var inv = one / V.Sqrt(normu2);
        SimdMath.SinCosSmall(dsu, out var sdu, out var cdu);
        var s0u = sinu * inv;
        var c0u = cosu * inv;
        var sinsu = s0u * cdu + c0u * sdu;
        var cossu = c0u * cdu - s0u * sdu;
        var fastU = V.Le(V.Abs(dsu), V.Create(SimdMath.SmallAngle)) & V.Gt(normu2, zero);
        if (!V.All(fastU))
        {
            SimdMath.SinCos(SimdMath.Atan2(sinu, cosu) + dsu, out var sFull, out var cFull);
            sinsu = V.Select(fastU, sinsu, sFull);
            cossu = V.Select(fastU, cossu, cFull);
        }
        SimdMath.SinCosSmall(dinc, out var sdi, out var cdi);
        var sini = sinip * cdi + cosip * sdi;
        var cosi = cosip * cdi - sinip * sdi;
        var fastI = V.Le(V.Abs(dinc), V.Create(SimdMath.SmallAngle));
        if (!V.All(fastI))
        {
            SimdMath.SinCos(xincp + dinc, out var sFull, out var cFull);
            sini = V.Select(fastI, sini, sFull);
            cosi = V.Select(fastI, cosi, cFull);
        }
        SimdMath.SinCos(xnode, out var snod, out var cnod);
        var xmx = -snod * cosi;
        var xmy = cnod * cosi;
        var ux = xmx * sinsu + cnod * cossu;
        var uy = xmy * sinsu + snod * cossu;
        var uz = sini * sinsu;
        var wx = xmx * cossu - cnod * sinsu;
        var wy = xmy * cossu - snod * sinsu;
        var wz = sini * cossu;

        var mr = mrt * V.Create(k.RadiusEarthKm);
        var vk = V.Create(k.VkmPerSec);
        var x = mr * ux;
        V.Store(x, o + OutX * L);
        V.Store(mr * uy, o + OutY * L);
        V.Store(mr * uz, o + OutZ * L);
        var vx = (mvt * ux + rvdot * wx) * vk;
        V.Store(vx, o + OutVx * L);
        V.Store((mvt * uy + rvdot * wy) * vk, o + OutVy * L);
        V.Store((mvt * uz + rvdot * wz) * vk, o + OutVz * L);
        V.Store(V.Lt(mrt, one), o + OutDecayed * L);
        // Anything not finite is left to the scalar kernel, whatever it makes of it.
        scalar |= V.AndNot(V.Create(BitConverter.Int64BitsToDouble(-1L)), V.Eq(x, x) & V.Eq(vx, vx));
        V.Store(scalar, o + OutScalar * L);
    }

    /// <summary>x^(2/3): exp(⅔·ln x) from the runtime's vector kernels, then one Newton step on y³ = x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V PowTwoThirds<V>(V x) where V : unmanaged, ISimdDouble<V>
    {
        var y = V.Exp(V.Log(x) * V.Create(X2o3));
        var q = x / y;
        return y + (q * q - y) * V.Create(1.0 / 3.0);
    }

    /// <summary>
    /// <c>dspace</c>'s resonance integration (<see cref="Sgp4Record"/>.DeepSpaceSecular) for the lanes of
    /// <paramref name="res"/>: 720-minute Euler–Maclaurin steps from the stored state, restarted from epoch
    /// when the request goes back towards it, stepped while any lane is 720 minutes or more away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Resonance<V>(double* c, V res, V t, V theta, V nodem, V argpm, ref V nm, ref V mm)
        where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        const double stepp = 720.0, step2 = 259200.0;
        var zero = V.Create(0.0);
        var atime = V.Load(c + Col.Atime * L);
        var xli = V.Load(c + Col.Xli * L);
        var xni = V.Load(c + Col.Xni * L);
        var valid = V.Load(c + Col.DerivValid * L);
        var xndt = V.Load(c + Col.Xndt * L);
        var xldot = V.Load(c + Col.Xldot * L);
        var xnddt = V.Load(c + Col.Xnddt * L);
        var no = V.Load(c + Col.NoUnkozai * L);
        var xlamo = V.Load(c + Col.Xlamo * L);
        var sync = V.Load(c + Col.SynchronousMask * L);
        var allOnes = V.Create(BitConverter.Int64BitsToDouble(-1L));

        var restart = res & (V.Eq(atime, zero) | V.Le(t * atime, zero) | V.Lt(V.Abs(t), V.Abs(atime)));
        if (V.Any(restart))
        {
            var moved = V.AndNot(allOnes, V.Eq(atime, zero) & V.Eq(xni, no) & V.Eq(xli, xlamo));
            valid = V.AndNot(valid, restart & moved);
            atime = V.Select(restart, zero, atime);
            xni = V.Select(restart, no, xni);
            xli = V.Select(restart, xlamo, xli);
        }
        var delt = V.Select(V.Gt(t, zero), V.Create(stepp), V.Create(-stepp));

        while (true)
        {
            var need = V.AndNot(res, valid);
            if (V.Any(need))
            {
                var xldotNew = xni + V.Load(c + Col.Xfact * L);
                var needSync = need & sync;
                if (V.Any(needSync))
                {
                    // Near-synchronous resonance.
                    SimdMath.SinCos(xli - V.Create(0.13130908), out var s1, out var c1);
                    SimdMath.SinCos(V.Create(2.0) * (xli - V.Create(2.8843198)), out var s2, out var c2);
                    SimdMath.SinCos(V.Create(3.0) * (xli - V.Create(0.37448087)), out var s3, out var c3);
                    var del1 = V.Load(c + Col.Del1 * L);
                    var del2 = V.Load(c + Col.Del2 * L);
                    var del3 = V.Load(c + Col.Del3 * L);
                    var nd = del1 * s1 + del2 * s2 + del3 * s3;
                    var ndd = (del1 * c1 + V.Create(2.0) * del2 * c2 + V.Create(3.0) * del3 * c3) * xldotNew;
                    xndt = V.Select(needSync, nd, xndt);
                    xnddt = V.Select(needSync, ndd, xnddt);
                }
                var needHalf = V.AndNot(need, sync);
                if (V.Any(needHalf))
                {
                    // Near half-day resonance.
                    const double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998, g52 = 1.0508330, g54 = 4.4108898;
                    var xomi = V.Load(c + Col.Argpo * L) + V.Load(c + Col.Argpdot * L) * atime;
                    var x2omi = xomi + xomi;
                    var x2li = xli + xli;
                    SimdMath.SinCos(x2omi + xli - V.Create(g22), out var sa, out var ca);
                    SimdMath.SinCos(xli - V.Create(g22), out var sb, out var cb);
                    SimdMath.SinCos(xomi + xli - V.Create(g32), out var sc, out var cc);
                    SimdMath.SinCos(-xomi + xli - V.Create(g32), out var sd, out var cd);
                    SimdMath.SinCos(x2omi + x2li - V.Create(g44), out var se, out var ce);
                    SimdMath.SinCos(x2li - V.Create(g44), out var sf, out var cf);
                    SimdMath.SinCos(xomi + xli - V.Create(g52), out var sg, out var cg);
                    SimdMath.SinCos(-xomi + xli - V.Create(g52), out var sh, out var ch);
                    SimdMath.SinCos(xomi + x2li - V.Create(g54), out var si, out var ci);
                    SimdMath.SinCos(-xomi + x2li - V.Create(g54), out var sj, out var cj);
                    var d2201 = V.Load(c + Col.D2201 * L);
                    var d2211 = V.Load(c + Col.D2211 * L);
                    var d3210 = V.Load(c + Col.D3210 * L);
                    var d3222 = V.Load(c + Col.D3222 * L);
                    var d4410 = V.Load(c + Col.D4410 * L);
                    var d4422 = V.Load(c + Col.D4422 * L);
                    var d5220 = V.Load(c + Col.D5220 * L);
                    var d5232 = V.Load(c + Col.D5232 * L);
                    var d5421 = V.Load(c + Col.D5421 * L);
                    var d5433 = V.Load(c + Col.D5433 * L);
                    var nd = d2201 * sa + d2211 * sb + d3210 * sc + d3222 * sd + d4410 * se
                             + d4422 * sf + d5220 * sg + d5232 * sh + d5421 * si + d5433 * sj;
                    var ndd = (d2201 * ca + d2211 * cb + d3210 * cc + d3222 * cd + d5220 * cg + d5232 * ch
                               + V.Create(2.0) * (d4410 * ce + d4422 * cf + d5421 * ci + d5433 * cj)) * xldotNew;
                    xndt = V.Select(needHalf, nd, xndt);
                    xnddt = V.Select(needHalf, ndd, xnddt);
                }
                xldot = V.Select(need, xldotNew, xldot);
                valid |= need;
            }

            var step = res & V.Ge(V.Abs(t - atime), V.Create(stepp));
            if (!V.Any(step)) break;
            xli = V.Select(step, xli + xldot * delt + xndt * V.Create(step2), xli);
            xni = V.Select(step, xni + xndt * delt + xnddt * V.Create(step2), xni);
            atime = V.Select(step, atime + delt, atime);
            valid = V.AndNot(valid, step);
        }

        V.Store(atime, c + Col.Atime * L);
        V.Store(xli, c + Col.Xli * L);
        V.Store(xni, c + Col.Xni * L);
        V.Store(valid, c + Col.DerivValid * L);
        V.Store(xndt, c + Col.Xndt * L);
        V.Store(xldot, c + Col.Xldot * L);
        V.Store(xnddt, c + Col.Xnddt * L);

        var ft = t - atime;
        var half = V.Create(0.5);
        var nmr = xni + xndt * ft + xnddt * ft * ft * half;
        var xl = xli + xldot * ft + xndt * ft * ft * half;
        var two = V.Create(2.0);
        var mmr = V.Select(sync, xl - nodem - argpm + theta, xl - two * nodem + two * theta);
        var dndt = nmr - no;
        nmr = no + dndt;
        nm = V.Select(res, nmr, nm);
        mm = V.Select(res, mmr, mm);
    }

    /// <summary>
    /// <c>dpper</c> (<see cref="Sgp4Record"/>.DeepSpacePeriodics): lunar-solar long-period periodics, direct
    /// for inclinations ≥ 0.2 rad, Lyddane's form below (run only when some deep-space lane needs it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DeepSpacePeriodics<V>(double* c, V dsMask, V t, bool afspc,
        ref V ep, ref V inclp, ref V nodep, ref V argpp, ref V mp, out V sinip, out V cosip)
        where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        const double zns = 1.19459e-5, zes = 0.01675, znl = 1.5835218e-4, zel = 0.05490;
        var half = V.Create(0.5);
        var quarter = V.Create(0.25);
        var mhalf = V.Create(-0.5);

        // Solar.
        var zm = V.Load(c + Col.Zmos * L) + V.Create(zns) * t;
        SimdMath.SinCos(zm, out var sinzm, out _);
        var zf = zm + V.Create(2.0 * zes) * sinzm;
        SimdMath.SinCos(zf, out var sinzf, out var coszf);
        var f2 = half * sinzf * sinzf - quarter;
        var f3 = mhalf * sinzf * coszf;
        var ses = V.Load(c + Col.Se2 * L) * f2 + V.Load(c + Col.Se3 * L) * f3;
        var sis = V.Load(c + Col.Si2 * L) * f2 + V.Load(c + Col.Si3 * L) * f3;
        var sls = V.Load(c + Col.Sl2 * L) * f2 + V.Load(c + Col.Sl3 * L) * f3 + V.Load(c + Col.Sl4 * L) * sinzf;
        var sghs = V.Load(c + Col.Sgh2 * L) * f2 + V.Load(c + Col.Sgh3 * L) * f3 + V.Load(c + Col.Sgh4 * L) * sinzf;
        var shs = V.Load(c + Col.Sh2 * L) * f2 + V.Load(c + Col.Sh3 * L) * f3;

        // Lunar.
        zm = V.Load(c + Col.Zmol * L) + V.Create(znl) * t;
        SimdMath.SinCos(zm, out sinzm, out _);
        zf = zm + V.Create(2.0 * zel) * sinzm;
        SimdMath.SinCos(zf, out sinzf, out coszf);
        f2 = half * sinzf * sinzf - quarter;
        f3 = mhalf * sinzf * coszf;
        var sel = V.Load(c + Col.Ee2 * L) * f2 + V.Load(c + Col.E3 * L) * f3;
        var sil = V.Load(c + Col.Xi2 * L) * f2 + V.Load(c + Col.Xi3 * L) * f3;
        var sll = V.Load(c + Col.Xl2 * L) * f2 + V.Load(c + Col.Xl3 * L) * f3 + V.Load(c + Col.Xl4 * L) * sinzf;
        var sghl = V.Load(c + Col.Xgh2 * L) * f2 + V.Load(c + Col.Xgh3 * L) * f3 + V.Load(c + Col.Xgh4 * L) * sinzf;
        var shll = V.Load(c + Col.Xh2 * L) * f2 + V.Load(c + Col.Xh3 * L) * f3;

        var pe = ses + sel;
        var pinc = sis + sil;
        var pl = sls + sll;
        var pgh = sghs + sghl;
        var ph = shs + shll;

        inclp = inclp + pinc;
        ep = ep + pe;
        SimdMath.SinCos(inclp, out sinip, out cosip);

        // Direct form (inclination ≥ 0.2 rad).
        var phd = ph / sinip;
        var argpd = argpp + (pgh - cosip * phd);
        var noded = nodep + phd;
        var mpd = mp + pl;

        var lyd = dsMask & V.AndNot(V.Create(BitConverter.Int64BitsToDouble(-1L)), V.Ge(inclp, V.Create(0.2)));
        if (V.Any(lyd))
        {
            // Lyddane's modification for small inclinations.
            SimdMath.SinCos(nodep, out var sinop, out var cosop);
            var alfdp = sinip * sinop;
            var betdp = sinip * cosop;
            var dalf = ph * cosop + pinc * cosip * sinop;
            var dbet = -ph * sinop + pinc * cosip * cosop;
            alfdp = alfdp + dalf;
            betdp = betdp + dbet;
            var twoPi = V.Create(TwoPi);
            var zero = V.Create(0.0);
            var nodel = SimdMath.Fmod2Pi(nodep);
            if (afspc) nodel = V.Select(V.Lt(nodel, zero), nodel + twoPi, nodel);
            var xls = mp + argpp + cosip * nodel;
            var dls = pl + pgh - pinc * nodel * sinip;
            xls = xls + dls;
            var xnoh = nodel;
            nodel = SimdMath.Atan2(alfdp, betdp);
            if (afspc) nodel = V.Select(V.Lt(nodel, zero), nodel + twoPi, nodel);
            var wrap = V.Gt(V.Abs(xnoh - nodel), V.Create(Math.PI));
            nodel = V.Select(wrap, V.Select(V.Lt(nodel, xnoh), nodel + twoPi, nodel - twoPi), nodel);
            var mpl = mp + pl;
            var argpl = xls - mpl - cosip * nodel;
            argpp = V.Select(lyd, argpl, argpd);
            nodep = V.Select(lyd, nodel, noded);
            mp = mpd; // mp + pl on both branches
            return;
        }
        argpp = argpd;
        nodep = noded;
        mp = mpd;
    }
}
