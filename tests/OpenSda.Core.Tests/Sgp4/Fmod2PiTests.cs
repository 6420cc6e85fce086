using OpenSda.Orbits.Sgp4;

namespace OpenSda.Core.Tests.Sgp4;

public class Fmod2PiTests
{
    [Fact]
    public void Fast_remainder_equals_fmod_bit_for_bit()
    {
        // Property: for angles SGP4 meets (|x| up to ~1e6 rad) the FMA remainder is C's fmod exactly.
        var rnd = new Random(20240917);
        const double twoPi = 2.0 * Math.PI;
        for (var i = 0; i < 200_000; i++)
        {
            var scale = Math.Pow(10.0, rnd.Next(-3, 7));
            var x = (rnd.NextDouble() * 2.0 - 1.0) * scale;
            Assert.Equal(x % twoPi, Sgp4Record.Fmod2Pi(x));
        }
        foreach (var k in new[] { -3.0, -1.0, 1.0, 2.0, 1000.0 })
        {
            var x = k * twoPi;
            foreach (var y in new[] { x, Math.BitIncrement(x), Math.BitDecrement(x) })
                Assert.Equal(y % twoPi, Sgp4Record.Fmod2Pi(y));
        }
        Assert.True(double.IsNaN(Sgp4Record.Fmod2Pi(double.NaN)));
    }
}
