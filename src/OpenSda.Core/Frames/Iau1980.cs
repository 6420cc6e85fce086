namespace OpenSda.Frames;

/// <summary>
/// The IAU-76/FK5 reduction quantities (Vallado, <i>Fundamentals</i> 4th ed., §3.7.2; IERS Technical
/// Note 21, ch. 5; Seidelmann 1982 for the 1980 nutation series). Angles in radians.
/// </summary>
public static class Iau1980
{
    private const double ArcsecToRad = Math.PI / (180.0 * 3600.0);
    private const double TurnArcsec = 1_296_000.0;

    /// <summary>Nominal Earth rotation rate ω⊕ (rad/s), IERS TN 21 / Vallado §3.7.</summary>
    public const double EarthRotationRateRadS = 7.292115146706979e-5;

    /// <summary>
    /// IAU-1976 precession angles ζ, θ, z (Lieske et al. 1977; Vallado Eq. 3-88) at
    /// <paramref name="tt"/> Julian centuries of TT since J2000.
    /// </summary>
    public static (double Zeta, double Theta, double Z) PrecessionAngles(double tt)
    {
        var t2 = tt * tt;
        var t3 = t2 * tt;
        var zeta = (2306.2181 * tt + 0.30188 * t2 + 0.017998 * t3) * ArcsecToRad;
        var theta = (2004.3109 * tt - 0.42665 * t2 - 0.041833 * t3) * ArcsecToRad;
        var z = (2306.2181 * tt + 1.09468 * t2 + 0.018203 * t3) * ArcsecToRad;
        return (zeta, theta, z);
    }

    /// <summary>Rotation GCRF(J2000) → MOD: r_MOD = ROT3(−z)·ROT2(θ)·ROT3(−ζ)·r_GCRF (transpose of Vallado Eq. 3-89).</summary>
    public static Matrix3 PrecessionMatrix(double tt)
    {
        var (zeta, theta, z) = PrecessionAngles(tt);
        return Matrix3.R3(-z) * Matrix3.R2(theta) * Matrix3.R3(-zeta);
    }

    /// <summary>Mean obliquity of the ecliptic ε̄ (IAU 1976; Vallado Eq. 3-81).</summary>
    public static double MeanObliquity(double tt) =>
        (84_381.448 - 46.8150 * tt - 0.00059 * tt * tt + 0.001813 * tt * tt * tt) * ArcsecToRad;

    /// <summary>
    /// Delaunay arguments l, l′, F, D, Ω of the 1980 theory (IERS TN 21 ch. 5 / Vallado Eq. 3-82), radians.
    /// </summary>
    public static (double L, double LPrime, double F, double D, double Omega) DelaunayArguments(double tt)
    {
        var t2 = tt * tt;
        var t3 = t2 * tt;
        static double Wrap(double arcsec) => Math.IEEERemainder(arcsec, TurnArcsec) * ArcsecToRad;
        var l = Wrap(485_866.733 + (1325.0 * TurnArcsec + 715_922.633) * tt + 31.310 * t2 + 0.064 * t3);
        var lp = Wrap(1_287_099.804 + (99.0 * TurnArcsec + 1_292_581.224) * tt - 0.577 * t2 - 0.012 * t3);
        var f = Wrap(335_778.877 + (1342.0 * TurnArcsec + 295_263.137) * tt - 13.257 * t2 + 0.011 * t3);
        var d = Wrap(1_072_261.307 + (1236.0 * TurnArcsec + 1_105_601.328) * tt - 6.891 * t2 + 0.019 * t3);
        var om = Wrap(450_160.280 - (5.0 * TurnArcsec + 482_890.539) * tt + 7.455 * t2 + 0.008 * t3);
        return (l, lp, f, d, om);
    }

    /// <summary>
    /// IAU-1980 nutation (106 terms, Vallado Eq. 3-83 with the Appendix D table): nutation in longitude
    /// Δψ and in obliquity Δε (radians), plus the mean obliquity ε̄ and the Moon's node Ω used by the
    /// equation of the equinoxes. <paramref name="dPsiCorrectionRad"/>, <paramref name="dEpsCorrectionRad"/> are
    /// the IERS EOP corrections δΔψ, δΔε added to the series (they model the free-core nutation and, to
    /// first order, the frame bias to the GCRF).
    /// </summary>
    public static Nutation Nutation(double tt, double dPsiCorrectionRad = 0, double dEpsCorrectionRad = 0)
    {
        var (l, lp, f, d, om) = DelaunayArguments(tt);
        double dpsi = 0, deps = 0;
        var c = Nutation1980Coefficients;
        for (var i = 0; i < c.Length; i += 9)
        {
            var arg = c[i] * l + c[i + 1] * lp + c[i + 2] * f + c[i + 3] * d + c[i + 4] * om;
            var (s, co) = Math.SinCos(arg);
            dpsi += (c[i + 5] + c[i + 6] * tt) * s;
            deps += (c[i + 7] + c[i + 8] * tt) * co;
        }
        // Coefficients are in units of 0.0001″.
        dpsi = dpsi * 1e-4 * ArcsecToRad + dPsiCorrectionRad;
        deps = deps * 1e-4 * ArcsecToRad + dEpsCorrectionRad;
        return new Nutation(dpsi, deps, MeanObliquity(tt), om);
    }

    /// <summary>Rotation MOD → TOD: r_TOD = ROT1(−ε)·ROT3(−Δψ)·ROT1(ε̄)·r_MOD (transpose of Vallado Eq. 3-86).</summary>
    public static Matrix3 NutationMatrix(Nutation n) =>
        Matrix3.R1(-n.TrueObliquity) * Matrix3.R3(-n.DeltaPsi) * Matrix3.R1(n.MeanObliquity);

    /// <summary>
    /// Equation of the equinoxes (IAU 1982 with the IAU 1994 kinematic terms from 1997-02-27, MJD 50506;
    /// Vallado Eq. 3-79): Eq = Δψ·cos ε̄ + 0.00264″ sin Ω + 0.000063″ sin 2Ω. Radians.
    /// </summary>
    public static double EquationOfEquinoxes(Nutation n, double mjdUt1)
    {
        var eq = n.DeltaPsi * Math.Cos(n.MeanObliquity);
        if (mjdUt1 >= 50_506.0)
            eq += (0.00264 * Math.Sin(n.MoonNode) + 0.000063 * Math.Sin(2.0 * n.MoonNode)) * ArcsecToRad;
        return eq;
    }

    /// <summary>
    /// Greenwich mean sidereal time, IAU 1982 (Aoki et al. 1982; Vallado Eq. 3-47), radians in [0, 2π),
    /// from a two-part UT1 Julian date: θ = 67 310.54841 s + (876 600 h + 8 640 184.812866 s)·T
    /// + 0.093104 s·T² − 6.2e-6 s·T³, T = (JD_UT1 − 2 451 545)/36 525. The 876 600 h·T term is exactly 86 400 s per
    /// day and is reduced modulo one day from the two parts, keeping ~1e-11 rad precision.
    /// </summary>
    public static double Gmst1982(OpenSda.Time.JulianDate jdUt1)
    {
        // Whole days since J2000 and the fraction, kept apart.
        var whole = jdUt1.Day - 2_451_545.0;
        var wholeFloor = Math.Floor(whole);
        var dayFraction = (whole - wholeFloor) + jdUt1.Fraction;     // days, small
        var t = (whole + jdUt1.Fraction) / 36_525.0;
        var seconds = 67_310.54841 + 86_400.0 * (dayFraction - Math.Floor(dayFraction))
                      + (8_640_184.812866 + (0.093104 - 6.2e-6 * t) * t) * t;
        var rad = Math.IEEERemainder(seconds, 86_400.0) / 86_400.0 * 2.0 * Math.PI;
        return rad < 0 ? rad + 2.0 * Math.PI : rad;
    }

    /// <summary>
    /// Polar-motion matrix W of the FK5 reduction (Vallado Eq. 3-77): r_PEF = ROT1(y_p)·ROT2(x_p)·r_ITRF.
    /// </summary>
    public static Matrix3 PolarMotionMatrix(double xpRad, double ypRad) => Matrix3.R1(ypRad) * Matrix3.R2(xpRad);

    /// <summary>
    /// IAU-1980 nutation series, 106 terms × (k_l, k_l′, k_F, k_D, k_Ω, A, B, C, D): Δψ += (A + B·T) sin(arg),
    /// Δε += (C + D·T) cos(arg), arg = Σ k·(l, l′, F, D, Ω); A, C in 0.0001″, B, D in 0.0001″/century.
    /// Transcribed from the published table (Seidelmann 1982; IERS TN 21 Table 5.1; Vallado App. D "nut80.dat"),
    /// in the order of Vallado's table.
    /// </summary>
    private static readonly double[] Nutation1980Coefficients =
    [
        0, 0, 0, 0, 1, -171996.0, -174.2, 92025.0, 8.9,
        0, 0, 2, -2, 2, -13187.0, -1.6, 5736.0, -3.1,
        0, 0, 2, 0, 2, -2274.0, -0.2, 977.0, -0.5,
        0, 0, 0, 0, 2, 2062.0, 0.2, -895.0, 0.5,
        0, -1, 0, 0, 0, -1426.0, 3.4, 54.0, -0.1,
        1, 0, 0, 0, 0, 712.0, 0.1, -7.0, 0.0,
        0, 1, 2, -2, 2, -517.0, 1.2, 224.0, -0.6,
        0, 0, 2, 0, 1, -386.0, -0.4, 200.0, 0.0,
        1, 0, 2, 0, 2, -301.0, 0.0, 129.0, -0.1,
        0, -1, 2, -2, 2, 217.0, -0.5, -95.0, 0.3,
        -1, 0, 0, 2, 0, 158.0, 0.0, -1.0, 0.0,
        0, 0, 2, -2, 1, 129.0, 0.1, -70.0, 0.0,
        -1, 0, 2, 0, 2, 123.0, 0.0, -53.0, 0.0,
        1, 0, 0, 0, 1, 63.0, 0.1, -33.0, 0.0,
        0, 0, 0, 2, 0, 63.0, 0.0, -2.0, 0.0,
        -1, 0, 2, 2, 2, -59.0, 0.0, 26.0, 0.0,
        -1, 0, 0, 0, 1, -58.0, -0.1, 32.0, 0.0,
        1, 0, 2, 0, 1, -51.0, 0.0, 27.0, 0.0,
        -2, 0, 0, 2, 0, -48.0, 0.0, 1.0, 0.0,
        -2, 0, 2, 0, 1, 46.0, 0.0, -24.0, 0.0,
        0, 0, 2, 2, 2, -38.0, 0.0, 16.0, 0.0,
        2, 0, 2, 0, 2, -31.0, 0.0, 13.0, 0.0,
        2, 0, 0, 0, 0, 29.0, 0.0, -1.0, 0.0,
        1, 0, 2, -2, 2, 29.0, 0.0, -12.0, 0.0,
        0, 0, 2, 0, 0, 26.0, 0.0, -1.0, 0.0,
        0, 0, 2, -2, 0, -22.0, 0.0, 0.0, 0.0,
        -1, 0, 2, 0, 1, 21.0, 0.0, -10.0, 0.0,
        0, 2, 0, 0, 0, 17.0, -0.1, 0.0, 0.0,
        0, 2, 2, -2, 2, -16.0, 0.1, 7.0, 0.0,
        -1, 0, 0, 2, 1, 16.0, 0.0, -8.0, 0.0,
        0, 1, 0, 0, 1, -15.0, 0.0, 9.0, 0.0,
        1, 0, 0, -2, 1, -13.0, 0.0, 7.0, 0.0,
        0, -1, 0, 0, 1, -12.0, 0.0, 6.0, 0.0,
        2, 0, -2, 0, 0, 11.0, 0.0, 0.0, 0.0,
        -1, 0, 2, 2, 1, -10.0, 0.0, 5.0, 0.0,
        1, 0, 2, 2, 2, -8.0, 0.0, 3.0, 0.0,
        0, -1, 2, 0, 2, -7.0, 0.0, 3.0, 0.0,
        0, 0, 2, 2, 1, -7.0, 0.0, 3.0, 0.0,
        1, 1, 0, -2, 0, -7.0, 0.0, 0.0, 0.0,
        0, 1, 2, 0, 2, 7.0, 0.0, -3.0, 0.0,
        -2, 0, 0, 2, 1, -6.0, 0.0, 3.0, 0.0,
        0, 0, 0, 2, 1, -6.0, 0.0, 3.0, 0.0,
        2, 0, 2, -2, 2, 6.0, 0.0, -3.0, 0.0,
        1, 0, 0, 2, 0, 6.0, 0.0, 0.0, 0.0,
        1, 0, 2, -2, 1, 6.0, 0.0, -3.0, 0.0,
        0, 0, 0, -2, 1, -5.0, 0.0, 3.0, 0.0,
        0, -1, 2, -2, 1, -5.0, 0.0, 3.0, 0.0,
        2, 0, 2, 0, 1, -5.0, 0.0, 3.0, 0.0,
        1, -1, 0, 0, 0, 5.0, 0.0, 0.0, 0.0,
        1, 0, 0, -1, 0, -4.0, 0.0, 0.0, 0.0,
        0, 0, 0, 1, 0, -4.0, 0.0, 0.0, 0.0,
        0, 1, 0, -2, 0, -4.0, 0.0, 0.0, 0.0,
        1, 0, -2, 0, 0, 4.0, 0.0, 0.0, 0.0,
        2, 0, 0, -2, 1, 4.0, 0.0, -2.0, 0.0,
        0, 1, 2, -2, 1, 4.0, 0.0, -2.0, 0.0,
        1, 1, 0, 0, 0, -3.0, 0.0, 0.0, 0.0,
        1, -1, 0, -1, 0, -3.0, 0.0, 0.0, 0.0,
        -1, -1, 2, 2, 2, -3.0, 0.0, 1.0, 0.0,
        0, -1, 2, 2, 2, -3.0, 0.0, 1.0, 0.0,
        1, -1, 2, 0, 2, -3.0, 0.0, 1.0, 0.0,
        3, 0, 2, 0, 2, -3.0, 0.0, 1.0, 0.0,
        -2, 0, 2, 0, 2, -3.0, 0.0, 1.0, 0.0,
        1, 0, 2, 0, 0, 3.0, 0.0, 0.0, 0.0,
        -1, 0, 2, 4, 2, -2.0, 0.0, 1.0, 0.0,
        1, 0, 0, 0, 2, -2.0, 0.0, 1.0, 0.0,
        -1, 0, 2, -2, 1, -2.0, 0.0, 1.0, 0.0,
        0, -2, 2, -2, 1, -2.0, 0.0, 1.0, 0.0,
        -2, 0, 0, 0, 1, -2.0, 0.0, 1.0, 0.0,
        2, 0, 0, 0, 1, 2.0, 0.0, -1.0, 0.0,
        3, 0, 0, 0, 0, 2.0, 0.0, 0.0, 0.0,
        1, 1, 2, 0, 2, 2.0, 0.0, -1.0, 0.0,
        0, 0, 2, 1, 2, 2.0, 0.0, -1.0, 0.0,
        1, 0, 0, 2, 1, -1.0, 0.0, 0.0, 0.0,
        1, 0, 2, 2, 1, -1.0, 0.0, 1.0, 0.0,
        1, 1, 0, -2, 1, -1.0, 0.0, 0.0, 0.0,
        0, 1, 0, 2, 0, -1.0, 0.0, 0.0, 0.0,
        0, 1, 2, -2, 0, -1.0, 0.0, 0.0, 0.0,
        0, 1, -2, 2, 0, -1.0, 0.0, 0.0, 0.0,
        1, 0, -2, 2, 0, -1.0, 0.0, 0.0, 0.0,
        1, 0, -2, -2, 0, -1.0, 0.0, 0.0, 0.0,
        1, 0, 2, -2, 0, -1.0, 0.0, 0.0, 0.0,
        1, 0, 0, -4, 0, -1.0, 0.0, 0.0, 0.0,
        2, 0, 0, -4, 0, -1.0, 0.0, 0.0, 0.0,
        0, 0, 2, 4, 2, -1.0, 0.0, 0.0, 0.0,
        0, 0, 2, -1, 2, -1.0, 0.0, 0.0, 0.0,
        -2, 0, 2, 4, 2, -1.0, 0.0, 1.0, 0.0,
        2, 0, 2, 2, 2, -1.0, 0.0, 0.0, 0.0,
        0, -1, 2, 0, 1, -1.0, 0.0, 0.0, 0.0,
        0, 0, -2, 0, 1, -1.0, 0.0, 0.0, 0.0,
        0, 0, 4, -2, 2, 1.0, 0.0, 0.0, 0.0,
        0, 1, 0, 0, 2, 1.0, 0.0, 0.0, 0.0,
        1, 1, 2, -2, 2, 1.0, 0.0, -1.0, 0.0,
        3, 0, 2, -2, 2, 1.0, 0.0, 0.0, 0.0,
        -2, 0, 2, 2, 2, 1.0, 0.0, -1.0, 0.0,
        -1, 0, 0, 0, 2, 1.0, 0.0, -1.0, 0.0,
        0, 0, -2, 2, 1, 1.0, 0.0, 0.0, 0.0,
        0, 1, 2, 0, 1, 1.0, 0.0, 0.0, 0.0,
        -1, 0, 4, 0, 2, 1.0, 0.0, 0.0, 0.0,
        2, 1, 0, -2, 0, 1.0, 0.0, 0.0, 0.0,
        2, 0, 0, 2, 0, 1.0, 0.0, 0.0, 0.0,
        2, 0, 2, -2, 1, 1.0, 0.0, -1.0, 0.0,
        2, 0, -2, 0, 1, 1.0, 0.0, 0.0, 0.0,
        1, -1, 0, -2, 0, 1.0, 0.0, 0.0, 0.0,
        -1, 0, 0, 1, 1, 1.0, 0.0, 0.0, 0.0,
        -1, -1, 0, 2, 1, 1.0, 0.0, 0.0, 0.0,
        0, 1, 0, 1, 0, 1.0, 0.0, 0.0, 0.0,
    ];
}

/// <summary>Nutation quantities at one instant (radians): Δψ, Δε (including EOP corrections), ε̄, and the Moon's node Ω.</summary>
public readonly record struct Nutation(double DeltaPsi, double DeltaEpsilon, double MeanObliquity, double MoonNode)
{
    /// <summary>True obliquity ε = ε̄ + Δε.</summary>
    public double TrueObliquity => MeanObliquity + DeltaEpsilon;
}
