// The server on its own (`dotnet OpenSda.Server.dll --OpenSda:Db=sqlite:PATH`); `opensda serve` is the usual way in.
return await OpenSda.Server.ServerHost.RunAsync(args).ConfigureAwait(false);

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
