using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;

namespace OpenSda.Screening;

/// <summary>
/// Conjunction screening of GP element sets with SGP4 (the front end most callers want).
/// </summary>
/// <example>
/// <code>
/// var catalog = CatalogLoader.LoadFile(path).Entries.Select(e => e.Elements).ToList();
/// var result = ConjunctionScreener.Screen(catalog, new ScreeningOptions
/// {
///     StartUtc = JulianDate.FromCalendar(2024, 11, 1),
///     Duration = TimeSpan.FromDays(1),
///     ThresholdKm = 5,
/// }, progress);
/// foreach (var e in result.Events) Console.WriteLine($"{e.Primary.CatalogNumber} {e.Secondary.CatalogNumber} {e.MissKm}");
/// </code>
/// </example>
public static class ConjunctionScreener
{
    /// <summary>
    /// Screens <paramref name="catalog"/> over the window of <paramref name="options"/>: all-vs-all, or
    /// the primaries against everything. Progress is reported per stage ("orbit filter", "propagation",
    /// "broad phase", "refinement") as a fraction in [0, 1]. Element sets that SGP4 cannot initialise or
    /// that fail inside the window are left out and listed in the diagnostics; identical element sets
    /// are listed as co-located pairs, not events.
    /// </summary>
    public static ScreeningResult Screen(IReadOnlyList<MeanElements> catalog, ScreeningOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var input = CreateInput(catalog, options);
        return ScreeningEngine.Run(input, options, progress, cancellationToken);
    }

    /// <summary>The engine input for a catalog: identities, radial bounds, SGP4 and co-location groups.</summary>
    public static ScreeningInput CreateInput(IReadOnlyList<MeanElements> catalog, ScreeningOptions options,
        Sgp4OperationMode mode = Sgp4OperationMode.Improved)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var n = catalog.Count;
        var objects = new ScreenedObject[n];
        var bounds = new OrbitBounds[n];
        var group = new int[n];
        var keys = new Dictionary<ElementKey, int>();
        var windowDays = options.DurationSeconds / 86400.0;
        for (var i = 0; i < n; i++)
        {
            var el = catalog[i];
            objects[i] = new ScreenedObject(el.CatalogNumber, el.Name, el.InternationalDesignator, el.EpochUtc);
            bounds[i] = OrbitBounds.FromElements(el, options.StartUtc.DaysSince(el.EpochUtc), windowDays);
            var key = new ElementKey(el.EpochUtc.Day + el.EpochUtc.Fraction, el.EpochUtc.Fraction, el.MeanMotionRevPerDay, el.Eccentricity,
                el.InclinationDeg, el.RaanDeg, el.ArgPerigeeDeg, el.MeanAnomalyDeg, el.BStar, el.MeanMotionDot, el.MeanMotionDDot);
            if (keys.TryGetValue(key, out var first)) group[i] = group[first] = first;
            else { keys[key] = i; group[i] = -1; }
        }
        var prop = new Sgp4ScreeningPropagator(new Sgp4Batch(catalog, Sgp4GravityModel.Wgs72, mode), options.StartUtc);
        var init = new int[n];
        var ie = prop.Batch.InitErrors;
        for (var i = 0; i < n; i++) init[i] = (int)ie[i];
        return new ScreeningInput
        {
            Objects = objects,
            Bounds = bounds,
            Propagator = prop,
            CoLocatedGroup = group,
            InitialErrors = init,
        };
    }

    private readonly record struct ElementKey(double Epoch, double EpochFraction, double N, double E, double I, double Raan,
        double Argp, double M, double BStar, double NDot, double NDDot);
}
