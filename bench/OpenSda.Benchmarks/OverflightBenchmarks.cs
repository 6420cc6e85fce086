using BenchmarkDotNet.Attributes;
using OpenSda.Formats.Catalog;
using OpenSda.MultiDomain;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Benchmarks;

/// <summary>
/// The full 2024-11-01 catalog (26 834 objects) against an area of operations (a 200 km circle around Kyiv) over 24 h,
/// 30° sensor half-angle: the "under 10 s" case. Run:
/// <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter *Overflight* --job short</c>.
/// </summary>
public class OverflightBenchmarks
{
    private IReadOnlyList<MeanElements> _catalog = [];
    private TimeScales _scales = null!;
    private Instant _t0;
    private readonly AreaOfOperations _area = new CircleArea(50.45, 30.52, 200);

    [GlobalSetup]
    public void Setup()
    {
        _scales = TimeScales.LoadBundled();
        _catalog = CatalogLoader.LoadFile(BenchData.Shared("celestrak_on_orbit_20241101.csv")).Entries.Select(e => e.Elements).ToList();
        _t0 = Instant.ParseIso("2024-11-01T00:00:00Z", _scales.Utc);
    }

    [Benchmark]
    public int FullCatalog_24h_Circle200km() =>
        OverflightFinder.Find(_catalog, _area, _t0, _t0.AddSeconds(86_400), _scales).Items.Count;
}

/// <summary>Paths of benchmark inputs.</summary>
internal static class BenchData
{
    public static string Shared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("shared/data/" + name);
    }
}
