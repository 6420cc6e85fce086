using OpenSda.Time;

namespace OpenSda.Screening;

/// <summary>
/// What to screen: the window W = [<see cref="StartUtc"/>, <see cref="StartUtc"/> + <see cref="Duration"/>),
/// the miss-distance threshold, and optionally a list of primaries (one-against-all mode).
/// </summary>
/// <remarks>
/// Definition used throughout (OpenSDA issue 4): a conjunction is one local minimum of the range
/// |r_a(t) − r_b(t)| of the SGP4 TEME <em>positions</em>, strictly inside W, with the minimum range
/// ≤ <see cref="ThresholdKm"/>. Minima at the edges of W are not events.
/// </remarks>
public sealed record ScreeningOptions
{
    /// <summary>Start of the window, UTC.</summary>
    public required JulianDate StartUtc { get; init; }

    /// <summary>Window length. Any length up to 7 days is supported in bounded memory (longer works too).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Miss-distance threshold, km (the engine is designed and tested for up to 50 km).</summary>
    public double ThresholdKm { get; init; } = 5.0;

    /// <summary>
    /// Catalog numbers of the primaries. Null or empty: all-vs-all. Otherwise only pairs with at least
    /// one primary are screened (a primary against the whole catalog, primaries among themselves included).
    /// </summary>
    public IReadOnlyCollection<int>? Primaries { get; init; }

    /// <summary>
    /// Broad-phase sampling step, seconds. A tuning knob only: the engine is leak-proof for any step,
    /// because the inflation of every object's swept box grows with the step (see <see cref="SweptChordBound"/>).
    /// Default 60 s.
    /// </summary>
    public double SampleStepSeconds { get; init; } = 60.0;

    /// <summary>Samples per streamed time chunk (memory ∝ this × objects). Default 64.</summary>
    public int ChunkSamples { get; init; } = 64;

    /// <summary>
    /// Extra position margin, km, for each deep-space (period ≥ 225 min) object, covering SGP4's small
    /// position discontinuities: the switch of the lunar–solar periodics between the direct and the
    /// Lyddane form when the perturbed inclination crosses 0.2 rad (≈ 0.77 km jump seen in practice).
    /// Default 2 km. Near-Earth SGP4 is continuous in time and gets no jump margin.
    /// </summary>
    public double DiscontinuityMarginKm { get; init; } = 2.0;

    /// <summary>
    /// Grid cell edge as a multiple of the mean inflated (sub-)box extent (tuning only; default 4, the
    /// fastest on the 2024-11-01 catalog: fewer cells per box and SIMD box tests inside a cell beat
    /// smaller cells with fewer pairs).
    /// </summary>
    public double CellSizeFactor { get; init; } = 4.0;

    /// <summary>
    /// Broad-phase slices per sample interval: each object's swept box is cut into this many time-aligned
    /// sub-boxes for the spatial grid (0, the default: chosen per chunk from the chord lengths). A tuning
    /// knob only: the candidates are the same for any value (see <c>GridBroadPhase</c>).
    /// </summary>
    public int BoxSlices { get; init; }

    /// <summary>Maximum degree of parallelism; −1 (default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The window's length in seconds.</summary>
    public double DurationSeconds => Duration.TotalSeconds;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Duration > TimeSpan.Zero)) throw new ArgumentException("Duration must be positive.", nameof(Duration));
        if (!(ThresholdKm > 0) || ThresholdKm > 1000) throw new ArgumentException("ThresholdKm must be in (0, 1000].", nameof(ThresholdKm));
        if (!(SampleStepSeconds > 0) || SampleStepSeconds > 600) throw new ArgumentException("SampleStepSeconds must be in (0, 600].", nameof(SampleStepSeconds));
        if (!(CellSizeFactor > 0)) throw new ArgumentException("CellSizeFactor must be positive.", nameof(CellSizeFactor));
        if (BoxSlices < 0 || BoxSlices > 256) throw new ArgumentException("BoxSlices must be in [0, 256].", nameof(BoxSlices));
        if (ChunkSamples < 2) throw new ArgumentException("ChunkSamples must be ≥ 2.", nameof(ChunkSamples));
        if (!(DiscontinuityMarginKm >= 0)) throw new ArgumentException("DiscontinuityMarginKm must be ≥ 0.", nameof(DiscontinuityMarginKm));
    }
}
