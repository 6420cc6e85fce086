namespace OpenSda.Mathematics;

/// <summary>
/// Derivative-free minimisation of a smooth function on a bracket: golden-section search safeguarding
/// successive parabolic interpolation (R. P. Brent, <i>Algorithms for Minimization without
/// Derivatives</i>, Prentice-Hall 1973, ch. 5; Press et al., <i>Numerical Recipes</i>, 3rd ed., §10.3). Used for
/// TCA on the SGP4 position range (screening), so that SGP4's velocities (not exactly the derivative of its positions)
/// never enter the answer, and for culminations and best views (multi-domain), as <see cref="Maximize"/>.
/// </summary>
public static class Brent
{
    /// <summary>2 − φ, the golden-section fraction of the bracket.</summary>
    public static readonly double GoldenFraction = 0.5 * (3.0 - Math.Sqrt(5.0));

    /// <summary>
    /// Minimises <paramref name="f"/> on [<paramref name="a"/>, <paramref name="b"/>] starting from
    /// <paramref name="x0"/> (a &lt; x0 &lt; b). Stops when the bracket around the best point is within
    /// 2·<paramref name="absTol"/> (+ a relative 1e-12 term). Returns the abscissa; <paramref name="fMin"/> its value.
    /// </summary>
    public static double Minimize<TFunc>(ref TFunc f, double a, double b, double x0, double absTol, out double fMin, int maxIter = 200)
        where TFunc : struct, IScalarFunction
    {
        double x = x0, w = x0, v = x0;
        var fx = f.Evaluate(x);
        double fw = fx, fv = fx;
        double step = 0, prevStep = 0;
        for (var iter = 0; iter < maxIter; iter++)
        {
            var mid = 0.5 * (a + b);
            var tol = 1e-12 * Math.Abs(x) + absTol;
            var tol2 = 2 * tol;
            if (Math.Abs(x - mid) <= tol2 - 0.5 * (b - a)) break;
            var golden = true;
            if (Math.Abs(prevStep) > tol)
            {
                // Parabola through (x, fx), (w, fw), (v, fv); its vertex is x + p/q.
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p; else q = -q;
                var older = prevStep;
                prevStep = step;
                if (Math.Abs(p) < Math.Abs(0.5 * q * older) && p > q * (a - x) && p < q * (b - x))
                {
                    step = p / q;
                    var u0 = x + step;
                    if (u0 - a < tol2 || b - u0 < tol2) step = mid >= x ? tol : -tol;
                    golden = false;
                }
            }
            if (golden)
            {
                prevStep = x >= mid ? a - x : b - x;
                step = GoldenFraction * prevStep;
            }
            var u = Math.Abs(step) >= tol ? x + step : x + (step >= 0 ? tol : -tol);
            var fu = f.Evaluate(u);
            if (fu <= fx)
            {
                if (u >= x) a = x; else b = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
        fMin = fx;
        return x;
    }

    /// <summary>
    /// Maximises <paramref name="f"/> on [<paramref name="a"/>, <paramref name="b"/>] (<see cref="Minimize{TFunc}"/> on −f,
    /// from the golden-section point of the bracket, stopping when the bracket is within <paramref name="tolerance"/>):
    /// the abscissa and the maximum.
    /// </summary>
    public static (double X, double F) Maximize(Func<double, double> f, double a, double b, double tolerance)
    {
        var negated = new Negated(f);
        var x = Minimize(ref negated, a, b, a + GoldenFraction * (b - a), 0.25 * tolerance, out var fMin);
        return (x, -fMin);
    }

    private readonly struct Negated(Func<double, double> f) : IScalarFunction
    {
        public double Evaluate(double x) => -f(x);
    }
}

/// <summary>A scalar function of one variable, as a struct for inlining.</summary>
public interface IScalarFunction
{
    double Evaluate(double x);
}
