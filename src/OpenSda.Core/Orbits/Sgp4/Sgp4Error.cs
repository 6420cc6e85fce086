namespace OpenSda.Orbits.Sgp4;

/// <summary>
/// Outcome of one SGP4/SDP4 initialisation or propagation, as the integer <c>error</c> field of
/// Vallado, Crawford, Hujsak &amp; Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753
/// (2020 reference code). Errors are values, never exceptions: a bulk catalogue has bad sets.
/// </summary>
/// <remarks>
/// For <see cref="MeanEccentricity"/>, <see cref="MeanMotion"/>, <see cref="PerturbedEccentricity"/>
/// and <see cref="SemiLatusRectum"/> the reference returns before computing a state (its r,v are stale);
/// OpenSDA writes NaN instead. For <see cref="Decayed"/> the state is computed and returned, as in the
/// reference: the radius is below one Earth radius, so the point is inside the Earth.
/// </remarks>
public enum Sgp4Error : byte
{
    /// <summary>0: success.</summary>
    None = 0,

    /// <summary>1: mean eccentricity out of range (e ≥ 1 or e &lt; −0.001). State is NaN.</summary>
    MeanEccentricity = 1,

    /// <summary>2: mean motion ≤ 0. State is NaN.</summary>
    MeanMotion = 2,

    /// <summary>3: eccentricity after the deep-space periodics out of range (e &lt; 0 or e &gt; 1). State is NaN.</summary>
    PerturbedEccentricity = 3,

    /// <summary>4: semi-latus rectum &lt; 0. State is NaN.</summary>
    SemiLatusRectum = 4,

    /// <summary>
    /// 5: epoch elements are sub-orbital (perigee radius &lt; 1 Earth radius). Defined for completeness:
    /// the 2020 reference code disabled this check in <c>sgp4init</c> (the decay test, code 6, covers
    /// it), so OpenSDA never returns it either.
    /// </summary>
    SubOrbital = 5,

    /// <summary>6: satellite has decayed (radius &lt; 1 Earth radius). The state IS computed and returned.</summary>
    Decayed = 6,
}

/// <summary>Helpers for <see cref="Sgp4Error"/>.</summary>
public static class Sgp4ErrorExtensions
{
    /// <summary>True when the propagator computed a state (codes 0 and 6); false when the state is NaN.</summary>
    public static bool HasState(this Sgp4Error error) => error is Sgp4Error.None or Sgp4Error.Decayed;
}
