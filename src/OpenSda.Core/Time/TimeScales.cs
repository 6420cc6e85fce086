using System.IO.Compression;

namespace OpenSda.Time;

/// <summary>
/// The set of time scales built from one leap-second table and (optionally) one Earth-orientation
/// table. Immutable; pass it explicitly to whatever reads or writes dates — there is no global
/// mutable context.
/// </summary>
/// <example>
/// <code>
/// var scales = TimeScales.LoadBundled();
/// var t = Instant.ParseIso("2024-11-01T00:00:00Z", scales.Utc);
/// var jdTt = t.ToJulianDate(scales.Tt);
/// Console.WriteLine(scales.LeapSeconds.ExpiryWarning(t));
/// </code>
/// </example>
public sealed class TimeScales
{
    private static readonly Lazy<TimeScales> BundledScales = new(LoadBundled);
    private readonly UtcScale _utc;

    /// <summary>Scales from a leap-second table and optional EOP (none: UT1 = UTC, polar motion 0).</summary>
    public TimeScales(LeapSecondTable leapSeconds, EarthOrientationData? earthOrientation = null)
    {
        ArgumentNullException.ThrowIfNull(leapSeconds);
        LeapSeconds = leapSeconds;
        EarthOrientation = earthOrientation ?? EarthOrientationData.Empty;
        _utc = new UtcScale(leapSeconds);
        Ut1 = new Ut1Scale(_utc, EarthOrientation);
    }

    /// <summary>
    /// Scales from the data bundled in OpenSda.Core (IERS/NIST <c>leap-seconds.list</c>, expires 2026-06-28;
    /// IERS EOP C04 1962-01-01…2022-11-29). Reads the embedded resources each call.
    /// </summary>
    public static TimeScales LoadBundled() => new(BundledData.LeapSeconds(), BundledData.EarthOrientation());

    /// <summary>Scales from user files: a <c>leap-seconds.list</c> and optionally an EOP file (C04 or finals, .gz allowed).</summary>
    public static TimeScales Load(string leapSecondsPath, string? eopPath = null) =>
        new(LeapSecondTable.Load(leapSecondsPath), eopPath is null ? null : EarthOrientationData.Load(eopPath));

    /// <summary>A shared, lazily loaded instance of <see cref="LoadBundled"/> (immutable).</summary>
    public static TimeScales Bundled => BundledScales.Value;

    /// <summary>The leap-second table behind <see cref="Utc"/>.</summary>
    public LeapSecondTable LeapSeconds { get; }

    /// <summary>The Earth-orientation data behind <see cref="Ut1"/> and the terrestrial frames.</summary>
    public EarthOrientationData EarthOrientation { get; }

    /// <summary>International Atomic Time.</summary>
    public TimeScale Tai => TaiScale.Instance;

    /// <summary>Terrestrial Time, TT = TAI + 32.184 s (IERS Conventions 2010, §10.1).</summary>
    public TimeScale Tt { get; } = new ConstantOffsetScale("TT", 32_184_000_000L);

    /// <summary>GPS time, GPS = TAI − 19 s.</summary>
    public TimeScale Gps { get; } = new ConstantOffsetScale("GPS", -19_000_000_000L);

    /// <summary>Coordinated Universal Time (leap seconds from <see cref="LeapSeconds"/>).</summary>
    public TimeScale Utc => _utc;

    /// <summary>Universal Time UT1 = UTC + (UT1−UTC) from <see cref="EarthOrientation"/>.</summary>
    public TimeScale Ut1 { get; }

    /// <summary>A scale by name (UTC, TAI, TT, GPS, UT1; case-insensitive), for command lines and files.</summary>
    public bool TryGetScale(string name, out TimeScale scale)
    {
        scale = name.ToUpperInvariant() switch
        {
            "UTC" => Utc,
            "TAI" => Tai,
            "TT" or "TDT" => Tt,
            "GPS" => Gps,
            "UT1" => Ut1,
            _ => null!,
        };
        return scale is not null;
    }

    /// <summary>Earth-orientation values at <paramref name="t"/> (interpolated in UTC).</summary>
    public EarthOrientation EarthOrientationAt(Instant t) => EarthOrientation.At(t.ToModifiedJulianDate(Utc));

    /// <summary>
    /// Warnings a caller should show for work at <paramref name="t"/>: an expired leap-second table and/or
    /// missing Earth-orientation data. Empty when all is well.
    /// </summary>
    public IReadOnlyList<string> Warnings(Instant t)
    {
        var list = new List<string>(2);
        if (LeapSeconds.ExpiryWarning(t) is { } w) list.Add(w);
        if (EarthOrientation.CoverageWarning(t.ToModifiedJulianDate(Utc)) is { } e) list.Add(e);
        return list;
    }
}

/// <summary>Access to the data files embedded in OpenSda.Core.</summary>
public static class BundledData
{
    private const string LeapResource = "OpenSda.Data.leap-seconds.list";
    private const string EopResource = "OpenSda.Data.eopc04_IAU2000.62-now.txt.gz";

    /// <summary>The bundled IERS/NIST leap-second table.</summary>
    public static LeapSecondTable LeapSeconds()
    {
        using var stream = Open(LeapResource);
        using var reader = new StreamReader(stream);
        var result = LeapSecondTable.Parse(reader, "bundled leap-seconds.list");
        return result.Table ?? throw new InvalidDataException(string.Join(Environment.NewLine, result.Errors));
    }

    /// <summary>The bundled IERS EOP C04 series (1962-01-01 to 2022-11-29).</summary>
    public static EarthOrientationData EarthOrientation()
    {
        using var stream = Open(EopResource);
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var result = EarthOrientationData.ParseC04(reader, "bundled eopc04_IAU2000.62-now");
        return result.Data ?? throw new InvalidDataException(string.Join(Environment.NewLine, result.Errors));
    }

    private static Stream Open(string name) =>
        typeof(BundledData).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from OpenSda.Core");
}
