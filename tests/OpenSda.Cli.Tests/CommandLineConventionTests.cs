namespace OpenSda.Cli.Tests;

public class CommandLineConventionTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("catalog", "--help")]
    [InlineData("catalog", "summary", "--help")]
    [InlineData("catalog", "check", "--help")]
    [InlineData("propagate", "--help")]
    [InlineData("screen", "--help")]
    [InlineData("bench", "screen", "--help")]
    public void Every_command_has_help_that_exits_zero(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage", r.Stdout);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_with_exit_code_2_and_a_message_on_stderr()
    {
        var r = Cli.Run("catalog", "check", "x.tle", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-option", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error() =>
        Assert.Equal(2, Cli.Run("frobnicate").ExitCode);
}
