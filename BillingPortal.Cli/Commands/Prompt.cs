using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>Questions at a terminal, read from the context's input (a test scripts the answers).</summary>
internal sealed class Prompt(CliContext context)
{
    private const int Tries = 3;

    public bool YesNo(string question, bool yes)
    {
        context.Out.Write($"{question} [{(yes ? "Y/n" : "y/N")}] ");
        var answer = context.In.ReadLine()?.Trim().ToLowerInvariant();
        // Enter takes the default; the end of input (Ctrl+D) starts nothing.
        return answer switch { null => false, "" => yes, "y" or "yes" => true, _ => false };
    }

    /// <summary>An amount in micro-dollars, or null when skipped (Enter, end of input, or three bad answers).</summary>
    public long? Amount(string question)
    {
        for (var i = 0; i < Tries; i++)
        {
            context.Out.Write(question + " ");
            var answer = context.In.ReadLine()?.Trim();
            if (string.IsNullOrEmpty(answer) || answer == "0")
                return null;
            if (TopUpCommand.Dollars(answer, out var micros, out var problem))
                return micros;
            context.Out.WriteLine(Terminal.Clean(problem));
        }
        return null;
    }
}
