using Sentrely.Mcp.Cli;

return await SentrelyCli.RunAsync(args).ConfigureAwait(false);
