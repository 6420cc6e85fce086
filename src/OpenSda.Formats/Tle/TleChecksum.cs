namespace OpenSda.Formats.Tle;

/// <summary>
/// The TLE modulo-10 checksum (column 69): the sum of all digits in columns 1-68, with each minus
/// sign counting 1 and every other character 0, taken modulo 10 (NORAD Spacetrack Report No. 3,
/// Hoots and Roehrich 1980, TLE format appendix; CelesTrak "NORAD Two-Line Element Set Format").
/// </summary>
public static class TleChecksum
{
    /// <summary>Checksum of the first 68 characters of <paramref name="line"/> (fewer if it is shorter).</summary>
    public static int Compute(ReadOnlySpan<char> line)
    {
        var n = Math.Min(line.Length, 68);
        var sum = 0;
        for (var i = 0; i < n; i++)
        {
            var c = line[i];
            if (c is >= '0' and <= '9')
                sum += c - '0';
            else if (c == '-')
                sum += 1;
        }
        return sum % 10;
    }
}
