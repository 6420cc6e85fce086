using System.CommandLine;
using Spectre.Console;

namespace OpenSda.Cli.Infrastructure;

/// <summary>
/// Where a command writes: data on <see cref="Out"/> (stdout), messages, tables and progress on
/// <see cref="Err"/> (stderr). Progress bars and colour appear only when stderr is an interactive
/// terminal, so redirected output carries nothing extra.
/// </summary>
public sealed class CliIo
{
    private CliIo(TextWriter @out, TextWriter err, bool interactive, TimeProvider clock)
    {
        Out = @out;
        Err = err;
        Interactive = interactive;
        Clock = clock;
        ErrConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(err),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    /// <summary>Data output (stdout).</summary>
    public TextWriter Out { get; }

    /// <summary>Messages and diagnostics (stderr).</summary>
    public TextWriter Err { get; }

    /// <summary>True when stderr is a terminal a person is watching.</summary>
    public bool Interactive { get; }

    /// <summary>The clock; injected so tests can fix "now".</summary>
    public TimeProvider Clock { get; }

    /// <summary>A Spectre console over stderr, for tables and progress.</summary>
    public IAnsiConsole ErrConsole { get; }

    /// <summary>True when stdout goes to a terminal (tables are then nicer than CSV).</summary>
    public bool StdoutIsTerminal => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>The writers of an invocation (tests pass their own through InvocationConfiguration).</summary>
    public static CliIo From(ParseResult parseResult)
    {
        var cfg = parseResult.InvocationConfiguration;
        var @out = cfg.Output;
        var err = cfg.Error;
        var interactive = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected
                          && Environment.GetEnvironmentVariable("CI") is null;
        return new CliIo(@out, err, interactive, TimeProvider.System);
    }

    /// <summary>Writes one message line to stderr.</summary>
    public void Message(string text) => Err.WriteLine(text);

    /// <summary>Writes an error line to stderr, prefixed the way command-line tools do.</summary>
    public void Error(string text) => Err.WriteLine("opensda: " + text);

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on interactive terminals, and plainly otherwise.
    /// The callback receives a reporter taking a fraction in [0, 1].
    /// </summary>
    public T WithProgress<T>(string description, Func<Action<double>, T> work)
    {
        if (!Interactive)
            return work(_ => { });
        T result = default!;
        ErrConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: 1.0);
                result = work(f => task.Value = Math.Clamp(f, 0, 1));
                task.Value = 1.0;
            });
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with one progress bar per named stage on interactive terminals,
    /// and plainly otherwise. The callback takes (stage, fraction in [0, 1]) from any thread.
    /// </summary>
    public T WithStages<T>(IReadOnlyList<string> stages, Func<Action<string, double>, T> work)
    {
        if (!Interactive)
            return work((_, _) => { });
        T result = default!;
        ErrConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = stages.ToDictionary(s => s, s => ctx.AddTask(Markup.Escape(s), autoStart: false, maxValue: 1.0));
                var gate = new object();
                result = work((stage, fraction) =>
                {
                    if (!tasks.TryGetValue(stage, out var task)) return;
                    lock (gate)
                    {
                        if (!task.IsStarted) task.StartTask();
                        task.Value = Math.Clamp(fraction, 0, 1);
                    }
                });
                foreach (var task in tasks.Values)
                {
                    if (!task.IsStarted) task.StartTask();
                    task.Value = 1.0;
                    task.StopTask();
                }
            });
        return result;
    }
}
