using System.Collections.Concurrent;
using BillingPortal.Data;
using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Components.Account;

/// <summary>One e-mail the app sent.</summary>
public sealed record OutboxMessage(string To, string Subject, string HtmlBody, DateTimeOffset SentAt);

/// <summary>
/// The app's e-mail: no mail service is wired up yet, so messages go to an outbox a developer can read — kept in
/// memory (tests read <see cref="Sent"/>), written as HTML files to <c>Email:OutboxFolder</c> when set
/// (Development: <c>App_Data/outbox</c>) and, in Development and Testing only, logged with their links.
/// Links are never shown on a page: proving an address means receiving mail there.
/// </summary>
public sealed class OutboxEmailSender(
    IHostEnvironment environment, IConfiguration configuration, TimeProvider clock, ILogger<OutboxEmailSender> logger)
    : IEmailSender<ApplicationUser>
{
    private const int Kept = 500;
    private readonly ConcurrentQueue<OutboxMessage> sent = new();

    /// <summary>The most recent messages, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Sent => sent.ToArray();

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your e-mail address",
            $"<p>Confirm your BillingPortal account by <a href=\"{confirmationLink}\">clicking here</a>.</p>");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your password", $"<p>Reset your password by <a href=\"{resetLink}\">clicking here</a>.</p>");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, "Reset your password", $"<p>Reset your password using the following code: {resetCode}</p>");

    /// <summary>Any other message (an invitation, "someone tried to register with your address").</summary>
    public async Task SendAsync(string to, string subject, string htmlBody)
    {
        var message = new OutboxMessage(to, subject, htmlBody, clock.GetUtcNow());
        sent.Enqueue(message);
        while (sent.Count > Kept && sent.TryDequeue(out _)) { }

        if (configuration["Email:OutboxFolder"] is { Length: > 0 } folder)
        {
            var path = Path.GetFullPath(folder, environment.ContentRootPath);
            Directory.CreateDirectory(path);
            var name = $"{message.SentAt:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.html";
            await File.WriteAllTextAsync(Path.Combine(path, name),
                $"<!-- To: {to} -->\n<!-- Subject: {subject} -->\n{htmlBody}\n");
        }

        // Links in mail are keys to accounts: only local machines put them in the log.
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
            logger.LogInformation("E-mail to {To}: {Subject}\n{Body}", to, subject, htmlBody);
        else
            logger.LogWarning("E-mail to {To} ({Subject}) went to the outbox: no mail service is configured.", to, subject);
    }
}
