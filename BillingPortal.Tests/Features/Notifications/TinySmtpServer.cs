using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillingPortal.Tests.Features.Notifications;

/// <summary>What one SMTP session delivered: the commands and the DATA text.</summary>
internal sealed record ReceivedMail(IReadOnlyList<string> Commands, string Data);

/// <summary>
/// Just enough of an SMTP server on a loopback port for one session: 220, EHLO/HELO 250, MAIL/RCPT 250
/// (or 550 when told to refuse), DATA 354 up to the lone ".", QUIT 221.
/// </summary>
internal sealed class TinySmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly bool refuseRecipients;
    private Task? session;

    private TinySmtpServer(bool refuseRecipients) => this.refuseRecipients = refuseRecipients;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public TaskCompletionSource<ReceivedMail> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task<TinySmtpServer> StartAsync(bool refuseRecipients = false)
    {
        var server = new TinySmtpServer(refuseRecipients);
        server.listener.Start();
        server.session = server.ServeAsync();
        return Task.FromResult(server);
    }

    private async Task ServeAsync()
    {
        try
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var commands = new List<string>();
            var data = new StringBuilder();
            await writer.WriteLineAsync("220 tiny.test ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                commands.Add(line);
                var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 tiny.test");
                        break;
                    case "RCPT" when refuseRecipients:
                        await writer.WriteLineAsync("550 No such user");
                        break;
                    case "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(stop.Token) is { } body && body != ".")
                            data.AppendLine(body);
                        await writer.WriteLineAsync("250 OK queued");
                        Received.TrySetResult(new ReceivedMail([.. commands], data.ToString()));
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The client hung up or the test ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        if (session is not null)
            await session;
        stop.Dispose();
    }
}
