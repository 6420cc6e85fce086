// The server on its own (`dotnet OpenSda.Server.dll --OpenSda:Db=sqlite:PATH`); `opensda serve` is the usual way in.
return await OpenSda.Server.ServerHost.RunAsync(args).ConfigureAwait(false);
