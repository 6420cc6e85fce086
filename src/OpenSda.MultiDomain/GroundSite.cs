using OpenSda.Frames;
using OpenSda.Mathematics;

namespace OpenSda.MultiDomain;

/// <summary>Topocentric look angles: azimuth from north through east, elevation above the local horizon, slant range.</summary>
public readonly record struct LookAngles(double AzimuthDeg, double ElevationDeg, double RangeKm);

/// <summary>
/// A ground site or sensor on the WGS-84 ellipsoid. Look angles use the local geodetic horizon: the
/// east-north-up basis at geodetic latitude φ and longitude λ (Vallado 2013, §4.4, Eq. 4-4 to 4-6, written in ENU
/// rather than SEZ): ê = (−sin λ, cos λ, 0), n̂ = (−sin φ cos λ, −sin φ sin λ, cos φ), û = (cos φ cos λ, cos φ sin λ, sin φ);
/// elevation = asin(ρ·û/|ρ|), azimuth = atan2(ρ·ê, ρ·n̂) with ρ = r_sat − r_site in ITRF.
/// </summary>
public sealed class GroundSite
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>A site at a geodetic point.</summary>
    public GroundSite(GeodeticPoint location, string? name = null)
    {
        if (!(location.LatitudeDeg is >= -90 and <= 90) || !double.IsFinite(location.LongitudeDeg) || !double.IsFinite(location.HeightKm))
            throw new ArgumentOutOfRangeException(nameof(location), "latitude must lie in [-90, 90] degrees");
        Location = location;
        Name = name ?? FormattableString.Invariant($"{location.LatitudeDeg:0.####},{location.LongitudeDeg:0.####}");
        PositionKm = Wgs84.ToEcef(location);
        var (sp, cp) = Math.SinCos(location.LatitudeDeg * Deg);
        var (sl, cl) = Math.SinCos(location.LongitudeDeg * Deg);
        East = new Vec3(-sl, cl, 0);
        North = new Vec3(-sp * cl, -sp * sl, cp);
        Up = new Vec3(cp * cl, cp * sl, sp);
    }

    /// <summary>Site name (for output).</summary>
    public string Name { get; }

    /// <summary>Geodetic position.</summary>
    public GeodeticPoint Location { get; }

    /// <summary>ITRF position, km.</summary>
    public Vec3 PositionKm { get; }

    /// <summary>Local east unit vector (ITRF).</summary>
    public Vec3 East { get; }

    /// <summary>Local north unit vector (ITRF).</summary>
    public Vec3 North { get; }

    /// <summary>Local geodetic up unit vector (ITRF).</summary>
    public Vec3 Up { get; }

    /// <summary>Look angles to an ITRF position (km).</summary>
    public LookAngles Look(Vec3 itrfKm)
    {
        var rho = itrfKm - PositionKm;
        var range = rho.Norm;
        var el = Math.Asin(Math.Clamp(Vec3.Dot(rho, Up) / range, -1, 1));
        var az = Math.Atan2(Vec3.Dot(rho, East), Vec3.Dot(rho, North));
        if (az < 0) az += 2 * Math.PI;
        return new LookAngles(az / Deg, el / Deg, range);
    }

    /// <summary>Elevation (rad) of an ITRF position.</summary>
    public double ElevationRad(Vec3 itrfKm)
    {
        var rho = itrfKm - PositionKm;
        return Math.Asin(Math.Clamp(Vec3.Dot(rho, Up) / rho.Norm, -1, 1));
    }

    /// <summary>Parses "LAT,LON[,ALT_M]" (degrees, degrees, metres).</summary>
    public static bool TryParse(string? text, out GroundSite? site, out string? error)
    {
        site = null;
        error = null;
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        if (parts.Length is < 2 or > 3 || !parts.Select((p, i) => double.TryParse(p, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).All(ok => ok))
        {
            error = $"'{text}' is not LAT,LON[,ALT_M]";
            return false;
        }
        if (values[0] is < -90 or > 90 || values[1] is < -360 or > 360)
        {
            error = $"'{text}': latitude must lie in [-90, 90] and longitude in [-360, 360] degrees";
            return false;
        }
        site = new GroundSite(new GeodeticPoint(values[0], values[1], parts.Length == 3 ? values[2] / 1000.0 : 0.0));
        return true;
    }
}
