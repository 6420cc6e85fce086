using BenchmarkDotNet.Attributes;
using OpenSda.Formats.Catalog;
using OpenSda.Orbits;
using OpenSda.Threats;
using OpenSda.Time;

namespace OpenSda.Benchmarks;

/// <summary>
/// Manoeuvre detection over the IRIDIUM 33 / COSMOS 2251 history (63 element sets, 2 objects, with the collision). Run:
/// <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter *Maneuver* --job short</c>.
/// </summary>
public class ManeuverBenchmarks
{
    private IReadOnlyList<MeanElements> _history = [];
    private TimeScales _scales = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scales = TimeScales.LoadBundled();
        _history = CatalogLoader.LoadFile(BenchData.Shared("iridium33_cosmos2251_gp_history_2009.csv")).Entries.Select(e => e.Elements).ToList();
    }

    [Benchmark]
    public int IridiumCosmosHistory() => ManeuverDetector.Analyze(_history, _scales).Events.Count;
}
