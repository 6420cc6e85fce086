namespace OpenSda.Orbits.Sgp4;

internal partial struct Sgp4Record
{
    /// <summary>
    /// Deep-space initialisation: the reference's <c>dscom</c> (lunar and solar secular and periodic
    /// coefficients) followed by <c>dsinit</c> (secular rates and the 12 h / 24 h geopotential
    /// resonance terms), both evaluated at tc = 0. The reference's initialising call of <c>dpper</c>
    /// changes nothing (its offsets peo…pho stay zero) and is left out.
    /// </summary>
    private void InitDeepSpace(double epoch, double eccsq, double xpidot)
    {
        // ---------------- dscom (tc = 0) ----------------
        const double zes = 0.01675, zel = 0.05490;
        const double c1ss = 2.9864797e-6, c1l = 4.7968065e-7;
        const double zsinis = 0.39785416, zcosis = 0.91744867;
        const double zcosgs = 0.1945905, zsings = -0.98088458;

        var nm = NoUnkozai;
        var em = Ecco;
        var (snodm, cnodm) = Math.SinCos(Nodeo);
        var (sinomm, cosomm) = Math.SinCos(Argpo);
        var (sinim, cosim) = Math.SinCos(Inclo);
        var emsq = em * em;
        var betasq = 1.0 - emsq;
        var rtemsq = Math.Sqrt(betasq);

        var day = epoch + 18261.5; // + tc/1440 with tc = 0
        var xnodce = (4.5236020 - 9.2422029e-4 * day) % TwoPi;
        var (stem, ctem) = Math.SinCos(xnodce);
        var zcosil = 0.91375164 - 0.03568096 * ctem;
        var zsinil = Math.Sqrt(1.0 - zcosil * zcosil);
        var zsinhl = 0.089683511 * stem / zsinil;
        var zcoshl = Math.Sqrt(1.0 - zsinhl * zsinhl);
        var gam = 5.8351514 + 0.0019443680 * day;
        var zx = 0.39785416 * stem / zsinil;
        var zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
        zx = Math.Atan2(zx, zy);
        zx = gam + zx - xnodce;
        var zcosgl = Math.Cos(zx);
        var zsingl = Math.Sin(zx);

        // Solar terms first (lsflg = 1), then lunar (lsflg = 2).
        var zcosg = zcosgs;
        var zsing = zsings;
        var zcosi = zcosis;
        var zsini = zsinis;
        var zcosh = cnodm;
        var zsinh = snodm;
        var cc = c1ss;
        var xnoi = 1.0 / nm;

        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        double z1 = 0, z2 = 0, z3 = 0, z11 = 0, z12 = 0, z13 = 0, z21 = 0, z22 = 0, z23 = 0, z31 = 0, z32 = 0, z33 = 0;
        double ss1 = 0, ss2 = 0, ss3 = 0, ss4 = 0, ss5 = 0, ss6 = 0, ss7 = 0;
        double sz1 = 0, sz2 = 0, sz3 = 0, sz11 = 0, sz12 = 0, sz13 = 0, sz21 = 0, sz22 = 0, sz23 = 0, sz31 = 0, sz32 = 0, sz33 = 0;

        for (var lsflg = 1; lsflg <= 2; lsflg++)
        {
            var a1 = zcosg * zcosh + zsing * zcosi * zsinh;
            var a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
            var a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
            var a8 = zsing * zsini;
            var a9 = zsing * zsinh + zcosg * zcosi * zcosh;
            var a10 = zcosg * zsini;
            var a2 = cosim * a7 + sinim * a8;
            var a4 = cosim * a9 + sinim * a10;
            var a5 = -sinim * a7 + cosim * a8;
            var a6 = -sinim * a9 + cosim * a10;

            var x1 = a1 * cosomm + a2 * sinomm;
            var x2 = a3 * cosomm + a4 * sinomm;
            var x3 = -a1 * sinomm + a2 * cosomm;
            var x4 = -a3 * sinomm + a4 * cosomm;
            var x5 = a5 * sinomm;
            var x6 = a6 * sinomm;
            var x7 = a5 * cosomm;
            var x8 = a6 * cosomm;

            z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
            z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
            z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
            z1 = 3.0 * (a1 * a1 + a2 * a2) + z31 * emsq;
            z2 = 6.0 * (a1 * a3 + a2 * a4) + z32 * emsq;
            z3 = 3.0 * (a3 * a3 + a4 * a4) + z33 * emsq;
            z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
            z12 = -6.0 * (a1 * a6 + a3 * a5) + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
            z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
            z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
            z22 = 6.0 * (a4 * a5 + a2 * a6) + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
            z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
            z1 = z1 + z1 + betasq * z31;
            z2 = z2 + z2 + betasq * z32;
            z3 = z3 + z3 + betasq * z33;
            s3 = cc * xnoi;
            s2 = -0.5 * s3 / rtemsq;
            s4 = s3 * rtemsq;
            s1 = -15.0 * em * s4;
            s5 = x1 * x3 + x2 * x4;
            s6 = x2 * x3 + x1 * x4;
            s7 = x2 * x4 - x1 * x3;

            if (lsflg == 1)
            {
                ss1 = s1; ss2 = s2; ss3 = s3; ss4 = s4; ss5 = s5; ss6 = s6; ss7 = s7;
                sz1 = z1; sz2 = z2; sz3 = z3;
                sz11 = z11; sz12 = z12; sz13 = z13;
                sz21 = z21; sz22 = z22; sz23 = z23;
                sz31 = z31; sz32 = z32; sz33 = z33;
                zcosg = zcosgl;
                zsing = zsingl;
                zcosi = zcosil;
                zsini = zsinil;
                zcosh = zcoshl * cnodm + zsinhl * snodm;
                zsinh = snodm * zcoshl - cnodm * zsinhl;
                cc = c1l;
            }
        }

        Zmol = (4.7199672 + 0.22997150 * day - gam) % TwoPi;
        Zmos = (6.2565837 + 0.017201977 * day) % TwoPi;

        // Solar periodic coefficients.
        Se2 = 2.0 * ss1 * ss6;
        Se3 = 2.0 * ss1 * ss7;
        Si2 = 2.0 * ss2 * sz12;
        Si3 = 2.0 * ss2 * (sz13 - sz11);
        Sl2 = -2.0 * ss3 * sz2;
        Sl3 = -2.0 * ss3 * (sz3 - sz1);
        Sl4 = -2.0 * ss3 * (-21.0 - 9.0 * emsq) * zes;
        Sgh2 = 2.0 * ss4 * sz32;
        Sgh3 = 2.0 * ss4 * (sz33 - sz31);
        Sgh4 = -18.0 * ss4 * zes;
        Sh2 = -2.0 * ss2 * sz22;
        Sh3 = -2.0 * ss2 * (sz23 - sz21);

        // Lunar periodic coefficients.
        Ee2 = 2.0 * s1 * s6;
        E3 = 2.0 * s1 * s7;
        Xi2 = 2.0 * s2 * z12;
        Xi3 = 2.0 * s2 * (z13 - z11);
        Xl2 = -2.0 * s3 * z2;
        Xl3 = -2.0 * s3 * (z3 - z1);
        Xl4 = -2.0 * s3 * (-21.0 - 9.0 * emsq) * zel;
        Xgh2 = 2.0 * s4 * z32;
        Xgh3 = 2.0 * s4 * (z33 - z31);
        Xgh4 = -18.0 * s4 * zel;
        Xh2 = -2.0 * s2 * z22;
        Xh3 = -2.0 * s2 * (z23 - z21);

        // ---------------- dsinit (t = tc = 0) ----------------
        const double q22 = 1.7891679e-6, q31 = 2.1460748e-6, q33 = 2.2123015e-7;
        const double root22 = 1.7891679e-6, root44 = 7.3636953e-9, root54 = 2.1765803e-9;
        const double rptim = 4.37526908801129966e-3; // Earth rotation, rad/min
        const double root32 = 3.7393792e-7, root52 = 1.1428639e-7;
        const double znl = 1.5835218e-4, zns = 1.19459e-5;

        var inclm = Inclo;
        Irez = 0;
        if (nm < 0.0052359877 && nm > 0.0034906585) Irez = 1;
        if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5) Irez = 2;

        // Solar secular terms.
        var ses = ss1 * zns * ss5;
        var sis = ss2 * zns * (sz11 + sz13);
        var sls = -zns * ss3 * (sz1 + sz3 - 14.0 - 6.0 * emsq);
        var sghs = ss4 * zns * (sz31 + sz33 - 6.0);
        var shs = -zns * ss2 * (sz21 + sz23);
        // Inclinations near 0° or 180°: no node rate from this term.
        if (inclm < 5.2359877e-2 || inclm > Math.PI - 5.2359877e-2) shs = 0.0;
        if (sinim != 0.0) shs /= sinim;
        var sgs = sghs - cosim * shs;

        // Lunar secular terms.
        Dedt = ses + s1 * znl * s5;
        Didt = sis + s2 * znl * (z11 + z13);
        Dmdt = sls - znl * s3 * (z1 + z3 - 14.0 - 6.0 * emsq);
        var sghl = s4 * znl * (z31 + z33 - 6.0);
        var shll = -znl * s2 * (z21 + z23);
        if (inclm < 5.2359877e-2 || inclm > Math.PI - 5.2359877e-2) shll = 0.0;
        Domdt = sgs + sghl;
        Dnodt = shs;
        if (sinim != 0.0)
        {
            Domdt -= cosim / sinim * shll;
            Dnodt += shll / sinim;
        }

        // Resonance terms. t = 0, so em, inclm, ... are unchanged here.
        var theta = Gsto % TwoPi; // (gsto + tc*rptim) with tc = 0
        if (Irez != 0)
        {
            var aonv = Math.Pow(nm / Xke, X2o3);

            if (Irez == 2)
            {
                // Geopotential resonance for 12-hour orbits (uses the epoch eccentricity).
                var cosisq = cosim * cosim;
                em = Ecco;
                var emsq2 = eccsq;
                var eoc = em * emsq2;
                var g201 = -0.306 - (em - 0.64) * 0.440;
                double g211, g310, g322, g410, g422, g520, g521, g532, g533;
                if (em <= 0.65)
                {
                    g211 = 3.616 - 13.2470 * em + 16.2900 * emsq2;
                    g310 = -19.302 + 117.3900 * em - 228.4190 * emsq2 + 156.5910 * eoc;
                    g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq2 + 146.5816 * eoc;
                    g410 = -41.122 + 242.6940 * em - 471.0940 * emsq2 + 313.9530 * eoc;
                    g422 = -146.407 + 841.8800 * em - 1629.014 * emsq2 + 1083.4350 * eoc;
                    g520 = -532.114 + 3017.977 * em - 5740.032 * emsq2 + 3708.2760 * eoc;
                }
                else
                {
                    g211 = -72.099 + 331.819 * em - 508.738 * emsq2 + 266.724 * eoc;
                    g310 = -346.844 + 1582.851 * em - 2415.925 * emsq2 + 1246.113 * eoc;
                    g322 = -342.585 + 1554.908 * em - 2366.899 * emsq2 + 1215.972 * eoc;
                    g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq2 + 3651.957 * eoc;
                    g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq2 + 12422.520 * eoc;
                    if (em > 0.715)
                        g520 = -5149.66 + 29936.92 * em - 54087.36 * emsq2 + 31324.56 * eoc;
                    else
                        g520 = 1464.74 - 4664.75 * em + 3763.64 * emsq2;
                }
                if (em < 0.7)
                {
                    g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq2 + 5542.21 * eoc;
                    g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq2 + 5337.524 * eoc;
                    g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq2 + 5341.4 * eoc;
                }
                else
                {
                    g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq2 + 109377.94 * eoc;
                    g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq2 + 146349.42 * eoc;
                    g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq2 + 115605.82 * eoc;
                }

                var sini2 = sinim * sinim;
                var f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
                var f221 = 1.5 * sini2;
                var f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
                var f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
                var f441 = 35.0 * sini2 * f220;
                var f442 = 39.3750 * sini2 * sini2;
                var f522 = 9.84375 * sinim * (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq)
                                              + 0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
                var f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq)
                                    + 6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
                var f542 = 29.53125 * sinim * (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
                var f543 = 29.53125 * sinim * (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));
                var xno2 = nm * nm;
                var ainv2 = aonv * aonv;
                var temp1 = 3.0 * xno2 * ainv2;
                var temp = temp1 * root22;
                D2201 = temp * f220 * g201;
                D2211 = temp * f221 * g211;
                temp1 *= aonv;
                temp = temp1 * root32;
                D3210 = temp * f321 * g310;
                D3222 = temp * f322 * g322;
                temp1 *= aonv;
                temp = 2.0 * temp1 * root44;
                D4410 = temp * f441 * g410;
                D4422 = temp * f442 * g422;
                temp1 *= aonv;
                temp = temp1 * root52;
                D5220 = temp * f522 * g520;
                D5232 = temp * f523 * g532;
                temp = 2.0 * temp1 * root54;
                D5421 = temp * f542 * g521;
                D5433 = temp * f543 * g533;
                Xlamo = (Mo + Nodeo + Nodeo - theta - theta) % TwoPi;
                Xfact = Mdot + Dmdt + 2.0 * (Nodedot + Dnodt - rptim) - NoUnkozai;
            }

            if (Irez == 1)
            {
                // Synchronous (24-hour) resonance terms.
                var g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
                var g310 = 1.0 + 2.0 * emsq;
                var g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
                var f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
                var f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
                var f330 = 1.0 + cosim;
                f330 = 1.875 * f330 * f330 * f330;
                Del1 = 3.0 * nm * nm * aonv * aonv;
                Del2 = 2.0 * Del1 * f220 * g200 * q22;
                Del3 = 3.0 * Del1 * f330 * g300 * q33 * aonv;
                Del1 = Del1 * f311 * g310 * q31 * aonv;
                Xlamo = (Mo + Nodeo + Argpo - theta) % TwoPi;
                Xfact = Mdot + xpidot - rptim + Dmdt + Domdt + Dnodt - NoUnkozai;
            }

            // Start the resonance integrator at epoch.
            Xli = Xlamo;
            Xni = NoUnkozai;
            Atime = 0.0;
        }
    }
}
