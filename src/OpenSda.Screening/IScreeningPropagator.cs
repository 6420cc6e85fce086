using OpenSda.Mathematics;

namespace OpenSda.Screening;

/// <summary>
/// The positions the screener works on: TEME positions (km) of a fixed set of objects at times given
/// as seconds from the window start. Deterministic: the same (object, time) must give bit-identical
/// output through either method.
/// </summary>
public interface IScreeningPropagator
{
    /// <summary>Number of objects.</summary>
    int Count { get; }

    /// <summary>
    /// Positions of the listed objects (ascending indices) at every time, structure of arrays with
    /// sample (time k, object i) at index <c>k * Count + i</c>; other objects' slots may be overwritten.
    /// <paramref name="errors"/> gets 0 or the propagator's error code per sample. May use up to
    /// <paramref name="maxDegreeOfParallelism"/> threads (−1: all); never called concurrently with itself.
    /// </summary>
    void PropagateSamples(ReadOnlySpan<double> secondsFromStart, ReadOnlySpan<int> objects,
        Span<double> xKm, Span<double> yKm, Span<double> zKm, Span<int> errors, int maxDegreeOfParallelism);

    /// <summary>Position and velocity of one object; returns 0 or an error code. Thread-safe.</summary>
    int Propagate(int obj, double secondsFromStart, out Vec3 positionKm, out Vec3 velocityKmS);
}
