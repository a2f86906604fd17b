using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingPortal.LoadDriver;

/// <summary>
/// The live managed heap of another process, through <c>dotnet-gcdump</c> when it is on the PATH
/// (<c>dotnet tool install -g dotnet-gcdump</c>): taking a dump forces a full, blocking GC first, which also lets the
/// resident set read afterwards drop what was garbage. The dumps are kept for <c>dotnet-gcdump report</c>.
/// </summary>
internal static partial class ManagedHeap
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("billing-gcdump-").FullName;

    /// <summary>The heap's size in MB, or null when dotnet-gcdump is not installed.</summary>
    public static async Task<double?> CollectAsync(int pid)
    {
        var dump = Path.Combine(Folder, $"{pid}-{DateTime.UtcNow:HHmmss}.gcdump");
        if (await RunAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump) is null || !File.Exists(dump))
            return null;
        Console.WriteLine($"          dump: {dump}");
        var report = await RunAsync("report", dump);
        return report is not null && HeapBytes().Match(report) is { Success: true } m
            ? long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) / 1024.0 / 1024.0
            : null;
    }

    private static async Task<string?> RunAsync(params string[] args)
    {
        try
        {
            // A global tool lands in ~/.dotnet/tools, which is not always on the PATH.
            var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
            var info = new ProcessStartInfo(File.Exists(installed) ? installed : "dotnet-gcdump", args)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }

    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapBytes();
}
