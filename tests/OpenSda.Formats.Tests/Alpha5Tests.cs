using OpenSda.Formats.Tle;

namespace OpenSda.Formats.Tests;

public class Alpha5Tests
{
    [Theory]
    [InlineData("A0000", 100000)]
    [InlineData("A0001", 100001)]
    [InlineData("H9999", 179999)]
    [InlineData("J0000", 180000)] // I skipped
    [InlineData("N9999", 229999)]
    [InlineData("P0000", 230000)] // O skipped
    [InlineData("T0288", 270288)]
    [InlineData("Z9999", 339999)]
    [InlineData("00005", 5)]
    [InlineData("99999", 99999)]
    [InlineData("  123", 123)]
    public void Alpha5_letters_count_from_A_equals_10_skipping_I_and_O(string text, int number)
    {
        Assert.True(Alpha5.TryDecode(text, out var n));
        Assert.Equal(number, n);
    }

    [Theory]
    [InlineData("I0000")]
    [InlineData("O1234")]
    [InlineData("a0000")]
    [InlineData("A000")]
    [InlineData("AB000")]
    [InlineData("")]
    [InlineData("1234567")]
    public void Invalid_alpha5_text_is_refused(string text) => Assert.False(Alpha5.TryDecode(text, out _));

    [Fact]
    public void Every_number_from_0_to_339999_round_trips_through_alpha5()
    {
        for (var n = 0; n <= Alpha5.MaxNumber; n++)
        {
            var s = Alpha5.Encode(n);
            Assert.Equal(5, s.Length);
            Assert.True(Alpha5.TryDecode(s, out var back));
            Assert.Equal(n, back);
            Assert.DoesNotContain('I', s);
            Assert.DoesNotContain('O', s);
        }
    }

    [Fact]
    public void Numbers_above_Z9999_cannot_be_encoded()
    {
        Assert.False(Alpha5.TryEncode(340000, out _));
        Assert.False(Alpha5.TryEncode(-1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Alpha5.Encode(999_999_999));
    }
}
