using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Orbits.Ephemeris;

/// <summary>
/// Anything that gives an object's state at an instant within a usable span: an interpolated
/// operator ephemeris (CCSDS OEM), or a propagator wrapped the same way. Screening asks an object's
/// source for states; an object with an OEM uses the OEM instead of its TLE.
/// </summary>
public interface IEphemerisSource
{
    /// <summary>First instant a state may be asked for.</summary>
    Instant UsableStart { get; }

    /// <summary>Last instant a state may be asked for.</summary>
    Instant UsableStop { get; }

    /// <summary>
    /// The state (km, km/s, in the source's frame) at <paramref name="t"/>; false outside
    /// [<see cref="UsableStart"/>, <see cref="UsableStop"/>].
    /// </summary>
    bool TryGetState(Instant t, out StateVector state);
}

/// <summary>Interpolation method of an ephemeris (CCSDS 502.0-B-3 §5.2.3 <c>INTERPOLATION</c>).</summary>
public enum EphemerisInterpolation
{
    /// <summary>Lagrange polynomials through degree+1 samples, applied to positions and velocities separately.</summary>
    Lagrange,

    /// <summary>Hermite polynomials matching positions and velocities at the samples (velocity is the polynomial's derivative).</summary>
    Hermite,

    /// <summary>Straight lines between neighbouring samples (Lagrange of degree 1).</summary>
    Linear,
}
