using BenchmarkDotNet.Attributes;
using OpenSda.Formats.Catalog;
using OpenSda.Frames;
using OpenSda.MultiDomain;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Benchmarks;

/// <summary>
/// Passes over a site (Paris, 10° minimum elevation) over 24 h: the whole catalog, and the ISS alone. Run:
/// <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter *Passes* --job short</c>.
/// </summary>
public class PassesBenchmarks
{
    private IReadOnlyList<MeanElements> _catalog = [];
    private MeanElements[] _iss = [];
    private TimeScales _scales = null!;
    private Instant _t0;
    private readonly GroundSite _site = new(new GeodeticPoint(48.8566, 2.3522, 0.035));

    [GlobalSetup]
    public void Setup()
    {
        _scales = TimeScales.LoadBundled();
        _catalog = CatalogLoader.LoadFile(BenchData.Shared("celestrak_on_orbit_20241101.csv")).Entries.Select(e => e.Elements).ToList();
        _iss = [_catalog.Single(e => e.CatalogNumber == 25544)];
        _t0 = Instant.ParseIso("2024-11-01T00:00:00Z", _scales.Utc);
    }

    [Benchmark]
    public int FullCatalog_24h() => PassFinder.Find(_catalog, _site, _t0, _t0.AddSeconds(86_400), _scales).Items.Count;

    [Benchmark]
    public int Iss_24h() => PassFinder.Find(_iss, _site, _t0, _t0.AddSeconds(86_400), _scales).Items.Count;
}
