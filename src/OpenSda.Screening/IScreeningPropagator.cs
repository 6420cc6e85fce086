using OpenSda.Mathematics;

namespace OpenSda.Screening;

/// <summary>
/// The positions the screener works on: TEME positions (km) of a fixed set of objects at times given
/// as seconds from the window start. Implementations must be thread-safe for concurrent calls
/// (the engine calls them from several threads) and deterministic: the same (object, time) must
/// always give bit-identical output, whichever method is used.
/// </summary>
public interface IScreeningPropagator
{
    /// <summary>Number of objects.</summary>
    int Count { get; }

    /// <summary>
    /// Positions of the objects listed in <paramref name="objects"/> at one instant, written at the same
    /// positions of the output spans (structure of arrays). <paramref name="errors"/> gets 0, or the
    /// propagator's error code for that object at that time (then the position is unspecified).
    /// Must not allocate per call.
    /// </summary>
    void PropagatePositions(double secondsFromStart, ReadOnlySpan<int> objects,
        Span<double> xKm, Span<double> yKm, Span<double> zKm, Span<int> errors);

    /// <summary>Position and velocity of one object; returns 0 or an error code.</summary>
    int Propagate(int obj, double secondsFromStart, out Vec3 positionKm, out Vec3 velocityKmS);
}
