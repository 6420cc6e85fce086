using System.Globalization;
using System.Text.Json;
using OpenSda.Frames;
using OpenSda.Mathematics;

namespace OpenSda.MultiDomain;

/// <summary>
/// An area of operations on the ground: a circle (centre and radius) or a polygon (a GeoJSON ring).
/// Geometry is on the sphere of geocentric directions: a ground point is represented by the unit vector of its
/// WGS-84 Earth-fixed position, distances are central angles, and polygon edges are great-circle arcs.
/// </summary>
public abstract class AreaOfOperations
{
    /// <summary>Unit vector (ITRF) of the area's centre (circle centre, or polygon vertex centroid).</summary>
    public abstract Vec3 CentroidUnit { get; }

    /// <summary>Largest central angle (rad) from <see cref="CentroidUnit"/> to any point of the area.</summary>
    public abstract double BoundingRadiusRad { get; }

    /// <summary>Geocentric radius (km) of the ground at the area's centre; the spherical-Earth radius of the visibility model.</summary>
    public abstract double GroundRadiusKm { get; }

    /// <summary>Short description for output.</summary>
    public abstract string Description { get; }

    /// <summary>Central angle (rad) from a direction to the area: 0 inside.</summary>
    public abstract double AngularDistanceRad(Vec3 unit);

    /// <summary>The point of the area (unit vector) nearest to a direction; the direction itself when inside.</summary>
    public abstract Vec3 NearestPointUnit(Vec3 unit);

    /// <summary>Ground position (ITRF, km) of a unit direction on the area's sphere.</summary>
    public Vec3 GroundPointKm(Vec3 unit) => unit * GroundRadiusKm;

    /// <summary>
    /// Parses an area argument: "LAT,LON,RADIUS_KM" is a circle; anything else is a GeoJSON file path
    /// (Polygon, MultiPolygon's first polygon, Feature or FeatureCollection holding one; or a Point feature with a
    /// <c>radius_km</c> property).
    /// </summary>
    public static bool TryParse(string text, out AreaOfOperations? area, out string? error)
    {
        area = null;
        error = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 3 && !File.Exists(text))
        {
            var v = new double[3];
            for (var i = 0; i < 3; i++)
            {
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                {
                    error = $"'{text}' is neither LAT,LON,RADIUS_KM nor a GeoJSON file";
                    return false;
                }
            }
            if (v[0] is < -90 or > 90 || !(v[2] >= 0 && v[2] < 10_000))
            {
                error = $"'{text}': latitude must lie in [-90, 90] and the radius in [0, 10000) km";
                return false;
            }
            area = new CircleArea(v[0], v[1], v[2]);
            return true;
        }
        if (!File.Exists(text))
        {
            error = $"{text}: no such file (and not LAT,LON,RADIUS_KM)";
            return false;
        }
        return GeoJsonArea.TryParse(File.ReadAllText(text), text, out area, out error);
    }

    internal static Vec3 UnitOf(double latDeg, double lonDeg) => Wgs84.ToEcef(new GeodeticPoint(latDeg, lonDeg, 0)).Unit;

    internal static double Angle(Vec3 a, Vec3 b) => Math.Atan2(Vec3.Cross(a, b).Norm, Vec3.Dot(a, b));
}

/// <summary>A circle on the ground: all points within a great-circle distance of a centre.</summary>
public sealed class CircleArea : AreaOfOperations
{
    private readonly Vec3 _centre;
    private readonly double _radiusRad;
    private readonly double _groundRadiusKm;

    /// <summary>A circle of <paramref name="radiusKm"/> (ground distance) around a geodetic point.</summary>
    public CircleArea(double latitudeDeg, double longitudeDeg, double radiusKm)
    {
        LatitudeDeg = latitudeDeg;
        LongitudeDeg = longitudeDeg;
        RadiusKm = radiusKm;
        var ecef = Wgs84.ToEcef(new GeodeticPoint(latitudeDeg, longitudeDeg, 0));
        _centre = ecef.Unit;
        _groundRadiusKm = ecef.Norm;
        _radiusRad = radiusKm / _groundRadiusKm;
    }

    public double LatitudeDeg { get; }
    public double LongitudeDeg { get; }
    public double RadiusKm { get; }

    public override Vec3 CentroidUnit => _centre;
    public override double BoundingRadiusRad => _radiusRad;
    public override double GroundRadiusKm => _groundRadiusKm;
    public override string Description => FormattableString.Invariant($"circle {LatitudeDeg},{LongitudeDeg} r={RadiusKm} km");

    public override double AngularDistanceRad(Vec3 unit) => Math.Max(0, Angle(unit, _centre) - _radiusRad);

    public override Vec3 NearestPointUnit(Vec3 unit)
    {
        var d = Angle(unit, _centre);
        if (d <= _radiusRad) return unit;
        // Rotate the centre towards the direction by the radius, along the great circle.
        var axis = Vec3.Cross(_centre, unit);
        var n = axis.Norm;
        if (n < 1e-15) return _centre;
        var tangent = Vec3.Cross(axis / n, _centre);
        var (s, c) = Math.SinCos(_radiusRad);
        return c * _centre + s * tangent;
    }
}

/// <summary>
/// A polygon on the ground: a closed ring of vertices (longitude, latitude), edges along great circles.
/// Inside test: the ring is projected gnomonically about its centroid (great circles become straight lines, so the
/// even-odd rule is exact), which requires the polygon to lie within one hemisphere around its centroid.
/// Holes are not modelled (the outer ring is used).
/// </summary>
public sealed class PolygonArea : AreaOfOperations
{
    private readonly Vec3[] _v;
    private readonly (double X, double Y)[] _projected;
    private readonly Vec3 _centroid, _e1, _e2;
    private readonly double _bounding;
    private readonly double _groundRadiusKm;

    /// <summary>A polygon from (latitude, longitude) vertices in degrees; a repeated closing vertex is allowed.</summary>
    public PolygonArea(IReadOnlyList<(double LatitudeDeg, double LongitudeDeg)> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var pts = ring.ToList();
        if (pts.Count > 1 && pts[0] == pts[^1]) pts.RemoveAt(pts.Count - 1);
        if (pts.Count < 3) throw new ArgumentException("a polygon needs at least 3 distinct vertices", nameof(ring));
        Vertices = pts;
        _v = pts.Select(p => UnitOf(p.LatitudeDeg, p.LongitudeDeg)).ToArray();
        var sum = Vec3.Zero;
        foreach (var u in _v) sum += u;
        _centroid = sum.Unit;
        var refAxis = Math.Abs(_centroid.Z) < 0.9 ? new Vec3(0, 0, 1) : new Vec3(1, 0, 0);
        _e1 = Vec3.Cross(refAxis, _centroid).Unit;
        _e2 = Vec3.Cross(_centroid, _e1);
        _projected = new (double, double)[_v.Length];
        for (var i = 0; i < _v.Length; i++)
        {
            var dot = Vec3.Dot(_v[i], _centroid);
            if (dot <= 0.05) throw new ArgumentException("the polygon must lie within one hemisphere around its centroid", nameof(ring));
            _projected[i] = (Vec3.Dot(_v[i], _e1) / dot, Vec3.Dot(_v[i], _e2) / dot);
        }
        _bounding = _v.Max(u => Angle(u, _centroid));
        var geo = Wgs84.FromEcef(_centroid * 6378.0);
        _groundRadiusKm = Wgs84.ToEcef(new GeodeticPoint(geo.LatitudeDeg, geo.LongitudeDeg, 0)).Norm;
    }

    /// <summary>The ring's vertices (latitude, longitude), without the closing repeat.</summary>
    public IReadOnlyList<(double LatitudeDeg, double LongitudeDeg)> Vertices { get; }

    public override Vec3 CentroidUnit => _centroid;
    public override double BoundingRadiusRad => _bounding;
    public override double GroundRadiusKm => _groundRadiusKm;
    public override string Description => FormattableString.Invariant($"polygon of {Vertices.Count} vertices");

    /// <summary>Even-odd rule in the gnomonic projection about the centroid.</summary>
    public bool Contains(Vec3 unit)
    {
        var dot = Vec3.Dot(unit, _centroid);
        if (dot <= 0) return false;
        var x = Vec3.Dot(unit, _e1) / dot;
        var y = Vec3.Dot(unit, _e2) / dot;
        var inside = false;
        for (int i = 0, j = _projected.Length - 1; i < _projected.Length; j = i++)
        {
            var (xi, yi) = _projected[i];
            var (xj, yj) = _projected[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
        }
        return inside;
    }

    public override double AngularDistanceRad(Vec3 unit)
    {
        // Cheap exit: far outside the bounding cap.
        if (Contains(unit)) return 0;
        var best = double.MaxValue;
        for (int i = 0, j = _v.Length - 1; i < _v.Length; j = i++)
            best = Math.Min(best, Angle(unit, NearestOnArc(unit, _v[j], _v[i])));
        return best;
    }

    public override Vec3 NearestPointUnit(Vec3 unit)
    {
        if (Contains(unit)) return unit;
        var best = double.MaxValue;
        var bestPoint = _v[0];
        for (int i = 0, j = _v.Length - 1; i < _v.Length; j = i++)
        {
            var p = NearestOnArc(unit, _v[j], _v[i]);
            var d = Angle(unit, p);
            if (d < best) { best = d; bestPoint = p; }
        }
        return bestPoint;
    }

    /// <summary>Nearest point to <paramref name="p"/> on the minor great-circle arc a–b.</summary>
    internal static Vec3 NearestOnArc(Vec3 p, Vec3 a, Vec3 b)
    {
        var n = Vec3.Cross(a, b);
        var nn = n.Norm;
        if (nn < 1e-15) return a;
        n /= nn;
        // Project p onto the great circle's plane.
        var q = p - Vec3.Dot(p, n) * n;
        var qn = q.Norm;
        if (qn < 1e-15) return a;
        q /= qn;
        // On the arc when q lies between a and b.
        if (Vec3.Dot(Vec3.Cross(a, q), n) >= 0 && Vec3.Dot(Vec3.Cross(q, b), n) >= 0) return q;
        return Vec3.Dot(p, a) >= Vec3.Dot(p, b) ? a : b;
    }
}

/// <summary>GeoJSON (RFC 7946) area reader: positions are [longitude, latitude].</summary>
public static class GeoJsonArea
{
    /// <summary>Reads the first Polygon (or a Point with a <c>radius_km</c> property) in a GeoJSON document.</summary>
    public static bool TryParse(string json, string source, out AreaOfOperations? area, out string? error)
    {
        area = null;
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var found = Find(doc.RootElement, null);
            if (found is null)
            {
                error = $"{source}: no Polygon, MultiPolygon or Point-with-radius_km geometry found";
                return false;
            }
            area = found;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"{source}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}";
            return false;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
        {
            error = $"{source}: {ex.Message}";
            return false;
        }
    }

    private static AreaOfOperations? Find(JsonElement e, JsonElement? properties)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("type", out var typeEl)) return null;
        switch (typeEl.GetString())
        {
            case "FeatureCollection":
                foreach (var f in e.GetProperty("features").EnumerateArray())
                    if (Find(f, null) is { } a) return a;
                return null;
            case "Feature":
                return e.TryGetProperty("geometry", out var g)
                    ? Find(g, e.TryGetProperty("properties", out var p) ? p : null)
                    : null;
            case "Polygon":
                return Polygon(e.GetProperty("coordinates"));
            case "MultiPolygon":
                return Polygon(e.GetProperty("coordinates")[0]);
            case "Point":
                if (properties is { ValueKind: JsonValueKind.Object } props && props.TryGetProperty("radius_km", out var r))
                {
                    var c = e.GetProperty("coordinates");
                    return new CircleArea(c[1].GetDouble(), c[0].GetDouble(), r.GetDouble());
                }
                return null;
            default:
                return null;
        }
    }

    private static PolygonArea Polygon(JsonElement rings)
    {
        var outer = rings[0];
        var pts = new List<(double, double)>();
        foreach (var pos in outer.EnumerateArray())
            pts.Add((pos[1].GetDouble(), pos[0].GetDouble()));
        return new PolygonArea(pts);
    }
}
