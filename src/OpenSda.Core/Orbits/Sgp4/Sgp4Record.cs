using System.Runtime.CompilerServices;
using OpenSda.Time;

namespace OpenSda.Orbits.Sgp4;

/// <summary>
/// The initialised state of one satellite for SGP4/SDP4: every constant <c>sgp4init</c> computes, plus the
/// deep-space resonance integrator state (<see cref="Atime"/>, <see cref="Xli"/>, <see cref="Xni"/>).
/// A plain blittable struct so that a batch keeps N of them in one contiguous array and the kernel reaches
/// everything through one reference (no virtual calls, no allocation).
/// </summary>
/// <remarks>
/// Written from Vallado, Crawford, Hujsak &amp; Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753
/// (rev. 2020 code): routines <c>initl</c>, <c>sgp4init</c>, <c>dscom</c>, <c>dpper</c>, <c>dsinit</c>,
/// <c>dspace</c> and <c>sgp4</c>. Variable names follow the paper so the equations can be checked against it.
/// </remarks>
internal partial struct Sgp4Record
{
    private const double TwoPi = 2.0 * Math.PI;
    private const double X2o3 = 2.0 / 3.0;
    private const double Temp4 = 1.5e-12;

    // ---- gravity and mode ----
    public double Xke, J2, J3oj2, RadiusEarthKm, VkmPerSec;
    public bool Afspc;

    // ---- epoch and elements (radians, radians/minute) ----
    public JulianDate Epoch;
    public double Bstar, Ecco, Argpo, Inclo, Mo, NoKozai, Nodeo, NoUnkozai;

    // ---- near-earth constants ----
    public bool DeepSpace;   // method 'd'
    public bool Simple;      // isimp
    public double Ao;        // (xke/no_unkozai)^(2/3): the mean semi-major axis, Earth radii
    public double Aycof, Con41, Cc1, Cc4, Cc5, D2, D3, D4, Delmo, Eta, Argpdot, Omgcof, Sinmao;
    public double T2cof, T3cof, T4cof, T5cof, X1mth2, X7thm1, Mdot, Nodedot, Xlcof, Xmcof, Nodecf;

    // ---- deep-space constants ----
    public int Irez;
    public double Gsto;
    public double E3, Ee2, Se2, Se3, Sgh2, Sgh3, Sgh4, Sh2, Sh3, Si2, Si3, Sl2, Sl3, Sl4;
    public double Xgh2, Xgh3, Xgh4, Xh2, Xh3, Xi2, Xi3, Xl2, Xl3, Xl4, Zmol, Zmos;
    public double Xfact, Xlamo;
    public double D2201, D2211, D3210, D3222, D4410, D4422, D5220, D5232, D5421, D5433;
    public double Dedt, Del1, Del2, Del3, Didt, Dmdt, Dnodt, Domdt;

    // ---- deep-space resonance integrator state (mutable; advanced by Propagate) ----
    public double Atime, Xli, Xni;

    /// <summary>
    /// <c>sgp4init</c>: fills every constant from the mean elements and returns the error of the
    /// propagation to tsince = 0 that the reference performs at the end of initialisation.
    /// </summary>
    public Sgp4Error Initialize(MeanElements elements, in Sgp4GravityConstants grav, Sgp4OperationMode mode)
    {
        this = default;
        const double deg2rad = Math.PI / 180.0;
        const double xpdotp = 1440.0 / TwoPi; // rev/day → rad/min

        Xke = grav.Xke;
        J2 = grav.J2;
        J3oj2 = grav.J3 / grav.J2;
        var j4 = grav.J4;
        RadiusEarthKm = grav.RadiusEarthKm;
        VkmPerSec = grav.RadiusEarthKm * grav.Xke / 60.0;
        Afspc = mode == Sgp4OperationMode.Afspc;

        Epoch = elements.EpochUtc;
        Bstar = elements.BStar;
        Ecco = elements.Eccentricity;
        Argpo = elements.ArgPerigeeDeg * deg2rad;
        Inclo = elements.InclinationDeg * deg2rad;
        Mo = elements.MeanAnomalyDeg * deg2rad;
        NoKozai = elements.MeanMotionRevPerDay / xpdotp;
        Nodeo = elements.RaanDeg * deg2rad;

        // Days since 1950 Jan 0.0 UTC, formed as the reference does: (jdsatepoch + jdsatepochF) - 2433281.5.
        var epoch = (Epoch.Day + Epoch.Fraction) - 2433281.5;

        var ss = 78.0 / RadiusEarthKm + 1.0;
        var qzms2ttemp = (120.0 - 78.0) / RadiusEarthKm;
        var qzms2t = qzms2ttemp * qzms2ttemp * qzms2ttemp * qzms2ttemp;

        // ---------------- initl ----------------
        var eccsq = Ecco * Ecco;
        var omeosq = 1.0 - eccsq;
        var rteosq = Math.Sqrt(omeosq);
        var cosio = Math.Cos(Inclo);
        var cosio2 = cosio * cosio;

        var ak = Math.Pow(Xke / NoKozai, X2o3);
        var d1 = 0.75 * J2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
        var del = d1 / (ak * ak);
        var adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
        del = d1 / (adel * adel);
        NoUnkozai = NoKozai / (1.0 + del);

        var ao = Math.Pow(Xke / NoUnkozai, X2o3);
        Ao = ao;
        var sinio = Math.Sin(Inclo);
        var po = ao * omeosq;
        var con42 = 1.0 - 5.0 * cosio2;
        Con41 = -con42 - cosio2 - cosio2;
        var posq = po * po;
        var rp = ao * (1.0 - Ecco);

        if (Afspc)
        {
            // AFSPC sidereal time from 1970 (Vallado et al. 2006, eq. for thgr70).
            var ts70 = epoch - 7305.0;
            var ds70 = Math.Floor(ts70 + 1.0e-8);
            var tfrac = ts70 - ds70;
            const double c1 = 1.72027916940703639e-2;
            const double thgr70 = 1.7321343856509374;
            const double fk5r = 5.07551419432269442e-15;
            const double c1p2p = c1 + TwoPi;
            var g = (thgr70 + c1 * ds70 + c1p2p * tfrac + ts70 * ts70 * fk5r) % TwoPi;
            if (g < 0.0) g += TwoPi;
            Gsto = g;
        }
        else
        {
            Gsto = GreenwichSiderealTime(epoch + 2433281.5);
        }

        // ---------------- sgp4init ----------------
        if (omeosq >= 0.0 || NoUnkozai >= 0.0)
        {
            Simple = rp < (220.0 / RadiusEarthKm + 1.0);
            var sfour = ss;
            var qzms24 = qzms2t;
            var perige = (rp - 1.0) * RadiusEarthKm;

            // Perigee below 156 km: adjust the atmospheric s and q0 constants.
            if (perige < 156.0)
            {
                sfour = perige - 78.0;
                if (perige < 98.0) sfour = 20.0;
                var qzms24temp = (120.0 - sfour) / RadiusEarthKm;
                qzms24 = qzms24temp * qzms24temp * qzms24temp * qzms24temp;
                sfour = sfour / RadiusEarthKm + 1.0;
            }

            var pinvsq = 1.0 / posq;
            var tsi = 1.0 / (ao - sfour);
            Eta = ao * Ecco * tsi;
            var etasq = Eta * Eta;
            var eeta = Ecco * Eta;
            var psisq = Math.Abs(1.0 - etasq);
            var coef = qzms24 * Math.Pow(tsi, 4.0);
            var coef1 = coef / Math.Pow(psisq, 3.5);
            var cc2 = coef1 * NoUnkozai * (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq))
                       + 0.375 * J2 * tsi / psisq * Con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
            Cc1 = Bstar * cc2;
            var cc3 = 0.0;
            if (Ecco > 1.0e-4) cc3 = -2.0 * coef * tsi * J3oj2 * NoUnkozai * sinio / Ecco;
            X1mth2 = 1.0 - cosio2;
            Cc4 = 2.0 * NoUnkozai * coef1 * ao * omeosq *
                  (Eta * (2.0 + 0.5 * etasq) + Ecco * (0.5 + 2.0 * etasq)
                   - J2 * tsi / (ao * psisq) *
                   (-3.0 * Con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta))
                    + 0.75 * X1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * Math.Cos(2.0 * Argpo)));
            Cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
            var cosio4 = cosio2 * cosio2;
            var temp1 = 1.5 * J2 * pinvsq * NoUnkozai;
            var temp2 = 0.5 * temp1 * J2 * pinvsq;
            var temp3 = -0.46875 * j4 * pinvsq * pinvsq * NoUnkozai;
            Mdot = NoUnkozai + 0.5 * temp1 * rteosq * Con41 + 0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
            Argpdot = -0.5 * temp1 * con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4)
                      + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
            var xhdot1 = -temp1 * cosio;
            Nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
            var xpidot = Argpdot + Nodedot;
            Omgcof = Bstar * cc3 * Math.Cos(Argpo);
            Xmcof = 0.0;
            if (Ecco > 1.0e-4) Xmcof = -X2o3 * coef * Bstar / eeta;
            Nodecf = 3.5 * omeosq * xhdot1 * Cc1;
            T2cof = 1.5 * Cc1;
            // Avoid the division by zero for an inclination of 180°.
            if (Math.Abs(cosio + 1.0) > 1.5e-12)
                Xlcof = -0.25 * J3oj2 * sinio * (3.0 + 5.0 * cosio) / (1.0 + cosio);
            else
                Xlcof = -0.25 * J3oj2 * sinio * (3.0 + 5.0 * cosio) / Temp4;
            Aycof = -0.5 * J3oj2 * sinio;
            var delmotemp = 1.0 + Eta * Math.Cos(Mo);
            Delmo = delmotemp * delmotemp * delmotemp;
            Sinmao = Math.Sin(Mo);
            X7thm1 = 7.0 * cosio2 - 1.0;

            // Deep space when the period is 225 minutes or more.
            if (TwoPi / NoUnkozai >= 225.0)
            {
                DeepSpace = true;
                Simple = true;
                InitDeepSpace(epoch, eccsq, xpidot);
            }

            if (!Simple)
            {
                var cc1sq = Cc1 * Cc1;
                D2 = 4.0 * ao * tsi * cc1sq;
                var temp = D2 * tsi * Cc1 / 3.0;
                D3 = (17.0 * ao + sfour) * temp;
                D4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * Cc1;
                T3cof = D2 + 2.0 * cc1sq;
                T4cof = 0.25 * (3.0 * D3 + Cc1 * (12.0 * D2 + 10.0 * cc1sq));
                T5cof = 0.2 * (3.0 * D4 + 12.0 * Cc1 * D3 + 6.0 * D2 * D2 + 15.0 * cc1sq * (2.0 * D2 + cc1sq));
            }
        }

        // The reference ends sgp4init by propagating to the epoch and keeps that error.
        return Propagate(0.0, out _, out _, out _, out _, out _, out _);
    }

    /// <summary>
    /// Greenwich mean sidereal time, radians in [0, 2π), IAU-82 (Vallado, Fundamentals, eq. 3-47),
    /// from a UT1 Julian date; the reference's <c>gstime</c>.
    /// </summary>
    internal static double GreenwichSiderealTime(double jdut1)
    {
        const double deg2rad = Math.PI / 180.0;
        var tut1 = (jdut1 - 2451545.0) / 36525.0;
        var temp = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1
                   + (876600.0 * 3600 + 8640184.812866) * tut1 + 67310.54841;
        temp = (temp * deg2rad / 240.0) % TwoPi; // 360/86400 = 1/240, to deg, to rad
        if (temp < 0.0) temp += TwoPi;
        return temp;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Cube(double x) => x * x * x;
}
