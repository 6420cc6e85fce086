using System.Runtime.CompilerServices;
using OpenSda.Mathematics;

namespace OpenSda.Frames;

/// <summary>
/// An immutable 3×3 matrix of doubles, row-major (<c>Mrc</c> = row r, column c), used for rotations.
/// <see cref="R1"/>, <see cref="R2"/>, <see cref="R3"/> are the coordinate-frame rotation matrices of
/// Vallado, <i>Fundamentals</i> 4th ed., §3.2 (ROT1/ROT2/ROT3: the axes turn by +angle, so a fixed
/// vector's components turn by −angle).
/// </summary>
public readonly record struct Matrix3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>ROT1(angle): frame rotation about the x axis.</summary>
    public static Matrix3 R1(double angleRad)
    {
        var (s, c) = Math.SinCos(angleRad);
        return new Matrix3(1, 0, 0, 0, c, s, 0, -s, c);
    }

    /// <summary>ROT2(angle): frame rotation about the y axis.</summary>
    public static Matrix3 R2(double angleRad)
    {
        var (s, c) = Math.SinCos(angleRad);
        return new Matrix3(c, 0, -s, 0, 1, 0, s, 0, c);
    }

    /// <summary>ROT3(angle): frame rotation about the z axis.</summary>
    public static Matrix3 R3(double angleRad)
    {
        var (s, c) = Math.SinCos(angleRad);
        return new Matrix3(c, s, 0, -s, c, 0, 0, 0, 1);
    }

    public Matrix3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        a.M11 * b.M11 + a.M12 * b.M21 + a.M13 * b.M31, a.M11 * b.M12 + a.M12 * b.M22 + a.M13 * b.M32, a.M11 * b.M13 + a.M12 * b.M23 + a.M13 * b.M33,
        a.M21 * b.M11 + a.M22 * b.M21 + a.M23 * b.M31, a.M21 * b.M12 + a.M22 * b.M22 + a.M23 * b.M32, a.M21 * b.M13 + a.M22 * b.M23 + a.M23 * b.M33,
        a.M31 * b.M11 + a.M32 * b.M21 + a.M33 * b.M31, a.M31 * b.M12 + a.M32 * b.M22 + a.M33 * b.M32, a.M31 * b.M13 + a.M32 * b.M23 + a.M33 * b.M33);

    public static Vec3 operator *(Matrix3 m, Vec3 v) => m.Apply(v);

    /// <summary>The product M·v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec3 Apply(Vec3 v) => new(
        M11 * v.X + M12 * v.Y + M13 * v.Z,
        M21 * v.X + M22 * v.Y + M23 * v.Z,
        M31 * v.X + M32 * v.Y + M33 * v.Z);

    /// <summary>The product Mᵀ·v (the inverse rotation) without forming the transpose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec3 ApplyTransposed(Vec3 v) => new(
        M11 * v.X + M21 * v.Y + M31 * v.Z,
        M12 * v.X + M22 * v.Y + M32 * v.Z,
        M13 * v.X + M23 * v.Y + M33 * v.Z);
}
