using OpenSda.Mathematics;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Screening.Probability;
using OpenSda.Time;

namespace OpenSda.Screening.Reporting;

/// <summary>
/// An object's provided covariance over time, as an operator ephemeris carries it (CCSDS OEM covariance
/// blocks), for the Pc of screening events: an object whose covariance is known uses it instead of the
/// default model.
/// </summary>
/// <remarks>
/// <para>Between two covariance epochs the covariance is interpolated linearly in time <em>in the object's
/// RTN frame</em>, then rotated to the inertial frame at the requested instant with CARA's convention
/// (<see cref="StateCovariance.ToEci"/>). Interpolating in RTN follows the frame the uncertainty lives
/// in (it grows mostly in-track) instead of smearing it as the orbit turns; a convex combination of
/// positive semi-definite matrices stays positive semi-definite. At an epoch it gives that block exactly.</para>
/// <para>Outside [first epoch, last epoch] there is no provided covariance (null): propagating a covariance
/// needs a state-transition matrix this product does not have, and a stale covariance is not extrapolated;
/// the caller falls back to <see cref="DefaultCovarianceModel"/> and says so. A single block is used only
/// within <see cref="SingleBlockToleranceSeconds"/> of its epoch.</para>
/// </remarks>
public sealed class CovarianceHistory
{
    /// <summary>How far from a lone covariance block it is still used (s): one minute, a typical OEM step.</summary>
    public const double SingleBlockToleranceSeconds = 60;

    private readonly Instant[] _epochs;
    private readonly Mat6[] _rtnM;

    /// <summary>
    /// Builds the history from blocks (epoch, 6×6 in km², km²/s, km²/s², RTN flag) in the frame of
    /// <paramref name="states"/>, which gives the object's state at each inertial block's epoch to rotate it to RTN.
    /// Blocks are sorted by epoch; blocks at an epoch the states do not cover are dropped.
    /// </summary>
    public CovarianceHistory(IEnumerable<(Instant Epoch, double[,] ValuesKm, bool IsRtn)> blocks, IEphemerisSource states)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(states);
        var list = new List<(Instant, Mat6)>();
        foreach (var (epoch, valuesKm, isRtn) in blocks.OrderBy(b => b.Epoch))
        {
            var c = StateCovariance.FromKilometers(valuesKm, isRtn ? CovarianceFrame.Rtn : CovarianceFrame.Eci);
            if (!isRtn)
            {
                if (!states.TryGetState(epoch, out var s)) continue;
                c = c.ToRtn(s);
            }
            list.Add((epoch, c.ValuesM));
        }
        _epochs = [.. list.Select(b => b.Item1)];
        _rtnM = [.. list.Select(b => b.Item2)];
    }

    /// <summary>Number of usable covariance blocks.</summary>
    public int Count => _epochs.Length;

    /// <summary>
    /// The provided covariance at <paramref name="t"/> in the inertial frame of <paramref name="stateEci"/> (the
    /// object's state at <paramref name="t"/>), or null outside the blocks' span.
    /// </summary>
    public StateCovariance? At(Instant t, StateVector stateEci)
    {
        var n = _epochs.Length;
        if (n == 0) return null;
        if (n == 1)
            return Math.Abs((t - _epochs[0]).TotalSeconds) <= SingleBlockToleranceSeconds
                ? new StateCovariance(_rtnM[0], CovarianceFrame.Rtn).ToEci(stateEci)
                : null;
        if (t < _epochs[0] || t > _epochs[n - 1]) return null;
        var hi = Array.BinarySearch(_epochs, t);
        if (hi >= 0) return new StateCovariance(_rtnM[hi], CovarianceFrame.Rtn).ToEci(stateEci);
        hi = ~hi;
        var lo = hi - 1;
        var f = (t - _epochs[lo]).TotalSeconds / (_epochs[hi] - _epochs[lo]).TotalSeconds;
        var m = ((1 - f) * _rtnM[lo]) + (f * _rtnM[hi]);
        return new StateCovariance(m, CovarianceFrame.Rtn).ToEci(stateEci);
    }
}
