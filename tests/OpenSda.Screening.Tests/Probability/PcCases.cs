using System.Text.Json;
using OpenSda.Mathematics;
using OpenSda.Screening.Probability;
using OpenSda.Testing;

namespace OpenSda.Screening.Tests.Probability;

/// <summary>Loads the reference cases of shared/data/pc-cases (states and covariances already in the JSON, metres).</summary>
internal static class PcCases
{
    private static readonly Dictionary<string, JsonDocument> Docs = [];
    private static readonly Lock Gate = new();

    public static JsonDocument Doc(string file)
    {
        lock (Gate)
        {
            if (!Docs.TryGetValue(file, out var d))
            {
                d = JsonDocument.Parse(File.ReadAllText(SharedData.Data("pc-cases", file)));
                Docs[file] = d;
            }
            return d;
        }
    }

    public static IEnumerable<JsonElement> Cases(string file) => Doc(file).RootElement.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string file, string id) =>
        Cases(file).Single(c => c.GetProperty("id").GetString() == id);

    public static TheoryData<string> Ids(string file)
    {
        var t = new TheoryData<string>();
        foreach (var c in Cases(file)) t.Add(c.GetProperty("id").GetString()!);
        return t;
    }

    public static Vec3 V(JsonElement e) => new(e[0].GetDouble(), e[1].GetDouble(), e[2].GetDouble());

    public static double[,] M(JsonElement e)
    {
        var n = e.GetArrayLength();
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                m[i, j] = e[i][j].GetDouble();
        return m;
    }

    /// <summary>An object from {r, v, cov|cov_eci|cov_rtn} (metres).</summary>
    public static ConjunctionObject Obj(JsonElement o, string covKey = "cov", CovarianceFrame frame = CovarianceFrame.Eci)
    {
        var cov = o.TryGetProperty(covKey, out var c) ? StateCovariance.FromMeters(M(c), frame) : null;
        return ConjunctionObject.FromMeters(V(o.GetProperty("r")), V(o.GetProperty("v")), cov);
    }

    /// <summary>A conjunction from a case element with primary/secondary members (or state_at_tca for Alfano).</summary>
    public static Conjunction Conj(JsonElement c, double hbrM, string covKey = "cov", CovarianceFrame frame = CovarianceFrame.Eci)
    {
        var holder = c.TryGetProperty("state_at_tca", out var s) ? s : c;
        return new Conjunction(Obj(holder.GetProperty("primary"), covKey, frame), Obj(holder.GetProperty("secondary"), covKey, frame), hbrM);
    }

    public static IEnumerable<JsonElement> Expected(JsonElement c) => c.GetProperty("expected").EnumerateArray();

    public static JsonElement Expected(JsonElement c, string methodPrefix) =>
        Expected(c).First(e => e.GetProperty("method").GetString()!.StartsWith(methodPrefix, StringComparison.Ordinal));

    public static double RelTol(JsonElement e) => e.TryGetProperty("rel_tol", out var t) ? t.GetDouble() : double.NaN;

    public static void AssertRel(double expected, double actual, double relTol, string what)
    {
        var err = expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(err <= relTol, FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R}, rel err {err:E3} > {relTol:E1}"));
    }

    public static void AssertAbs(double expected, double actual, double absTol, string what)
    {
        var err = Math.Abs(actual - expected);
        Assert.True(err <= absTol, FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R}, abs err {err:E3} > {absTol:E1}"));
    }
}
