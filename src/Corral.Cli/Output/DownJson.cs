namespace Corral.Cli.Output;

internal sealed record DownJson(string Fleet, string Outcome, int? Owner, int Killed);
