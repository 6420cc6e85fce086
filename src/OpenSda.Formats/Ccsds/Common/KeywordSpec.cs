namespace OpenSda.Formats.Ccsds.Common;

/// <summary>How a keyword's value is checked.</summary>
public enum CcsdsValueKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A real number (NaN accepted).</summary>
    Number,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>An epoch (<see cref="CcsdsEpoch"/>).</summary>
    Epoch,

    /// <summary>A reference-frame name (<see cref="CcsdsFrames"/>).</summary>
    Frame,

    /// <summary>A time-system name (<see cref="CcsdsTimeSystems"/>).</summary>
    TimeSystem,

    /// <summary>Blank-separated numbers (a vector such as <c>DCP_SENSITIVITY_VECTOR_POSITION</c>).</summary>
    NumberList,
}

/// <summary>
/// One keyword of a message type: name, value kind, the units the standard prescribes, which part
/// of the message holds it, and (for XML) the container element it is written in.
/// </summary>
/// <param name="Name">The keyword.</param>
/// <param name="Kind">How its value is checked.</param>
/// <param name="Units">Standard units, or null when dimensionless.</param>
/// <param name="Section">Message-specific section code (for example header, relative data, object).</param>
/// <param name="Container">NDM/XML container element; a <c>#suffix</c> distinguishes repeated containers of one name.</param>
/// <param name="Order">Position in the standard's keyword order (writers follow it).</param>
public sealed record KeywordSpec(string Name, CcsdsValueKind Kind, string? Units, int Section, string Container, int Order)
{
    /// <summary>The XML element name of <see cref="Container"/> (without the <c>#suffix</c>).</summary>
    public string ContainerElement => Container.Split('#')[0];
}

/// <summary>A keyword table built in the standard's order.</summary>
internal sealed class KeywordTable
{
    private readonly Dictionary<string, KeywordSpec> _map = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, KeywordSpec> Map => _map;

    public KeywordTable Add(int section, string container, CcsdsValueKind kind, string? units, params string[] names)
    {
        foreach (var n in names)
            _map.Add(n, new KeywordSpec(n, kind, units, section, container, _map.Count));
        return this;
    }

    public bool TryGet(string name, out KeywordSpec spec) => _map.TryGetValue(name, out spec!);

    public static bool IsUserDefined(string name) => name.StartsWith("USER_DEFINED_", StringComparison.Ordinal);
}

/// <summary>Checks one keyword value against its <see cref="KeywordSpec"/>.</summary>
internal static class ValueChecks
{
    /// <summary>
    /// Checks kind and units; records errors (and, when <paramref name="unitMismatchIsWarning"/>,
    /// unit mismatches as warnings). Returns false on error.
    /// </summary>
    public static bool Check(KeywordSpec spec, string value, string? units, int line, DiagnosticBag bag, bool unitMismatchIsWarning = false)
    {
        var ok = true;
        switch (spec.Kind)
        {
            case CcsdsValueKind.Number:
                if (!CcsdsValues.TryNumber(value, out _))
                {
                    bag.Error(line, spec.Name, $"expected a number{UnitsNote(spec)}, found \"{value}\"");
                    ok = false;
                }
                break;
            case CcsdsValueKind.Integer:
                if (!int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    bag.Error(line, spec.Name, $"expected an integer, found \"{value}\"");
                    ok = false;
                }
                break;
            case CcsdsValueKind.Epoch:
                if (!CcsdsEpoch.TryParse(value, out _))
                {
                    bag.Error(line, spec.Name, $"expected an epoch YYYY-MM-DDThh:mm:ss[.d] or YYYY-DDDThh:mm:ss[.d] with valid fields, found \"{value}\"");
                    ok = false;
                }
                break;
            case CcsdsValueKind.Frame:
                if (!CcsdsFrames.IsKnown(value))
                {
                    bag.Error(line, spec.Name, $"unknown reference frame \"{value}\" (CCSDS 502.0-B-3 Annex A; for example EME2000, GCRF, ICRF, ITRF2000, TOD, TEME)");
                    ok = false;
                }
                break;
            case CcsdsValueKind.TimeSystem:
                if (!CcsdsTimeSystems.IsKnown(value))
                {
                    bag.Error(line, spec.Name, $"unknown time system \"{value}\" (CCSDS: GMST, GPS, MET, MRT, SCLK, TAI, TCB, TDB, TCG, TT, UT1, UTC)");
                    ok = false;
                }
                break;
            case CcsdsValueKind.NumberList:
                foreach (var part in value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!CcsdsValues.TryNumber(part, out _))
                    {
                        bag.Error(line, spec.Name, $"expected blank-separated numbers, found \"{part}\"");
                        ok = false;
                        break;
                    }
                }
                break;
        }
        if (!CcsdsValues.UnitsAgree(units, spec.Units))
        {
            var msg = $"units [{units}] are not those of {spec.Name} ({(spec.Units is null ? "dimensionless" : "[" + spec.Units + "]")})";
            if (unitMismatchIsWarning)
                bag.Warning(line, spec.Name, msg + "; the standard's units are assumed");
            else
            {
                bag.Error(line, spec.Name, msg);
                ok = false;
            }
        }
        return ok;
    }

    private static string UnitsNote(KeywordSpec spec) => spec.Units is null ? string.Empty : $" in {spec.Units}";
}

/// <summary>Repairs of lexical slips found in real messages.</summary>
internal static class TokenRepair
{
    /// <summary>
    /// A value ending in an unterminated units bracket (<c>RESIDUALS_ACCEPTED = 82 [</c>, seen in CARA's
    /// sample CDMs) loses the bracket, with a warning naming the line and keyword.
    /// </summary>
    public static Lexical.KvnToken Units(Lexical.KvnToken tok, DiagnosticBag bag)
    {
        if (tok.Kind != Lexical.KvnTokenKind.KeyValue || tok.Units is not null)
            return tok;
        var open = tok.Value.LastIndexOf('[');
        if (open < 0 || tok.Value.IndexOf(']', open) >= 0)
            return tok;
        bag.Warning(tok.Line, tok.Key, $"unterminated units bracket \"{tok.Value[open..]}\" ignored");
        var units = tok.Value[(open + 1)..].Trim();
        return tok with { Value = tok.Value[..open].TrimEnd(), Units = units.Length == 0 ? null : units };
    }
}
