namespace BillingPortal.Cli;

/// <summary>The exit codes docs/cli.md documents.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;
}

/// <summary>A refusal or failure to report on stderr with its exit code, never a stack trace.</summary>
public class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
