namespace OpenSda.Screening.Tests;

public class ProjectBuilds
{
    [Fact]
    public void The_test_project_runs() => Assert.True(true);
}
