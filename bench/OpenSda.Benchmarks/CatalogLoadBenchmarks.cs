using BenchmarkDotNet.Attributes;
using OpenSda.Formats.Catalog;

namespace OpenSda.Benchmarks;

/// <summary>
/// Whole-catalog load times (read file, detect format, parse every record) for the three
/// full-catalog samples in shared/data. Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter *CatalogLoad* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CatalogLoadBenchmarks
{
    private string _csv = "";
    private string _tle = "";
    private string _threeLe = "";
    private string _csvGz = "";

    [GlobalSetup]
    public void Setup()
    {
        var data = FindShared();
        _csv = Path.Combine(data, "celestrak_on_orbit_20241101.csv");
        _tle = Path.Combine(data, "spacetrack_gp_20240917.tle");
        _threeLe = Path.Combine(data, "spacetrack_3le_20231009.txt");
        _csvGz = Path.Combine(RepoRoot(), "data", "catalog", "celestrak_on_orbit_20241101.csv.gz");
    }

    [Benchmark]
    public int CelesTrakCsv_26834() => CatalogLoader.LoadFile(_csv).LoadedCount;

    [Benchmark]
    public int CelesTrakCsvGzip_26834() => CatalogLoader.LoadFile(_csvGz).LoadedCount;

    [Benchmark]
    public int SpaceTrackTle_26905() => CatalogLoader.LoadFile(_tle).LoadedCount;

    [Benchmark]
    public int SpaceTrack3le_26140() => CatalogLoader.LoadFile(_threeLe).LoadedCount;

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found");
    }

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("OPENSDA_SHARED");
        if (!string.IsNullOrEmpty(env))
            return Path.Combine(env, "data");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("shared/data not found; set OPENSDA_SHARED");
    }
}
