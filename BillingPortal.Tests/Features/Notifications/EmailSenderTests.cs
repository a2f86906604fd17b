using System.Collections.Concurrent;
using BillingPortal.Features.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BillingPortal.Tests.Features.Notifications;

public sealed class EmailSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEmailSender SenderFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddNotifications(configuration).BuildServiceProvider();
        return services.GetRequiredService<IEmailSender>();
    }

    [Fact]
    public void WithoutSmtpHost_EmailsGoToTheLog()
    {
        Assert.IsType<LogEmailSender>(SenderFor([]));
        Assert.IsType<LogEmailSender>(SenderFor(new() { ["Smtp:Host"] = " ", ["Smtp:Port"] = "25" }));
    }

    [Fact]
    public void WithSmtpHost_EmailsGoThroughSmtp()
    {
        Assert.IsType<SmtpEmailSender>(SenderFor(new() { ["Smtp:Host"] = "mail.example.com" }));
    }

    [Fact]
    public async Task LogSender_WritesRecipientSubjectAndBody()
    {
        var log = new ListLogger<LogEmailSender>();

        await new LogEmailSender(log).SendAsync(new EmailMessage("owner@acme.test", "Credit balance low", "Acme AI has $4.00 left."), Ct);

        var line = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("owner@acme.test", line.Text);
        Assert.Contains("Credit balance low", line.Text);
        Assert.Contains("Acme AI has $4.00 left.", line.Text);
    }

    [Fact]
    public async Task SmtpSender_DeliversTheMessage_ToAnSmtpServer()
    {
        await using var server = await TinySmtpServer.StartAsync();
        var sender = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, EnableSsl = false, From = "billing@acme.test" });

        await sender.SendAsync(new EmailMessage("owner@acme.test", "Credit balance low", "Acme AI has $4.00 left."), Ct);

        var mail = await server.Received.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Contains("MAIL FROM:<billing@acme.test>", mail.Commands);
        Assert.Contains("RCPT TO:<owner@acme.test>", mail.Commands);
        Assert.Contains("Subject: Credit balance low", mail.Data);
        Assert.Contains("Acme AI has $4.00 left.", mail.Data);
    }

    [Fact]
    public async Task SmtpSender_WhenTheServerRefuses_Throws_SoTheNotifierCanLogIt()
    {
        await using var server = await TinySmtpServer.StartAsync(refuseRecipients: true);
        var sender = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, EnableSsl = false });

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(new EmailMessage("nobody@acme.test", "s", "b"), Ct));
    }
}

/// <summary>Keeps every formatted log line.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));
}
