using System.Runtime.CompilerServices;

namespace OpenSda.Orbits.Sgp4;

internal partial struct Sgp4Record
{
    /// <summary>
    /// The reference's <c>sgp4</c>: position (km) and velocity (km/s) in TEME at
    /// <paramref name="t"/> minutes from epoch. Secular gravity and drag, then (SDP4) lunar-solar secular
    /// and resonance terms and long-period periodics, Kepler's equation in Lyddane's variables, short-period
    /// periodics, orientation. On codes 1–4 the outputs are NaN; on code 6 they are the computed state.
    /// Advances the resonance integrator state of a deep-space object.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Sgp4Error Propagate(double t, out double x, out double y, out double z, out double vx, out double vy, out double vz)
    {
        // ----- secular gravity and atmospheric drag -----
        var xmdf = Mo + Mdot * t;
        var argpdf = Argpo + Argpdot * t;
        var nodedf = Nodeo + Nodedot * t;
        var argpm = argpdf;
        var mm = xmdf;
        var t2 = t * t;
        var nodem = nodedf + Nodecf * t2;
        var tempa = 1.0 - Cc1 * t;
        var tempe = Bstar * Cc4 * t;
        var templ = T2cof * t2;

        if (!Simple)
        {
            var delomg = Omgcof * t;
            var delmtemp = 1.0 + Eta * Math.Cos(xmdf);
            var delm = Xmcof * (delmtemp * delmtemp * delmtemp - Delmo);
            var tempm = delomg + delm;
            mm = xmdf + tempm;
            argpm = argpdf - tempm;
            var t3 = t2 * t;
            var t4 = t3 * t;
            tempa = tempa - D2 * t2 - D3 * t3 - D4 * t4;
            tempe += Bstar * Cc5 * (Math.Sin(mm) - Sinmao);
            templ = templ + T3cof * t3 + t4 * (T4cof + t * T5cof);
        }

        var nm = NoUnkozai;
        var em = Ecco;
        var inclm = Inclo;
        double am;
        if (DeepSpace)
        {
            DeepSpaceSecular(t, ref em, ref argpm, ref inclm, ref mm, ref nodem, ref nm);
            if (nm <= 0.0) return Fail(Sgp4Error.MeanMotion, out x, out y, out z, out vx, out vy, out vz);
            am = Math.Pow(Xke / nm, X2o3) * tempa * tempa;
        }
        else
        {
            if (nm <= 0.0) return Fail(Sgp4Error.MeanMotion, out x, out y, out z, out vx, out vy, out vz);
            // nm is the constant no_unkozai here, so (xke/nm)^(2/3) is the precomputed ao.
            am = Ao * tempa * tempa;
        }

        nm = Xke / (am * Math.Sqrt(am));
        em -= tempe;

        if (em >= 1.0 || em < -0.001)
            return Fail(Sgp4Error.MeanEccentricity, out x, out y, out z, out vx, out vy, out vz);
        if (em < 1.0e-6) em = 1.0e-6;
        mm += NoUnkozai * templ;
        var xlm = mm + argpm + nodem;
        nodem %= TwoPi;
        argpm %= TwoPi;
        xlm %= TwoPi;
        mm = (xlm - argpm - nodem) % TwoPi;

        // ----- lunar-solar periodics -----
        var ep = em;
        var xincp = inclm;
        var argpp = argpm;
        var nodep = nodem;
        var mp = mm;
        double sinip, cosip, aycof, xlcof, con41, x1mth2, x7thm1;
        if (DeepSpace)
        {
            DeepSpacePeriodics(t, ref ep, ref xincp, ref nodep, ref argpp, ref mp);
            if (xincp < 0.0)
            {
                xincp = -xincp;
                nodep += Math.PI;
                argpp -= Math.PI;
            }
            if (ep < 0.0 || ep > 1.0)
                return Fail(Sgp4Error.PerturbedEccentricity, out x, out y, out z, out vx, out vy, out vz);

            (sinip, cosip) = Math.SinCos(xincp);
            aycof = -0.5 * J3oj2 * sinip;
            if (Math.Abs(cosip + 1.0) > 1.5e-12)
                xlcof = -0.25 * J3oj2 * sinip * (3.0 + 5.0 * cosip) / (1.0 + cosip);
            else
                xlcof = -0.25 * J3oj2 * sinip * (3.0 + 5.0 * cosip) / Temp4;
            var cosisq = cosip * cosip;
            con41 = 3.0 * cosisq - 1.0;
            x1mth2 = 1.0 - cosisq;
            x7thm1 = 7.0 * cosisq - 1.0;
        }
        else
        {
            (sinip, cosip) = Math.SinCos(xincp);
            aycof = Aycof;
            xlcof = Xlcof;
            con41 = Con41;
            x1mth2 = X1mth2;
            x7thm1 = X7thm1;
        }

        // ----- long-period periodics -----
        var (sinargpp, cosargpp) = Math.SinCos(argpp);
        var axnl = ep * cosargpp;
        var temp0 = 1.0 / (am * (1.0 - ep * ep));
        var aynl = ep * sinargpp + temp0 * aycof;
        var xl = mp + argpp + nodep + temp0 * xlcof * axnl;

        // ----- Kepler's equation in Lyddane's variables -----
        var u = (xl - nodep) % TwoPi;
        var eo1 = u;
        var tem5 = 9999.9;
        var ktr = 1;
        double sineo1 = 0.0, coseo1 = 0.0;
        while (Math.Abs(tem5) >= 1.0e-12 && ktr <= 10)
        {
            (sineo1, coseo1) = Math.SinCos(eo1);
            tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
            tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
            if (Math.Abs(tem5) >= 0.95)
                tem5 = tem5 > 0.0 ? 0.95 : -0.95;
            eo1 += tem5;
            ktr++;
        }

        // ----- short-period preliminary quantities -----
        var ecose = axnl * coseo1 + aynl * sineo1;
        var esine = axnl * sineo1 - aynl * coseo1;
        var el2 = axnl * axnl + aynl * aynl;
        var pl = am * (1.0 - el2);
        if (pl < 0.0)
            return Fail(Sgp4Error.SemiLatusRectum, out x, out y, out z, out vx, out vy, out vz);

        var rl = am * (1.0 - ecose);
        var rdotl = Math.Sqrt(am) * esine / rl;
        var rvdotl = Math.Sqrt(pl) / rl;
        var betal = Math.Sqrt(1.0 - el2);
        var temp = esine / (1.0 + betal);
        var sinu = am / rl * (sineo1 - aynl - axnl * temp);
        var cosu = am / rl * (coseo1 - axnl + aynl * temp);
        var su = Math.Atan2(sinu, cosu);
        var sin2u = (cosu + cosu) * sinu;
        var cos2u = 1.0 - 2.0 * sinu * sinu;
        temp = 1.0 / pl;
        var temp1 = 0.5 * J2 * temp;
        var temp2 = temp1 * temp;

        // ----- short-period periodics -----
        var mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
        su -= 0.25 * temp2 * x7thm1 * sin2u;
        var xnode = nodep + 1.5 * temp2 * cosip * sin2u;
        var xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
        var mvt = rdotl - nm * temp1 * x1mth2 * sin2u / Xke;
        var rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / Xke;

        // ----- orientation vectors -----
        var (sinsu, cossu) = Math.SinCos(su);
        var (snod, cnod) = Math.SinCos(xnode);
        var (sini, cosi) = Math.SinCos(xinc);
        var xmx = -snod * cosi;
        var xmy = cnod * cosi;
        var ux = xmx * sinsu + cnod * cossu;
        var uy = xmy * sinsu + snod * cossu;
        var uz = sini * sinsu;
        var wx = xmx * cossu - cnod * sinsu;
        var wy = xmy * cossu - snod * sinsu;
        var wz = sini * cossu;

        var mr = mrt * RadiusEarthKm;
        x = mr * ux;
        y = mr * uy;
        z = mr * uz;
        var vk = VkmPerSec;
        vx = (mvt * ux + rvdot * wx) * vk;
        vy = (mvt * uy + rvdot * wy) * vk;
        vz = (mvt * uz + rvdot * wz) * vk;

        return mrt < 1.0 ? Sgp4Error.Decayed : Sgp4Error.None;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Sgp4Error Fail(Sgp4Error code, out double x, out double y, out double z, out double vx, out double vy, out double vz)
    {
        x = y = z = vx = vy = vz = double.NaN;
        return code;
    }

    /// <summary>
    /// The reference's <c>dspace</c>: lunar-solar secular rates and, for 12 h / 24 h resonant orbits,
    /// the numerical integration of the resonance terms in fixed 720-minute steps (Euler-Maclaurin),
    /// restarted from epoch whenever the request goes back towards epoch. Continuing from the stored
    /// step gives bit-for-bit the same result as restarting, since the steps are on the same grid.
    /// </summary>
    private void DeepSpaceSecular(double t, ref double em, ref double argpm, ref double inclm, ref double mm, ref double nodem, ref double nm)
    {
        const double fasx2 = 0.13130908, fasx4 = 2.8843198, fasx6 = 0.37448087;
        const double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998, g52 = 1.0508330, g54 = 4.4108898;
        const double rptim = 4.37526908801129966e-3;
        const double stepp = 720.0, stepn = -720.0, step2 = 259200.0;

        var theta = (Gsto + t * rptim) % TwoPi;
        em += Dedt * t;
        inclm += Didt * t;
        argpm += Domdt * t;
        nodem += Dnodt * t;
        mm += Dmdt * t;

        if (Irez == 0) return;

        if (Atime == 0.0 || t * Atime <= 0.0 || Math.Abs(t) < Math.Abs(Atime))
        {
            Atime = 0.0;
            Xni = NoUnkozai;
            Xli = Xlamo;
        }
        var delt = t > 0.0 ? stepp : stepn;

        double xndt, xldot, xnddt, ft;
        while (true)
        {
            if (Irez != 2)
            {
                // Near-synchronous resonance.
                var (s1, c1) = Math.SinCos(Xli - fasx2);
                var (s2, c2) = Math.SinCos(2.0 * (Xli - fasx4));
                var (s3, c3) = Math.SinCos(3.0 * (Xli - fasx6));
                xndt = Del1 * s1 + Del2 * s2 + Del3 * s3;
                xldot = Xni + Xfact;
                xnddt = Del1 * c1 + 2.0 * Del2 * c2 + 3.0 * Del3 * c3;
                xnddt *= xldot;
            }
            else
            {
                // Near half-day resonance.
                var xomi = Argpo + Argpdot * Atime;
                var x2omi = xomi + xomi;
                var x2li = Xli + Xli;
                var (sa, ca) = Math.SinCos(x2omi + Xli - g22);
                var (sb, cb) = Math.SinCos(Xli - g22);
                var (sc, cc) = Math.SinCos(xomi + Xli - g32);
                var (sd, cd) = Math.SinCos(-xomi + Xli - g32);
                var (se, ce) = Math.SinCos(x2omi + x2li - g44);
                var (sf, cf) = Math.SinCos(x2li - g44);
                var (sg, cg) = Math.SinCos(xomi + Xli - g52);
                var (sh, ch) = Math.SinCos(-xomi + Xli - g52);
                var (si, ci) = Math.SinCos(xomi + x2li - g54);
                var (sj, cj) = Math.SinCos(-xomi + x2li - g54);
                xndt = D2201 * sa + D2211 * sb + D3210 * sc + D3222 * sd + D4410 * se
                       + D4422 * sf + D5220 * sg + D5232 * sh + D5421 * si + D5433 * sj;
                xldot = Xni + Xfact;
                xnddt = D2201 * ca + D2211 * cb + D3210 * cc + D3222 * cd + D5220 * cg + D5232 * ch
                        + 2.0 * (D4410 * ce + D4422 * cf + D5421 * ci + D5433 * cj);
                xnddt *= xldot;
            }

            if (Math.Abs(t - Atime) >= stepp)
            {
                Xli = Xli + xldot * delt + xndt * step2;
                Xni = Xni + xndt * delt + xnddt * step2;
                Atime += delt;
            }
            else
            {
                ft = t - Atime;
                break;
            }
        }

        nm = Xni + xndt * ft + xnddt * ft * ft * 0.5;
        var xl = Xli + xldot * ft + xndt * ft * ft * 0.5;
        if (Irez != 1)
            mm = xl - 2.0 * nodem + 2.0 * theta;
        else
            mm = xl - nodem - argpm + theta;
        // nm = no + dndt with dndt = nm - no, as the reference writes it.
        var dndt = nm - NoUnkozai;
        nm = NoUnkozai + dndt;
    }

    /// <summary>
    /// The reference's <c>dpper</c> (with init = 'n'): lunar-solar long-period periodics, applied directly
    /// for inclinations ≥ 0.2 rad and with Lyddane's modification below (the GSFC choice, on the perturbed
    /// inclination). In AFSPC mode the node is wrapped to [0, 2π) in the Lyddane branch.
    /// </summary>
    private readonly void DeepSpacePeriodics(double t, ref double ep, ref double inclp, ref double nodep, ref double argpp, ref double mp)
    {
        const double zns = 1.19459e-5, zes = 0.01675, znl = 1.5835218e-4, zel = 0.05490;

        // Solar.
        var zm = Zmos + zns * t;
        var zf = zm + 2.0 * zes * Math.Sin(zm);
        var (sinzf, coszf) = Math.SinCos(zf);
        var f2 = 0.5 * sinzf * sinzf - 0.25;
        var f3 = -0.5 * sinzf * coszf;
        var ses = Se2 * f2 + Se3 * f3;
        var sis = Si2 * f2 + Si3 * f3;
        var sls = Sl2 * f2 + Sl3 * f3 + Sl4 * sinzf;
        var sghs = Sgh2 * f2 + Sgh3 * f3 + Sgh4 * sinzf;
        var shs = Sh2 * f2 + Sh3 * f3;

        // Lunar.
        zm = Zmol + znl * t;
        zf = zm + 2.0 * zel * Math.Sin(zm);
        (sinzf, coszf) = Math.SinCos(zf);
        f2 = 0.5 * sinzf * sinzf - 0.25;
        f3 = -0.5 * sinzf * coszf;
        var sel = Ee2 * f2 + E3 * f3;
        var sil = Xi2 * f2 + Xi3 * f3;
        var sll = Xl2 * f2 + Xl3 * f3 + Xl4 * sinzf;
        var sghl = Xgh2 * f2 + Xgh3 * f3 + Xgh4 * sinzf;
        var shll = Xh2 * f2 + Xh3 * f3;

        // The epoch offsets (peo ... pho) are zero in the reference, so nothing is subtracted.
        var pe = ses + sel;
        var pinc = sis + sil;
        var pl = sls + sll;
        var pgh = sghs + sghl;
        var ph = shs + shll;

        inclp += pinc;
        ep += pe;
        var (sinip, cosip) = Math.SinCos(inclp);

        if (inclp >= 0.2)
        {
            ph /= sinip;
            pgh -= cosip * ph;
            argpp += pgh;
            nodep += ph;
            mp += pl;
        }
        else
        {
            // Lyddane's modification for small inclinations.
            var (sinop, cosop) = Math.SinCos(nodep);
            var alfdp = sinip * sinop;
            var betdp = sinip * cosop;
            var dalf = ph * cosop + pinc * cosip * sinop;
            var dbet = -ph * sinop + pinc * cosip * cosop;
            alfdp += dalf;
            betdp += dbet;
            nodep %= TwoPi;
            if (nodep < 0.0 && Afspc) nodep += TwoPi;
            var xls = mp + argpp + cosip * nodep;
            var dls = pl + pgh - pinc * nodep * sinip;
            xls += dls;
            var xnoh = nodep;
            nodep = Math.Atan2(alfdp, betdp);
            if (nodep < 0.0 && Afspc) nodep += TwoPi;
            if (Math.Abs(xnoh - nodep) > Math.PI)
            {
                if (nodep < xnoh) nodep += TwoPi;
                else nodep -= TwoPi;
            }
            mp += pl;
            argpp = xls - mp - cosip * nodep;
        }
    }
}
