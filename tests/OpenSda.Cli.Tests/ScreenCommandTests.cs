using System.Globalization;
using OpenSda.Testing;

namespace OpenSda.Cli.Tests;

public class ScreenCommandTests
{
    private static readonly string Historic = SharedData.Data("historic_collisions_last_tles.3le");

    [Fact]
    public void Screening_the_Iridium_Cosmos_element_sets_finds_the_2009_collision_near_16_56_UTC()
    {
        var r = Cli.Run("screen", Historic, "--start", "2009-02-10T00:00:00Z", "--duration", "24h", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("norad_a,norad_b,tca_utc,miss_km,rel_speed_kms,", r.StdoutLines[0], StringComparison.Ordinal);
        var row = r.StdoutLines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == "22675" && f[1] == "24946");
        // SGP4 of the last published element sets: TCA 2009-02-10T16:55:59.796Z, miss 0.698 km, 11.65 km/s.
        Assert.StartsWith("2009-02-10T16:5", row[2], StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", row[2]);
        Assert.InRange(double.Parse(row[3], CultureInfo.InvariantCulture), 0.5, 1.0);
        Assert.InRange(double.Parse(row[4], CultureInfo.InvariantCulture), 11.0, 12.0);
    }

    [Fact]
    public void Each_event_gets_a_valid_cdm_whose_pc_opensda_pc_reproduces()
    {
        var dir = Path.Combine(Path.GetTempPath(), "opensda-cdm-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--format", "csv", "--cdm-dir", dir);
            Assert.Equal(0, r.ExitCode);
            var events = r.StdoutLines.Length - 1;
            var cdms = Directory.GetFiles(dir, "*.cdm");
            Assert.Equal(events, cdms.Length);
            Assert.Equal(0, Cli.Run(["ccsds", "validate", .. cdms]).ExitCode);
            var screenPc = double.Parse(r.StdoutLines[1].Split(',')[16], CultureInfo.InvariantCulture);
            var pc = Cli.Run("pc", cdms[0], "--format", "csv");
            var pc2d = double.Parse(pc.StdoutLines.Single(l => l.Contains(",pc2d,", StringComparison.Ordinal)).Split(',')[2], CultureInfo.InvariantCulture);
            Assert.Equal(screenPc, pc2d, screenPc * 1e-4);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_operator_OEM_replaces_the_TLE_and_finds_the_same_collision_within_a_few_metres()
    {
        // Iridium 33's ephemeris as its operator would send it: its own SGP4 trajectory, every 60 s, in EME2000.
        var el = OpenSda.Formats.Tle.TleReader.Read(File.ReadAllText(Historic), "historic").Entries.Select(e => e.Elements).First(e => e.CatalogNumber == 24946);
        var scales = OpenSda.Time.TimeScales.Bundled;
        var frames = new OpenSda.Frames.FrameTree(scales);
        var sgp4 = new OpenSda.Orbits.Sgp4.Sgp4Propagator(el);
        var t0 = new DateTime(2009, 2, 10, 15, 50, 0, DateTimeKind.Utc);
        var sb = new System.Text.StringBuilder("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2009-02-10T00:00:00\nORIGINATOR = IRIDIUM\nMETA_START\nOBJECT_NAME = IRIDIUM 33\nOBJECT_ID = 1997-051C\n" +
            "CENTER_NAME = EARTH\nREF_FRAME = EME2000\nTIME_SYSTEM = UTC\nSTART_TIME = 2009-02-10T15:50:00\nSTOP_TIME = 2009-02-10T18:10:00\nINTERPOLATION = LAGRANGE\nINTERPOLATION_DEGREE = 9\nMETA_STOP\n");
        for (var k = 0; k <= 140; k++)
        {
            var t = t0.AddMinutes(k);
            Assert.Equal(OpenSda.Orbits.Sgp4.Sgp4Error.None, sgp4.Propagate(OpenSda.Time.JulianDate.FromCalendar(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second), out OpenSda.Mathematics.StateVector teme));
            var s = frames.Transform(teme, frames.Teme, frames.Gcrf, OpenSda.Time.Instant.FromDateTime(new DateTimeOffset(t), scales.Utc));
            sb.Append(CultureInfo.InvariantCulture, $"{t:yyyy-MM-ddTHH:mm:ss} {s.PositionKm.X:F6} {s.PositionKm.Y:F6} {s.PositionKm.Z:F6} {s.VelocityKmS.X:F9} {s.VelocityKmS.Y:F9} {s.VelocityKmS.Z:F9}\n");
        }
        var oem = Path.Combine(Path.GetTempPath(), "opensda-iridium33-" + Guid.NewGuid().ToString("N") + ".oem");
        File.WriteAllText(oem, sb.ToString());
        try
        {
            static string[] Row(Cli.Result r) => r.StdoutLines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == "22675" && f[1] == "24946");
            var tle = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--format", "csv");
            var withOem = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--format", "csv", "--oem", oem);
            Assert.Equal(0, withOem.ExitCode);
            double Miss(string[] f) => double.Parse(f[3], CultureInfo.InvariantCulture);
            Assert.InRange(Math.Abs(Miss(Row(tle)) - Miss(Row(withOem))), 0, 0.005); // 5 m
            Assert.Equal(Row(tle)[2], Row(withOem)[2]);                              // same TCA to the millisecond

            File.WriteAllText(oem, sb.ToString().Replace("OBJECT_ID = 1997-051C", "OBJECT_ID = 1900-001Z", StringComparison.Ordinal));
            var bad = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--oem", oem);
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("OBJECT_ID", bad.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(oem);
        }
    }

    [Fact]
    public void Covariance_blocks_in_an_operator_OEM_are_used_for_the_Pc_and_marked_mixed()
    {
        // Iridium 33's trajectory as in the test above, plus an RTN covariance block every 10 minutes (50 m radial,
        // 200 m in-track, 50 m cross-track): the event's Pc uses it for Iridium 33 and the default model for Cosmos 2251.
        var el = OpenSda.Formats.Tle.TleReader.Read(File.ReadAllText(Historic), "historic").Entries.Select(e => e.Elements).First(e => e.CatalogNumber == 24946);
        var sgp4 = new OpenSda.Orbits.Sgp4.Sgp4Propagator(el);
        var t0 = new DateTime(2009, 2, 10, 15, 50, 0, DateTimeKind.Utc);
        var sb = new System.Text.StringBuilder("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2009-02-10T00:00:00\nORIGINATOR = IRIDIUM\nMETA_START\nOBJECT_NAME = IRIDIUM 33\nOBJECT_ID = 24946\n" +
            "CENTER_NAME = EARTH\nREF_FRAME = TEME\nTIME_SYSTEM = UTC\nSTART_TIME = 2009-02-10T15:50:00\nSTOP_TIME = 2009-02-10T18:10:00\nINTERPOLATION = LAGRANGE\nINTERPOLATION_DEGREE = 9\nMETA_STOP\n");
        for (var k = 0; k <= 140; k++)
        {
            var t = t0.AddMinutes(k);
            Assert.Equal(OpenSda.Orbits.Sgp4.Sgp4Error.None, sgp4.Propagate(OpenSda.Time.JulianDate.FromCalendar(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second), out OpenSda.Mathematics.StateVector s));
            sb.Append(CultureInfo.InvariantCulture, $"{t:yyyy-MM-ddTHH:mm:ss} {s.PositionKm.X:F6} {s.PositionKm.Y:F6} {s.PositionKm.Z:F6} {s.VelocityKmS.X:F9} {s.VelocityKmS.Y:F9} {s.VelocityKmS.Z:F9}\n");
        }
        sb.Append("COVARIANCE_START\n");
        for (var k = 0; k <= 140; k += 10)
            sb.Append(CultureInfo.InvariantCulture, $"EPOCH = {t0.AddMinutes(k):yyyy-MM-ddTHH:mm:ss}\nCOV_REF_FRAME = RTN\n2.5e-3\n0 4e-2\n0 0 2.5e-3\n0 0 0 1e-8\n0 0 0 0 1e-8\n0 0 0 0 0 1e-8\n");
        sb.Append("COVARIANCE_STOP\n");
        var oem = Path.Combine(Path.GetTempPath(), "opensda-iridium33-cov-" + Guid.NewGuid().ToString("N") + ".oem");
        File.WriteAllText(oem, sb.ToString());
        try
        {
            var header = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--format", "csv");
            var columns = header.StdoutLines[0].Split(',');
            int pcAt = Array.IndexOf(columns, "pc"), covAt = Array.IndexOf(columns, "pc_covariance");
            static string[] Row(Cli.Result r) => r.StdoutLines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == "22675" && f[1] == "24946");
            var withOem = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--format", "csv", "--oem", oem);
            Assert.Equal(0, withOem.ExitCode);
            Assert.Equal("default", Row(header)[covAt]);
            Assert.Equal("mixed", Row(withOem)[covAt]);
            Assert.NotEqual(Row(header)[pcAt], Row(withOem)[pcAt]);
            // Events of other objects keep the default model.
            Assert.All(withOem.StdoutLines.Skip(1).Select(l => l.Split(',')).Where(f => f[0] != "24946" && f[1] != "24946"), f => Assert.Equal("default", f[covAt]));
        }
        finally
        {
            File.Delete(oem);
        }
    }

    [Fact]
    public void One_against_all_reports_only_events_of_the_primaries()
    {
        var r = Cli.Run("screen", Historic, "--start", "1996-07-24T00:00:00Z", "--duration", "24h", "--primaries", "23606", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var rows = r.StdoutLines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(rows); // CERISE meets the Ariane debris every ~49 min that day
        Assert.All(rows, f => Assert.True(f[0] == "23606" || f[1] == "23606"));
        Assert.All(rows, f => Assert.True(int.Parse(f[0], CultureInfo.InvariantCulture) < int.Parse(f[1], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("--duration", "tomorrow")]
    [InlineData("--threshold-km", "0")]
    [InlineData("--threshold-km", "51")]
    [InlineData("--start", "yesterday")]
    [InlineData("--primaries", "not-a-number")]
    public void Bad_option_values_are_usage_errors(string option, string value) =>
        Assert.Equal(2, Cli.Run("screen", Historic, option, value).ExitCode);

    [Fact]
    public void Json_output_carries_the_statistics_and_the_events()
    {
        var r = Cli.Run("screen", Historic, "--start", "2009-02-10T16:00:00Z", "--duration", "2h", "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("events").GetArrayLength());
        Assert.Equal(4, doc.RootElement.GetProperty("statistics").GetProperty("objects").GetInt32());
    }
}
