using OpenSda.Mathematics;

namespace OpenSda.Frames;

/// <summary>Geodetic coordinates on the WGS-84 ellipsoid: latitude and longitude in degrees, height above the ellipsoid in km.</summary>
public readonly record struct GeodeticPoint(double LatitudeDeg, double LongitudeDeg, double HeightKm);

/// <summary>
/// The WGS-84 reference ellipsoid (NIMA TR8350.2, 3rd ed., Table 3.1: a = 6378.137 km, 1/f = 298.257223563)
/// and conversions between Earth-fixed Cartesian coordinates (ITRF ≈ WGS-84 at the metre level) and geodetic
/// latitude, longitude and ellipsoidal height.
/// </summary>
public static class Wgs84
{
    /// <summary>Equatorial radius a (km).</summary>
    public const double EquatorialRadiusKm = 6378.137;

    /// <summary>Flattening f.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Polar radius b = a(1 − f) (km).</summary>
    public const double PolarRadiusKm = EquatorialRadiusKm * (1.0 - Flattening);

    /// <summary>First eccentricity squared e² = f(2 − f).</summary>
    public const double EccentricitySquared = Flattening * (2.0 - Flattening);

    private const double SecondEccentricitySquared = EccentricitySquared / (1.0 - EccentricitySquared);
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>
    /// Earth-fixed position (km) of a geodetic point (Vallado Eq. 3-7): with N = a/√(1 − e² sin²φ),
    /// x = (N + h) cos φ cos λ, y = (N + h) cos φ sin λ, z = (N(1 − e²) + h) sin φ.
    /// </summary>
    public static Vec3 ToEcef(GeodeticPoint p)
    {
        var (sinLat, cosLat) = Math.SinCos(p.LatitudeDeg * DegToRad);
        var (sinLon, cosLon) = Math.SinCos(p.LongitudeDeg * DegToRad);
        var n = EquatorialRadiusKm / Math.Sqrt(1.0 - EccentricitySquared * sinLat * sinLat);
        return new Vec3((n + p.HeightKm) * cosLat * cosLon, (n + p.HeightKm) * cosLat * sinLon, (n * (1.0 - EccentricitySquared) + p.HeightKm) * sinLat);
    }

    /// <summary>
    /// Geodetic point of an Earth-fixed position (km), by Bowring's method (Bowring 1976, <i>Survey Review</i> 23(181):323–327)
    /// iterated on the reduced latitude β: tan φ = (z + e′² b sin³β)/(p − e² a cos³β), tan β = (1 − f) tan φ.
    /// Converges to 1e-12 rad in two or three passes from the surface to GEO and beyond; valid at the poles
    /// (h from h = p cos φ + z sin φ − a²/N). Longitude in (−180°, 180°].
    /// </summary>
    public static GeodeticPoint FromEcef(Vec3 r)
    {
        const double a = EquatorialRadiusKm, b = PolarRadiusKm;
        var p = Math.Sqrt(r.X * r.X + r.Y * r.Y);
        var lon = Math.Atan2(r.Y, r.X);
        if (p < 1e-12)
        {
            // On the polar axis.
            var lat0 = r.Z >= 0 ? 90.0 : -90.0;
            return new GeodeticPoint(lat0, 0.0, Math.Abs(r.Z) - b);
        }
        var beta = Math.Atan2(r.Z, (1.0 - Flattening) * p);
        double lat = 0;
        for (var i = 0; i < 6; i++)
        {
            var (sb, cb) = Math.SinCos(beta);
            var newLat = Math.Atan2(r.Z + SecondEccentricitySquared * b * sb * sb * sb, p - EccentricitySquared * a * cb * cb * cb);
            var converged = Math.Abs(newLat - lat) < 1e-15;
            lat = newLat;
            beta = Math.Atan2((1.0 - Flattening) * Math.Sin(lat), Math.Cos(lat));
            if (converged) break;
        }
        var (sinLat, cosLat) = Math.SinCos(lat);
        var n = a / Math.Sqrt(1.0 - EccentricitySquared * sinLat * sinLat);
        var h = p * cosLat + r.Z * sinLat - a * a / n;
        return new GeodeticPoint(lat / DegToRad, lon / DegToRad, h);
    }
}
