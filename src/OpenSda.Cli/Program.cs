return OpenSda.Cli.OpenSdaCommand.Run(args);
