namespace BillingPortal.Features.Notifications;

/// <summary>One plain-text e-mail to one person.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Delivers e-mail: SMTP when <c>Smtp:Host</c> is configured, otherwise the log.</summary>
public interface IEmailSender
{
    /// <summary>Sends the message; throws when delivery fails (the notifier logs it and carries on).</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>Without an SMTP server (development, demos) e-mails are written to the log, so nothing is lost silently.</summary>
public sealed class LogEmailSender(ILogger<LogEmailSender> log) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        log.LogInformation("E-mail to {To}: {Subject}\n{Body}", message.To, message.Subject, message.Body);
        return Task.CompletedTask;
    }
}
