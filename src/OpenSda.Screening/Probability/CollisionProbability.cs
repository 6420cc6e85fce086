namespace OpenSda.Screening.Probability;

/// <summary>Options for <see cref="CollisionProbability.Compute"/>.</summary>
public sealed record PcOptions
{
    /// <summary>Monte Carlo sample count (<c>mc</c>).</summary>
    public long MonteCarloSamples { get; init; } = MonteCarloPc.DefaultSamples;

    /// <summary>Monte Carlo seed (<c>mc</c>).</summary>
    public ulong MonteCarloSeed { get; init; } = 20_250_101;

    /// <summary>2-D options (<c>pc2d</c>).</summary>
    public Pc2DOptions Pc2D { get; init; } = Pc2DOptions.Default;

    /// <summary>Default options.</summary>
    public static PcOptions Default { get; } = new();
}

/// <summary>
/// Entry point for screening and the CLI (<c>opensda pc CDM_FILE... --method NAME --hbr-m R</c>): dispatches a
/// conjunction to the method named in <see cref="PcMethodNames"/>.
/// </summary>
public static class CollisionProbability
{
    /// <summary>Computes Pc with the named method (<c>pc2d</c>, <c>chan</c>, <c>max</c>, <c>mc</c>, <c>nc3d</c>, <c>nc2d</c>).</summary>
    /// <exception cref="ArgumentException">Unknown method name.</exception>
    public static PcResult Compute(Conjunction conjunction, string method = PcMethodNames.Pc2D, PcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        options ??= PcOptions.Default;
        return method?.ToUpperInvariant() switch
        {
            "PC2D" => Foster1992.Compute(conjunction, options.Pc2D),
            "CHAN" => Chan1997.Compute(conjunction),
            "MAX" => MaximumPc.Compute(conjunction),
            "MC" => MonteCarloPc.Compute(conjunction, options.MonteCarloSamples, options.MonteCarloSeed),
            "NC3D" => Hall2021.Compute(conjunction),
            "NC2D" => Hall2021.ComputeNc2D(conjunction),
            _ => throw new ArgumentException($"unknown Pc method '{method}'; expected one of {string.Join(", ", PcMethodNames.All)}", nameof(method)),
        };
    }
}
