using System.Runtime.CompilerServices;

namespace OpenSda.Mathematics;

/// <summary>An immutable Cartesian 3-vector of doubles. Units are named by whoever holds one.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Zero = new(0, 0, 0);

    public double Norm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Math.Sqrt(X * X + Y * Y + Z * Z);
    }

    public double NormSquared => X * X + Y * Y + Z * Z;

    public Vec3 Unit
    {
        get
        {
            var n = Norm;
            return n == 0 ? Zero : new Vec3(X / n, Y / n, Z / n);
        }
    }

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vec3 operator *(Vec3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    public static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    public static Vec3 Cross(Vec3 a, Vec3 b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    public override string ToString() => FormattableString.Invariant($"({X:R}, {Y:R}, {Z:R})");
}

/// <summary>A position (km) and velocity (km/s) in some frame that the holder names.</summary>
public readonly record struct StateVector(Vec3 PositionKm, Vec3 VelocityKmS);
