using OpenSda.Time;

namespace OpenSda.Core.Tests;

public class JulianDateTests
{
    [Fact]
    public void J2000_noon_is_2451545()
    {
        var jd = JulianDate.FromCalendar(2000, 1, 1, 12);
        Assert.Equal(2_451_545.0, jd.Value, 9);
    }

    [Fact]
    public void Vallado_example_3_4_date_converts_to_the_published_julian_date()
    {
        // Vallado, Fundamentals 4th ed., Example 3-4: 1996-10-26 14:20:00 UT1 → JD 2450383.09722222.
        var jd = JulianDate.FromCalendar(1996, 10, 26, 14, 20, 0);
        Assert.Equal(2_450_383.097_222_22, jd.Value, 7);
    }

    [Fact]
    public void Calendar_round_trips_to_the_microsecond()
    {
        var jd = JulianDate.FromCalendar(2024, 11, 1, 23, 59, 59.999_999);
        var (y, mo, d, h, mi, s) = jd.ToCalendar();
        Assert.Equal((2024, 11, 1, 23, 59), (y, mo, d, h, mi));
        Assert.Equal(59.999_999, s, 6);
    }

    [Fact]
    public void A_TLE_day_of_year_matches_the_calendar_date()
    {
        var doy = JulianDate.FromDayOfYear(2024, 306.5); // 2024 is a leap year: day 306 = Nov 1
        Assert.Equal(JulianDate.FromCalendar(2024, 11, 1, 12).Value, doy.Value, 9);
    }
}
