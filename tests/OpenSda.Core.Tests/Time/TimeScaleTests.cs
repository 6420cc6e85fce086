using OpenSda.Time;

namespace OpenSda.Core.Tests.Time;

public class TimeScaleTests
{
    private static readonly TimeScales Scales = TimeScales.LoadBundled();

    [Fact]
    public void The_leap_second_2016_12_31T23_59_60Z_exists_and_TAI_minus_UTC_steps_from_36_to_37()
    {
        var before = Instant.ParseIso("2016-12-31T23:59:59Z", Scales.Utc);
        var leap = Instant.ParseIso("2016-12-31T23:59:60Z", Scales.Utc);
        var after = Instant.ParseIso("2017-01-01T00:00:00Z", Scales.Utc);
        Assert.Equal(1.0, leap.SecondsSince(before));
        Assert.Equal(1.0, after.SecondsSince(leap));
        Assert.Equal(36.0, Scales.LeapSeconds.TaiMinusUtc(before));
        Assert.Equal(36.0, Scales.LeapSeconds.TaiMinusUtc(leap.AddSeconds(0.5)));
        Assert.Equal(37.0, Scales.LeapSeconds.TaiMinusUtc(after));
        Assert.Equal("2016-12-31T23:59:60.500Z", leap.AddSeconds(0.5).ToIsoString(Scales.Utc));
        Assert.Equal(60.5, leap.AddSeconds(0.5).ToCalendar(Scales.Utc).Second);
    }

    [Fact]
    public void Leap_seconds_after_2017_are_37()
    {
        var t = Instant.ParseIso("2024-11-01T00:00:00Z", Scales.Utc);
        Assert.Equal(-37.0, Scales.Utc.OffsetFromTai(t));
        Assert.Equal("2024-11-01T00:00:37.000", t.ToIsoString(Scales.Tai));
    }

    [Fact]
    public void A_second_60_where_there_is_no_leap_second_is_rejected()
    {
        Assert.False(Instant.TryParseIso("2017-12-31T23:59:60Z", Scales.Utc, out _, out var error));
        Assert.Contains("leap second", error, StringComparison.Ordinal);
        Assert.False(Instant.TryParseIso("2016-12-31T23:59:60", Scales.Tt, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-11-01T24:00:00Z")]
    [InlineData("2024-11-01T00:00:00+01:00")]
    [InlineData("2024-11-01T00:00:00.Z")]
    [InlineData("2024/11/01")]
    public void Malformed_ISO_text_is_reported_without_throwing(string text)
    {
        Assert.False(Instant.TryParseIso(text, Scales.Utc, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void The_Z_suffix_is_refused_for_a_scale_other_than_UTC()
    {
        Assert.False(Instant.TryParseIso("2024-11-01T00:00:00Z", Scales.Tt, out _, out var error));
        Assert.Contains("UTC", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TT_minus_TAI_is_32_184_seconds_and_GPS_minus_TAI_is_minus_19_seconds()
    {
        var t = Instant.ParseIso("2024-11-01T00:00:00Z", Scales.Utc);
        Assert.Equal(32.184, Scales.Tt.OffsetFromTai(t));
        Assert.Equal(-19.0, Scales.Gps.OffsetFromTai(t));
        Assert.Equal("2024-11-01T00:01:09.184", t.ToIsoString(Scales.Tt));
        Assert.Equal("2024-11-01T00:00:18.000", t.ToIsoString(Scales.Gps));
    }

    [Fact]
    public void J2000_is_JD_2451545_in_TT()
    {
        var jd = Instant.J2000.ToJulianDate(Scales.Tt);
        Assert.Equal(2_451_545.0, jd.Value);
        Assert.Equal("2000-01-01T11:58:55.816Z", Instant.J2000.ToIsoString(Scales.Utc));
    }

    [Fact]
    public void Formatting_uses_the_chosen_number_of_sub_second_digits_and_truncates()
    {
        var t = Instant.ParseIso("2024-11-01T12:34:56.123456789Z", Scales.Utc);
        Assert.Equal("2024-11-01T12:34:56Z", t.ToIsoString(Scales.Utc, 0));
        Assert.Equal("2024-11-01T12:34:56.123Z", t.ToIsoString(Scales.Utc));
        Assert.Equal("2024-11-01T12:34:56.123456Z", t.ToIsoString(Scales.Utc, 6));
        Assert.Equal("2024-11-01T12:34:56.123456789Z", t.ToIsoString(Scales.Utc, 9));
        Assert.Equal("2024-11-01T00:00:00.000Z", Instant.ParseIso("2024-11-01", Scales.Utc).ToIsoString(Scales.Utc));
    }

    [Fact]
    public void TAI_minus_UTC_follows_the_1961_to_1971_drift_formula()
    {
        // USNO tai-utc.dat: from 1968-02-01, TAI−UTC = 4.2131700 s + (MJD − 39126) × 0.002592 s;
        // at 1970-01-01 (MJD 40587) that is 8.000082 s.
        var t = Instant.ParseIso("1970-01-01T00:00:00Z", Scales.Utc);
        Assert.Equal(8.000082, Scales.LeapSeconds.TaiMinusUtc(t), 9);
        Assert.Equal("1970-01-01T00:00:00.000000Z", t.ToIsoString(Scales.Utc, 6));
        Assert.Equal(10.0, Scales.LeapSeconds.TaiMinusUtc(Instant.ParseIso("1972-01-01T00:00:00Z", Scales.Utc)));
    }

    [Fact]
    public void UTC_before_1961_uses_the_constant_1961_offset()
    {
        var t = Instant.ParseIso("1930-06-01T00:00:00Z", Scales.Utc);
        Assert.Equal(1.422818, Scales.LeapSeconds.TaiMinusUtc(t), 9);
    }

    [Fact]
    public void The_bundled_table_expires_on_2026_06_28_and_warns_after_but_keeps_37_seconds()
    {
        var table = Scales.LeapSeconds;
        Assert.Equal(new DateOnly(2026, 6, 28), table.Expires);
        var before = Instant.ParseIso("2026-06-27T23:59:59Z", Scales.Utc);
        var after = Instant.ParseIso("2026-06-28T00:00:00Z", Scales.Utc);
        Assert.False(table.IsExpiredAt(before));
        Assert.Null(table.ExpiryWarning(before));
        Assert.True(table.IsExpiredAt(after));
        Assert.Contains("2026-06-28", table.ExpiryWarning(after), StringComparison.Ordinal);
        Assert.Equal(37.0, table.TaiMinusUtc(Instant.ParseIso("2030-01-01T00:00:00Z", Scales.Utc)));
        Assert.Contains(Scales.Warnings(after), w => w.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void A_leap_second_file_with_bad_lines_reports_file_line_and_field_and_keeps_the_good_lines()
    {
        var text = "# comment\n2272060800\t10\t# 1 Jan 1972\nxyz 11\n2287785600 eleven\n2303683200\t12\n#@\t3991593600\n";
        var result = LeapSecondTable.Parse(new StringReader(text), "test.list");
        Assert.NotNull(result.Table);
        Assert.Equal(2, result.Table!.Entries.Count);
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("test.list:3:", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("TAI-UTC", result.Errors[1], StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 6, 28), result.Table.Expires);
    }

    [Fact]
    public void Now_reads_the_given_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("2024-11-01T00:00:00.000Z", Instant.Now(clock, Scales).ToIsoString(Scales.Utc));
        Assert.Equal(Instant.Now(clock, Scales), Instant.Now(clock));
    }

    [Fact]
    public void Arithmetic_and_comparison_work_in_SI_seconds_across_a_leap_second()
    {
        var a = Instant.ParseIso("2016-12-31T23:59:00Z", Scales.Utc);
        var b = Instant.ParseIso("2017-01-01T00:01:00Z", Scales.Utc);
        Assert.Equal(121.0, b.SecondsSince(a));
        Assert.Equal(TimeSpan.FromSeconds(121), b - a);
        Assert.Equal(b, a + TimeSpan.FromSeconds(121));
        Assert.True(a < b);
        Assert.Equal(1e-9, a.AddNanoseconds(1).SecondsSince(a));
    }

    [Fact]
    public void UT1_differs_from_UTC_by_the_C04_value()
    {
        // Bundled C04 row 2004-04-06: UT1−UTC = −0.4399623 s (Vallado's example quotes −0.4399619 s from an older C04 release).
        var t = Instant.ParseIso("2004-04-06T00:00:00Z", Scales.Utc);
        var dut1 = Scales.Ut1.OffsetFromTai(t) - Scales.Utc.OffsetFromTai(t);
        Assert.Equal(-0.4399623, dut1, 9);
        Assert.Equal(t, Instant.FromJulianDate(t.ToJulianDate(Scales.Ut1), Scales.Ut1));
    }

    [Fact]
    public void ISO_and_Julian_date_round_trips_stay_under_1_microsecond_from_1925_to_2125()
    {
        var rng = new Random(20241101);
        var start = Instant.ParseIso("1925-01-01T00:00:00", Scales.Tai).TaiNanosecondsSinceEpoch;
        var end = Instant.ParseIso("2125-01-01T00:00:00", Scales.Tai).TaiNanosecondsSinceEpoch;
        TimeScale[] scales = [Scales.Utc, Scales.Tai, Scales.Tt, Scales.Gps, Scales.Ut1];
        for (var i = 0; i < 5000; i++)
        {
            var t = Instant.FromTaiNanosecondsSinceEpoch(start + (long)(rng.NextDouble() * (end - start)));
            foreach (var scale in scales)
            {
                var iso = t.ToIsoString(scale, 9);
                var parsed = Instant.ParseIso(iso, scale);
                Assert.True(Math.Abs(parsed.NanosecondsSince(t)) < 1000, $"{scale} ISO {iso}: {parsed.NanosecondsSince(t)} ns");
                var jd = t.ToJulianDate(scale);
                var back = Instant.FromJulianDate(jd, scale);
                Assert.True(Math.Abs(back.NanosecondsSince(t)) < 1000, $"{scale} JD {jd}: {back.NanosecondsSince(t)} ns");
                var single = new JulianDate(jd.Value, 0);
                var coarse = Instant.FromJulianDate(single, scale);
                Assert.True(Math.Abs(coarse.SecondsSince(t)) < 1e-4, $"{scale} single-double JD should hold ~40 µs");
            }
        }
    }

    [Fact]
    public void Julian_dates_agree_with_the_existing_JulianDate_calendar()
    {
        var t = Instant.ParseIso("1996-10-26T14:20:00", Scales.Tai);
        Assert.Equal(JulianDate.FromCalendar(1996, 10, 26, 14, 20, 0).Value, t.ToJulianDate(Scales.Tai).Value, 9);
        var c = t.ToCalendar(Scales.Tai);
        Assert.Equal((1996, 10, 26, 14, 20, 0.0, 300), (c.Year, c.Month, c.Day, c.Hour, c.Minute, c.Second, c.DayOfYear));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
