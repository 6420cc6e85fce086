namespace OpenSda.Screening;

/// <summary>The outcome of a screening run: events sorted by TCA, diagnostics and statistics.</summary>
public sealed record ScreeningResult(
    IReadOnlyList<ConjunctionEvent> Events,
    ScreeningDiagnostics Diagnostics,
    ScreeningStatistics Statistics);

/// <summary>An object left out because SGP4 reported an error for it inside the window (or at initialisation).</summary>
/// <param name="Object">The object.</param>
/// <param name="ErrorCode">SGP4 error code (1 eccentricity, 2 mean motion, 3 perturbed eccentricity, 4 semi-latus rectum, 6 decayed; others propagator-defined).</param>
/// <param name="SecondsFromStart">First time the engine saw the error, seconds from the window start.</param>
public sealed record ErroredObject(ScreenedObject Object, int ErrorCode, double SecondsFromStart);

/// <summary>Two objects with identical element sets (docked modules): their range is identically zero; not events.</summary>
public sealed record CoLocatedPair(ScreenedObject A, ScreenedObject B);

/// <summary>Diagnostics of a run.</summary>
public sealed record ScreeningDiagnostics(
    IReadOnlyList<ErroredObject> ErroredObjects,
    IReadOnlyList<CoLocatedPair> CoLocatedPairs,
    IReadOnlyList<int> UnknownPrimaries);

/// <summary>Per-stage counts and wall-clock timings.</summary>
public sealed record ScreeningStatistics
{
    /// <summary>Objects given.</summary>
    public int Objects { get; init; }
    /// <summary>Unordered pairs to consider (all-vs-all: N(N−1)/2; one-vs-all: pairs with a primary).</summary>
    public long PairsConsidered { get; init; }
    /// <summary>Pairs surviving the apogee/perigee filter (stage 1).</summary>
    public long PairsAfterOrbitFilter { get; init; }
    /// <summary>Objects propagated (one-vs-all mode skips those that cannot reach any primary).</summary>
    public int ObjectsPropagated { get; init; }
    /// <summary>Broad-phase sample step used, s.</summary>
    public double SampleStepSeconds { get; init; }
    /// <summary>Sample instants (window start to end inclusive).</summary>
    public int Samples { get; init; }
    /// <summary>SGP4 evaluations in the broad phase (objects × samples).</summary>
    public long BroadPhasePropagations { get; init; }
    /// <summary>(pair, interval) swept-box overlaps found by the spatial grid (stage 2a).</summary>
    public long BoxOverlaps { get; init; }
    /// <summary>(pair, interval) candidates passing the exact swept-chord test (stage 2b).</summary>
    public long ChordCandidates { get; init; }
    /// <summary>SGP4 evaluations spent in refinement.</summary>
    public long RefinementPropagations { get; init; }
    /// <summary>Objects whose sampled radii left their mean-element band in some chunk (band widened; 0 expected).</summary>
    public int OrbitFilterBandViolations { get; init; }
    /// <summary>Events found (stage 3).</summary>
    public int Events { get; init; }
    /// <summary>Wall time of the orbit filter and set-up.</summary>
    public TimeSpan OrbitFilterTime { get; init; }
    /// <summary>Wall time of broad-phase propagation.</summary>
    public TimeSpan PropagationTime { get; init; }
    /// <summary>Wall time of grid + chord test.</summary>
    public TimeSpan BroadPhaseTime { get; init; }
    /// <summary>Wall time of TCA refinement.</summary>
    public TimeSpan RefinementTime { get; init; }
    /// <summary>Total wall time.</summary>
    public TimeSpan TotalTime { get; init; }
}
