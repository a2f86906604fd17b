using System.Globalization;

namespace BillingPortal.LoadDriver;

/// <summary>Resident set (VmRSS) and its peak (VmHWM) of another process, as the kernel reports them.</summary>
internal readonly record struct ProcessMemory(long RssKb, long PeakKb)
{
    public double RssMb => RssKb / 1024.0;

    public static ProcessMemory Read(int pid)
    {
        var lines = File.ReadAllLines($"/proc/{pid}/status");
        long Field(string name) => long.Parse(lines.Single(l => l.StartsWith(name, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new ProcessMemory(Field("VmRSS:"), Field("VmHWM:"));
    }

    public override string ToString() => $"VmRSS {RssKb / 1024.0,6:N0} MB   VmHWM (peak) {PeakKb / 1024.0,6:N0} MB";
}
