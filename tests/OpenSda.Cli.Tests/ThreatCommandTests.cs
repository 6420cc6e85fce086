using OpenSda.Testing;

namespace OpenSda.Cli.Tests;

public class ThreatCommandTests
{
    private static readonly string History = SharedData.Data("iridium33_cosmos2251_gp_history_2009.csv");

    [Fact]
    public void Passes_of_the_iss_over_paris_are_csv_with_the_documented_header()
    {
        var r = Cli.Run("passes", "--site", "48.8566,2.3522,35", "--sats", "25544", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Commands.PassesCommand.CsvHeader, r.StdoutLines[0]);
        Assert.InRange(r.StdoutLines.Length - 1, 3, 8);
        Assert.All(r.StdoutLines.Skip(1), l => Assert.StartsWith("25544,ISS (ZARYA),2024-11-01T", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Overflight_dark_windows_cover_what_the_overflights_leave_free()
    {
        var r = Cli.Run("overflight", "--area", "50.45,30.52,200", "--sats", "25544,43013", "--dark-windows", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("[", r.Stdout.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("\"start_utc\": \"2024-11-01T00:00:00.000Z\"", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Overflight_by_owner_lists_only_that_owners_satellites_and_a_satcat_file_overrides_the_table()
    {
        var r = Cli.Run("overflight", "--area", "50.45,30.52,500", "--owner", "ESA", "--tag", "imaging", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Commands.OverflightCommand.CsvHeader, r.StdoutLines[0]);
        Assert.True(r.StdoutLines.Length > 1);
        Assert.All(r.StdoutLines.Skip(1), l => Assert.Contains(",SENTINEL-2", l, StringComparison.Ordinal));
        // A SATCAT that says SENTINEL-2A (40697) belongs to someone else takes it out of the ESA selection.
        var satcat = Path.Combine(Path.GetTempPath(), $"opensda-satcat-{Guid.NewGuid():N}.csv");
        File.WriteAllText(satcat, "OBJECT_NAME,OBJECT_ID,NORAD_CAT_ID,OBJECT_TYPE,OPS_STATUS_CODE,OWNER,LAUNCH_DATE\n" +
                                  "SENTINEL-2A,2015-028A,40697,PAY,+,XX,2015-06-23\n");
        try
        {
            var o = Cli.Run("passes", "--site", "50.45,30.52", "--owner", "ESA", "--owners", satcat, "--format", "csv");
            Assert.Equal(0, o.ExitCode);
            Assert.DoesNotContain(o.StdoutLines, l => l.StartsWith("40697,", StringComparison.Ordinal));
            Assert.Contains(o.StdoutLines, l => l.Contains(",SENTINEL-", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(satcat);
        }
    }

    [Fact]
    public void Maneuvers_in_the_iridium_cosmos_history_include_the_collision()
    {
        var r = Cli.Run("maneuvers", History, "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Commands.ManeuversCommand.CsvHeader, r.StdoutLines[0]);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("22675,COSMOS 2251,2009-02-10T16:5", StringComparison.Ordinal));
    }

    [Fact]
    public void Decay_of_a_named_object_in_a_catalog_file_gives_a_window()
    {
        var r = Cli.Run("decay", "23560", SharedData.Data("spacetrack_3le_20231009.txt"), "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var row = Assert.Single(r.StdoutLines.Skip(1)).Split(',');
        Assert.Equal("23560", row[0]);
        Assert.StartsWith("2024-01", row[8], StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_ranks_the_docked_vehicles_of_the_iss()
    {
        var r = Cli.Run("watch", "--assets", "25544", "--keep-out-km", "2,25,25", "--duration", "6h", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Commands.WatchCommand.CsvHeader, r.StdoutLines[0]);
        Assert.Contains(r.StdoutLines.Take(8), l => l.Contains("SOYUZ-MS 26", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("passes", "--site", "91,0")]
    [InlineData("overflight", "--area", "50,30,200", "--half-angle-deg", "95")]
    [InlineData("watch", "--assets", "25544", "--keep-out-km", "1,2")]
    [InlineData("watch", "--assets", "25544", "--keep-out-km", "1,2,3", "--duration", "7x")]
    public void Bad_arguments_exit_with_2(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("opensda: ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_history_file_exits_with_3()
    {
        var r = Cli.Run("maneuvers", "/nonexistent/history.csv");
        Assert.Equal(3, r.ExitCode);
    }
}
