using System.Net;
using System.Net.Mail;

namespace BillingPortal.Features.Notifications;

/// <summary>The <c>Smtp</c> configuration section.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "billing@localhost";
    public bool EnableSsl { get; set; } = true;
    /// <summary>Kept short: a notice is sent on the request that caused it, and a dead server must not hold that up for long.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>Sends e-mail through an SMTP server with System.Net.Mail (one connection per message: notices are rare).</summary>
public sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        using var client = new SmtpClient(options.Host, options.Port)
        {
            EnableSsl = options.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = checked(options.TimeoutSeconds * 1000),
        };
        if (!string.IsNullOrEmpty(options.UserName))
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        using var mail = new MailMessage(options.From, message.To, message.Subject, message.Body) { IsBodyHtml = false };
        await client.SendMailAsync(mail, ct);
    }
}
