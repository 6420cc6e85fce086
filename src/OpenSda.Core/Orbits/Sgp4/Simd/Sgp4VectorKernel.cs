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
[SkipLocalsInit]
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

    /// <summary>Intermediate lanes handed from one phase of the kernel to the next.</summary>
    private struct State<V> where V : unmanaged, ISimdDouble<V>
    {
        public V T, Am, Nm, Em, Inclm, Mm, Argpm, Nodem, Tempa, Tempe, Templ, Scalar, DsMask;
        public V Ep, Xincp, Argpp, Nodep, Mp, Sinip, Cosip, Aycof, Xlcof, Con41, X1mth2, X7thm1;
        public V Axnl, Aynl, Sineo1, Coseo1;
        public V Mrt, Mvt, Rvdot, Sinu, Cosu, Dsu, Xnode, Dinc;
    }

    /// <summary>
    /// Propagates the lanes at <paramref name="c"/> (a group's column block, offset to the first lane) to the UTC
    /// instant (<paramref name="tDay"/>, <paramref name="tFraction"/>); writes rows <see cref="OutX"/>…<see cref="OutScalar"/>
    /// at <paramref name="o"/> (stride <see cref="Col.Lanes"/>). Advances the resonance integrator state in the columns.
    /// </summary>
    /// <remarks>
    /// The kernel is cut into phases, each a method of its own: the JIT inlines a few hundred lane operations
    /// per method and calls the rest, so one method for everything would run at a fraction of the speed.
    /// </remarks>
    public static void Propagate<V>(double* c, GroupFlags flags, double tDay, double tFraction, in Constants k, double* o)
        where V : unmanaged, ISimdDouble<V>
    {
        Unsafe.SkipInit(out State<V> s);
        Secular(c, flags, tDay, tFraction, ref s);
        if ((flags & GroupFlags.Deep) != 0) DeepSecular(c, flags, k, ref s);
        MeanElements(c, k, ref s);
        if ((flags & GroupFlags.Deep) != 0) DeepSpacePeriodicsPhase(c, k, ref s);
        Kepler(ref s);
        ShortPeriod(k, ref s);
        OrientationAndOutput(k, ref s, o);
    }

    /// <summary>Secular gravity and atmospheric drag.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Secular<V>(double* c, GroupFlags flags, double tDay, double tFraction, ref State<V> s)
        where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        var one = V.Create(1.0);

        // tsince in minutes, formed part by part from the two-part Julian dates (Sgp4Propagator.TsinceMinutes).
        var t = ((V.Create(tDay) - V.Load(c + Col.EpochDay * L)) + (V.Create(tFraction) - V.Load(c + Col.EpochFraction * L))) * V.Create(1440.0);

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
                SimdMath.SinCosCall(mm, out var sinFull, out _);
                sinmm = V.Select(small, sinmm, sinFull);
            }
            tempe = tempe + V.Load(c + Col.BstarCc5 * L) * (sinmm - V.Load(c + Col.Sinmao * L));
            templ = templ + V.Load(c + Col.T3cof * L) * t3 + t4 * (V.Load(c + Col.T4cof * L) + t * V.Load(c + Col.T5cof * L));
        }

        s.T = t;
        s.Mm = mm;
        s.Argpm = argpm;
        s.Nodem = nodem;
        s.Tempa = tempa;
        s.Tempe = tempe;
        s.Templ = templ;
        s.Nm = V.Load(c + Col.NoUnkozai * L);
        s.Em = V.Load(c + Col.Ecco * L);
        s.Inclm = V.Load(c + Col.Inclo * L);
        s.Am = V.Load(c + Col.Ao * L) * tempa * tempa;
        s.Scalar = V.Load(c + Col.InputErrorMask * L);
        s.DsMask = V.Create(0.0);
    }

    /// <summary><c>dspace</c>: lunar-solar secular rates (zero columns on near-earth lanes) and the resonance integration.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DeepSecular<V>(double* c, GroupFlags flags, in Constants k, ref State<V> s)
        where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        var t = s.T;
        s.DsMask = V.Load(c + Col.DeepMask * L);
        var theta = SimdMath.Fmod2Pi(V.Load(c + Col.Gsto * L) + t * V.Create(4.37526908801129966e-3));
        s.Em = s.Em + V.Load(c + Col.Dedt * L) * t;
        s.Inclm = s.Inclm + V.Load(c + Col.Didt * L) * t;
        var argpm = s.Argpm + V.Load(c + Col.Domdt * L) * t;
        var nodem = s.Nodem + V.Load(c + Col.Dnodt * L) * t;
        var mm = s.Mm + V.Load(c + Col.Dmdt * L) * t;
        s.Argpm = argpm;
        s.Nodem = nodem;
        if ((flags & GroupFlags.Resonant) != 0)
        {
            var res = V.Load(c + Col.ResonantMask * L);
            var nm = s.Nm;
            Resonance(c, res, t, theta, nodem, argpm, ref nm, ref mm);
            s.Nm = nm;
            // am = (xke/nm)^(2/3)·tempa² where the mean motion comes from the integrator.
            s.Am = V.Select(res, PowTwoThirds(V.Create(k.Xke) / nm) * s.Tempa * s.Tempa, s.Am);
        }
        s.Mm = mm;
    }

    /// <summary>Mean elements at t: semi-major axis, eccentricity and angles reduced as the scalar kernel does, and the error checks on them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MeanElements<V>(double* c, in Constants k, ref State<V> s)
        where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        var one = V.Create(1.0);
        var scalar = s.Scalar | V.Le(s.Nm, V.Create(0.0));
        var am = s.Am;
        s.Nm = V.Create(k.Xke) / (am * V.Sqrt(am));
        var em = s.Em - s.Tempe;
        scalar |= V.Ge(em, one) | V.Lt(em, V.Create(-0.001));
        em = V.Select(V.Lt(em, V.Create(1.0e-6)), V.Create(1.0e-6), em);
        var mm = s.Mm + V.Load(c + Col.NoUnkozai * L) * s.Templ;
        var argpm = s.Argpm;
        var nodem = s.Nodem;
        var xlm = mm + argpm + nodem;
        nodem = SimdMath.Fmod2Pi(nodem);
        argpm = SimdMath.Fmod2Pi(argpm);
        xlm = SimdMath.Fmod2Pi(xlm);
        mm = SimdMath.Fmod2Pi(xlm - argpm - nodem);

        s.Scalar = scalar;
        s.Ep = em;
        s.Xincp = s.Inclm;
        s.Argpp = argpm;
        s.Nodep = nodem;
        s.Mp = mm;
        s.Sinip = V.Load(c + Col.SinIo * L);
        s.Cosip = V.Load(c + Col.CosIo * L);
        s.Aycof = V.Load(c + Col.Aycof * L);
        s.Xlcof = V.Load(c + Col.Xlcof * L);
        s.Con41 = V.Load(c + Col.Con41 * L);
        s.X1mth2 = V.Load(c + Col.X1mth2 * L);
        s.X7thm1 = V.Load(c + Col.X7thm1 * L);
    }

    /// <summary>Lunar-solar periodics for the deep-space lanes and the inclination-dependent constants that follow from them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DeepSpacePeriodicsPhase<V>(double* c, in Constants k, ref State<V> s)
        where V : unmanaged, ISimdDouble<V>
    {
        var one = V.Create(1.0);
        var zero = V.Create(0.0);
        var dsMask = s.DsMask;
        var dep = s.Ep;
        var dinclp = s.Xincp;
        var dnodep = s.Nodep;
        var dargpp = s.Argpp;
        var dmp = s.Mp;
        DeepSpacePeriodics(c, dsMask, s.T, k.Afspc, ref dep, ref dinclp, ref dnodep, ref dargpp, ref dmp, out var dsinip, out var dcosip);
        var neg = V.Lt(dinclp, zero);
        dinclp = V.Select(neg, -dinclp, dinclp);
        dsinip = V.Select(neg, -dsinip, dsinip);
        dnodep = V.Select(neg, dnodep + V.Create(Math.PI), dnodep);
        dargpp = V.Select(neg, dargpp - V.Create(Math.PI), dargpp);
        s.Scalar |= dsMask & (V.Lt(dep, zero) | V.Gt(dep, one));

        var daycof = V.Create(-0.5 * k.J3oj2) * dsinip;
        var xlnum = V.Create(-0.25 * k.J3oj2) * dsinip * (V.Create(3.0) + V.Create(5.0) * dcosip);
        var dxlcof = xlnum / V.Select(V.Gt(V.Abs(dcosip + one), V.Create(1.5e-12)), one + dcosip, V.Create(Temp4));
        var cosisq = dcosip * dcosip;
        s.Ep = V.Select(dsMask, dep, s.Ep);
        s.Xincp = V.Select(dsMask, dinclp, s.Xincp);
        s.Nodep = V.Select(dsMask, dnodep, s.Nodep);
        s.Argpp = V.Select(dsMask, dargpp, s.Argpp);
        s.Mp = V.Select(dsMask, dmp, s.Mp);
        s.Sinip = V.Select(dsMask, dsinip, s.Sinip);
        s.Cosip = V.Select(dsMask, dcosip, s.Cosip);
        s.Aycof = V.Select(dsMask, daycof, s.Aycof);
        s.Xlcof = V.Select(dsMask, dxlcof, s.Xlcof);
        s.Con41 = V.Select(dsMask, V.Create(3.0) * cosisq - one, s.Con41);
        s.X1mth2 = V.Select(dsMask, one - cosisq, s.X1mth2);
        s.X7thm1 = V.Select(dsMask, V.Create(7.0) * cosisq - one, s.X7thm1);
    }

    /// <summary>Long-period periodics and Kepler's equation in Lyddane's variables, iterated while any lane is unconverged.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Kepler<V>(ref State<V> s) where V : unmanaged, ISimdDouble<V>
    {
        var one = V.Create(1.0);
        var zero = V.Create(0.0);
        var ep = s.Ep;
        var argpp = s.Argpp;
        var nodep = s.Nodep;
        SimdMath.SinCos(argpp, out var sinargpp, out var cosargpp);
        var axnl = ep * cosargpp;
        var temp0 = one / (s.Am * (one - ep * ep));
        var aynl = ep * sinargpp + temp0 * s.Aycof;
        var xl = s.Mp + argpp + nodep + temp0 * s.Xlcof * axnl;

        var u = SimdMath.Fmod2Pi(xl - nodep);
        var eo1 = u;
        SimdMath.SinCos(eo1, out var sineo1, out var coseo1);
        var active = V.Create(BitConverter.Int64BitsToDouble(-1L)); // all lanes
        var clamp = V.Create(0.95);
        // Newton's next correction is at most c·d² with c = e/(2(1 − e)) (f''/2f' bounded by the eccentricity),
        // so when c·d² < 1e-14 the scalar loop's next correction is below its 1e-12 threshold: it would stop
        // there without touching sin/cos again (eo1 itself is not used afterwards). Stopping now gives its result
        // without the last evaluation.
        var ecc = V.Sqrt(axnl * axnl + aynl * aynl);
        var cNext = V.Select(V.Lt(ecc, V.Create(0.9)), ecc / (V.Create(2.0) * (one - ecc)), V.Create(double.PositiveInfinity));
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
                SimdMath.SinCosCall(eo1, out var sFull, out var cFull);
                sNew = V.Select(smallStep, sNew, sFull);
                cNew = V.Select(smallStep, cNew, cFull);
            }
            sineo1 = V.Select(active, sNew, sineo1);
            coseo1 = V.Select(active, cNew, coseo1);
            active = V.AndNot(active, V.Lt(cNext * tem5 * tem5, V.Create(1.0e-14)));
            if (!V.Any(active)) break;
        }
        s.Axnl = axnl;
        s.Aynl = aynl;
        s.Sineo1 = sineo1;
        s.Coseo1 = coseo1;
    }

    /// <summary>Short-period periodics.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ShortPeriod<V>(in Constants k, ref State<V> s) where V : unmanaged, ISimdDouble<V>
    {
        var one = V.Create(1.0);
        var zero = V.Create(0.0);
        var axnl = s.Axnl;
        var aynl = s.Aynl;
        var sineo1 = s.Sineo1;
        var coseo1 = s.Coseo1;
        var am = s.Am;
        var cosip = s.Cosip;
        var sinip = s.Sinip;
        var con41 = s.Con41;
        var x1mth2 = s.X1mth2;
        var nm = s.Nm;

        var ecose = axnl * coseo1 + aynl * sineo1;
        var esine = axnl * sineo1 - aynl * coseo1;
        var el2 = axnl * axnl + aynl * aynl;
        var pl = am * (one - el2);
        var scalar = s.Scalar | V.Lt(pl, zero);

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

        var mrt = rl * (one - V.Create(1.5) * temp2 * betal * con41) + V.Create(0.5) * temp1 * x1mth2 * cos2u;
        var dsu = V.Create(-0.25) * temp2 * s.X7thm1 * sin2u;
        var dnode = V.Create(1.5) * temp2 * cosip * sin2u;
        var xnode = s.Nodep + dnode;
        var dinc = V.Create(1.5) * temp2 * cosip * sinip * cos2u;
        var xke = V.Create(k.Xke);
        var mvt = rdotl - nm * temp1 * x1mth2 * sin2u / xke;
        var rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + V.Create(1.5) * con41) / xke;
        s.Scalar = scalar;
        s.Mrt = mrt;
        s.Mvt = mvt;
        s.Rvdot = rvdot;
        s.Sinu = sinu;
        s.Cosu = cosu;
        s.Dsu = dsu;
        s.Xnode = xnode;
        s.Dinc = dinc;
    }

    /// <summary>Orientation vectors, position and velocity; the decay flag and the lanes left to the scalar kernel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void OrientationAndOutput<V>(in Constants k, ref State<V> s, double* o) where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        var one = V.Create(1.0);
        var zero = V.Create(0.0);
        var sinu = s.Sinu;
        var cosu = s.Cosu;
        var dsu = s.Dsu;
        var dinc = s.Dinc;
        var sinip = s.Sinip;
        var cosip = s.Cosip;
        var mrt = s.Mrt;
        var mvt = s.Mvt;
        var rvdot = s.Rvdot;
        var scalar = s.Scalar;

        // Orientation: sin/cos of u + dsu and of xincp + dinc by angle addition when the correction is small.
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
            SimdMath.SinCosCall(SimdMath.Atan2Call(sinu, cosu) + dsu, out var sFull, out var cFull);
            sinsu = V.Select(fastU, sinsu, sFull);
            cossu = V.Select(fastU, cossu, cFull);
        }
        SimdMath.SinCosSmall(dinc, out var sdi, out var cdi);
        var sini = sinip * cdi + cosip * sdi;
        var cosi = cosip * cdi - sinip * sdi;
        var fastI = V.Le(V.Abs(dinc), V.Create(SimdMath.SmallAngle));
        if (!V.All(fastI))
        {
            SimdMath.SinCosCall(s.Xincp + dinc, out var sFull, out var cFull);
            sini = V.Select(fastI, sini, sFull);
            cosi = V.Select(fastI, cosi, cFull);
        }
        SimdMath.SinCos(s.Xnode, out var snod, out var cnod);
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
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
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
                    SynchronousDerivatives(c, xli, xldotNew, out var nd, out var ndd);
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
                    SimdMath.SinCosCall(x2omi + xli - V.Create(g22), out var sa, out var ca);
                    SimdMath.SinCosCall(xli - V.Create(g22), out var sb, out var cb);
                    SimdMath.SinCosCall(xomi + xli - V.Create(g32), out var sc, out var cc);
                    SimdMath.SinCosCall(-xomi + xli - V.Create(g32), out var sd, out var cd);
                    SimdMath.SinCosCall(x2omi + x2li - V.Create(g44), out var se, out var ce);
                    SimdMath.SinCosCall(x2li - V.Create(g44), out var sf, out var cf);
                    SimdMath.SinCosCall(xomi + xli - V.Create(g52), out var sg, out var cg);
                    SimdMath.SinCosCall(-xomi + xli - V.Create(g52), out var sh, out var ch);
                    SimdMath.SinCosCall(xomi + x2li - V.Create(g54), out var si, out var ci);
                    SimdMath.SinCosCall(-xomi + x2li - V.Create(g54), out var sj, out var cj);
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

    /// <summary>Derivatives of the near-synchronous (24 h) resonance at (xli, xni).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SynchronousDerivatives<V>(double* c, V xli, V xldot, out V xndt, out V xnddt) where V : unmanaged, ISimdDouble<V>
    {
        const int L = Col.Lanes;
        SimdMath.SinCos(xli - V.Create(0.13130908), out var s1, out var c1);
        SimdMath.SinCos(V.Create(2.0) * (xli - V.Create(2.8843198)), out var s2, out var c2);
        SimdMath.SinCos(V.Create(3.0) * (xli - V.Create(0.37448087)), out var s3, out var c3);
        var del1 = V.Load(c + Col.Del1 * L);
        var del2 = V.Load(c + Col.Del2 * L);
        var del3 = V.Load(c + Col.Del3 * L);
        xndt = del1 * s1 + del2 * s2 + del3 * s3;
        xnddt = (del1 * c1 + V.Create(2.0) * del2 * c2 + V.Create(3.0) * del3 * c3) * xldot;
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
        // Solar.
        LunarSolarPhase(V.Load(c + Col.Zmos * L) + V.Create(zns) * t, V.Create(2.0 * zes), out var sinzf, out var f2, out var f3);
        var ses = V.Load(c + Col.Se2 * L) * f2 + V.Load(c + Col.Se3 * L) * f3;
        var sis = V.Load(c + Col.Si2 * L) * f2 + V.Load(c + Col.Si3 * L) * f3;
        var sls = V.Load(c + Col.Sl2 * L) * f2 + V.Load(c + Col.Sl3 * L) * f3 + V.Load(c + Col.Sl4 * L) * sinzf;
        var sghs = V.Load(c + Col.Sgh2 * L) * f2 + V.Load(c + Col.Sgh3 * L) * f3 + V.Load(c + Col.Sgh4 * L) * sinzf;
        var shs = V.Load(c + Col.Sh2 * L) * f2 + V.Load(c + Col.Sh3 * L) * f3;

        // Lunar.
        LunarSolarPhase(V.Load(c + Col.Zmol * L) + V.Create(znl) * t, V.Create(2.0 * zel), out sinzf, out f2, out f3);
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
            var (argpl, nodel) = Lyddane(afspc, ph, pinc, pl, pgh, sinip, cosip, nodep, argpp, mp);
            argpd = V.Select(lyd, argpl, argpd);
            noded = V.Select(lyd, nodel, noded);
        }
        argpp = argpd;
        nodep = noded;
        mp = mpd; // mp + pl on both branches
    }

    /// <summary>The solar or lunar phase of <c>dpper</c>: zf = zm + 2e·sin zm, and sin zf, f2, f3.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LunarSolarPhase<V>(V zm, V twoE, out V sinzf, out V f2, out V f3) where V : unmanaged, ISimdDouble<V>
    {
        SimdMath.SinCos(zm, out var sinzm, out _);
        var zf = zm + twoE * sinzm;
        SimdMath.SinCos(zf, out sinzf, out var coszf);
        f2 = V.Create(0.5) * sinzf * sinzf - V.Create(0.25);
        f3 = V.Create(-0.5) * sinzf * coszf;
    }

    /// <summary>Lyddane's modification of <c>dpper</c> for small inclinations: returns (argpp, nodep).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static (V Argpp, V Nodep) Lyddane<V>(bool afspc, V ph, V pinc, V pl, V pgh, V sinip, V cosip, V nodep, V argpp, V mp)
        where V : unmanaged, ISimdDouble<V>
    {
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
        return (xls - mpl - cosip * nodel, nodel);
    }
}

