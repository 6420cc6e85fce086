using OpenSda.Mathematics;

namespace OpenSda.Frames;

/// <summary>
/// The change of coordinates from one frame to another at one instant: a rotation
/// <see cref="Rotation"/> (r<sub>to</sub> = R·r<sub>from</sub>) and the angular velocity
/// <see cref="AngularVelocityRadS"/> Ω of the target frame relative to the source frame, expressed
/// in the target frame. Velocities follow the transport theorem:
/// v<sub>to</sub> = R·v<sub>from</sub> − Ω × r<sub>to</sub> (Vallado, <i>Fundamentals</i> 4th ed., Eq. 3-27 form).
/// </summary>
/// <remarks>
/// Only the Earth's rotation contributes to Ω here (PEF and ITRF rotate at ω⊕ relative to TOD);
/// the slow rates of precession, nutation and polar motion are neglected, as in Vallado's reductions
/// (their effect on LEO velocities is below 1e-8 km/s). Compute one transform per instant and apply it
/// to many vectors (<see cref="TransformPositions"/>) for batch work.
/// </remarks>
public readonly record struct FrameTransform(Matrix3 Rotation, Vec3 AngularVelocityRadS)
{
    public static FrameTransform Identity => new(Matrix3.Identity, Vec3.Zero);

    /// <summary>Position (any unit) in the target frame.</summary>
    public Vec3 TransformPosition(Vec3 position) => Rotation.Apply(position);

    /// <summary>Direction or free vector (no rotation-rate term) in the target frame.</summary>
    public Vec3 TransformVector(Vec3 vector) => Rotation.Apply(vector);

    /// <summary>Position (km) and velocity (km/s) in the target frame, including the −Ω×r term.</summary>
    public StateVector TransformState(StateVector state)
    {
        var r = Rotation.Apply(state.PositionKm);
        var v = Rotation.Apply(state.VelocityKmS) - Vec3.Cross(AngularVelocityRadS, r);
        return new StateVector(r, v);
    }

    /// <summary>Transforms many positions with the one rotation (batch path).</summary>
    public void TransformPositions(ReadOnlySpan<Vec3> source, Span<Vec3> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is shorter than source", nameof(destination));
        var m = Rotation;
        for (var i = 0; i < source.Length; i++) destination[i] = m.Apply(source[i]);
    }

    /// <summary>Transforms many states with the one transform (batch path).</summary>
    public void TransformStates(ReadOnlySpan<StateVector> source, Span<StateVector> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is shorter than source", nameof(destination));
        for (var i = 0; i < source.Length; i++) destination[i] = TransformState(source[i]);
    }

    /// <summary>This transform followed by <paramref name="next"/> (A→B then B→C gives A→C): R = R₂R₁, Ω = R₂Ω₁ + Ω₂.</summary>
    public FrameTransform Then(FrameTransform next) =>
        new(next.Rotation * Rotation, next.Rotation.Apply(AngularVelocityRadS) + next.AngularVelocityRadS);

    /// <summary>The reverse transform: R' = Rᵀ, Ω' = −RᵀΩ.</summary>
    public FrameTransform Inverse() => new(Rotation.Transpose(), -Rotation.ApplyTransposed(AngularVelocityRadS));
}
