using System.Diagnostics;
using System.Text;

namespace BillingPortal.Features.Metering;

/// <summary>
/// Where a group's time goes, phase by phase (milliseconds since the previous mark), for the debug log that
/// benchmarks/README.md reads: cheap enough to leave on, since it only reads the clock.
/// </summary>
internal sealed class PhaseTimer
{
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly List<(string Phase, long At)> marks = [];

    public void Mark(string phase) => marks.Add((phase, Stopwatch.GetTimestamp()));

    public override string ToString()
    {
        var text = new StringBuilder();
        var previous = started;
        foreach (var (phase, at) in marks)
        {
            text.Append(phase).Append('=').Append(Stopwatch.GetElapsedTime(previous, at).TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            previous = at;
        }
        return text.Append("total=").Append(Stopwatch.GetElapsedTime(started, previous).TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }
}
