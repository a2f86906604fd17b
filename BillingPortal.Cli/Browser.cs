using System.Diagnostics;

namespace BillingPortal.Cli;

/// <summary>Opens a URL with the desktop's own opener. Failing to open is never an error: the URL is printed first.</summary>
public static class Browser
{
    public static bool TryOpen(string url)
    {
        try
        {
            var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd", ["/c", "start", "", url])
                : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [url])
                : new ProcessStartInfo("xdg-open", [url]);
            start.UseShellExecute = false;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start);
            // xdg-open without a desktop fails at once; with one it may wait for the browser, so wait briefly only.
            return process is not null && (!process.WaitForExit(3000) || process.ExitCode == 0);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false; // no opener installed (a server, a container): the printed URL is enough
        }
    }
}
