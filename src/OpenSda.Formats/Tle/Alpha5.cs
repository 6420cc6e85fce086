using System.Globalization;

namespace OpenSda.Formats.Tle;

/// <summary>
/// The Alpha-5 catalog-number scheme of the U.S. Space Force (18 SDS, "Alpha-5" notice, 2019):
/// the five TLE catalog columns hold a letter followed by four digits for numbers 100 000 to
/// 339 999. The letter counts from A = 10 to Z = 33, skipping I and O (they read like 1 and 0),
/// so A0000 = 100 000, H9999 = 179 999, J0000 = 180 000, N9999 = 229 999, P0000 = 230 000 and
/// Z9999 = 339 999. Numbers below 100 000 keep their five digits.
/// </summary>
public static class Alpha5
{
    /// <summary>Smallest number written with a letter (A0000).</summary>
    public const int FirstAlphaNumber = 100_000;

    /// <summary>Largest number that fits the five TLE columns (Z9999).</summary>
    public const int MaxNumber = 339_999;

    // Index = letter value - 10.
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>
    /// Decodes a catalog field of up to five characters (surrounding blanks allowed): plain digits, or
    /// one Alpha-5 letter and four digits. Returns false for anything else (including I, O, lower case).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        var t = text.Trim();
        if (t.IsEmpty || t.Length > 5)
            return false;
        var start = 0;
        var value = 0;
        var c0 = t[0];
        if (c0 is >= 'A' and <= 'Z')
        {
            if (t.Length != 5)
                return false;
            var idx = Letters.IndexOf(c0);
            if (idx < 0)
                return false;
            value = idx + 10;
            start = 1;
        }
        for (var i = start; i < t.Length; i++)
        {
            var c = t[i];
            if (c is < '0' or > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        number = value;
        return true;
    }

    /// <summary>Decodes, throwing <see cref="FormatException"/> on bad input.</summary>
    public static int Decode(ReadOnlySpan<char> text) =>
        TryDecode(text, out var n) ? n : throw new FormatException($"'{text.ToString()}' is not a 5-digit or Alpha-5 catalog number");

    /// <summary>
    /// Writes <paramref name="number"/> in the five TLE columns: zero-padded digits below 100 000,
    /// Alpha-5 from 100 000 to 339 999. Returns false when the number cannot be written (negative or above 339 999).
    /// </summary>
    public static bool TryEncode(int number, out string text)
    {
        if (number is < 0 or > MaxNumber)
        {
            text = string.Empty;
            return false;
        }
        if (number < FirstAlphaNumber)
        {
            text = number.ToString("D5", CultureInfo.InvariantCulture);
            return true;
        }
        var letter = Letters[number / 10_000 - 10];
        text = letter + (number % 10_000).ToString("D4", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Encodes, throwing <see cref="ArgumentOutOfRangeException"/> when the number does not fit.</summary>
    public static string Encode(int number) =>
        TryEncode(number, out var s) ? s : throw new ArgumentOutOfRangeException(nameof(number), number, "catalog number outside 0..339999 cannot be written in TLE columns 3-7");
}
