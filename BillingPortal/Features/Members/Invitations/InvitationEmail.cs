using System.Globalization;
using System.Net;
using BillingPortal.Domain;
using BillingPortal.Domain.Members;

namespace BillingPortal.Features.Members.Invitations;

/// <summary>The invitation e-mail. Workspace names and addresses are typed by people: they are encoded as text.</summary>
internal static class InvitationEmail
{
    public const string Path = "invitations/accept";

    /// <summary>The absolute link for <paramref name="token"/> on the site at <paramref name="siteBase"/>.</summary>
    public static Uri Link(Uri siteBase, string token) => new(siteBase, $"{Path}?token={token}");

    public static string Subject(string workspaceName) => $"You're invited to {workspaceName} on BillingPortal";

    public static string Body(string inviter, string workspaceName, WorkspaceRole role, string invitedEmail, Uri link, DateTime expiresAt)
    {
        static string Text(string value) => WebUtility.HtmlEncode(value);
        var href = Text(link.AbsoluteUri);
        return $"""
            <p>{Text(inviter)} invited you to join <strong>{Text(workspaceName)}</strong> as {role} on BillingPortal.</p>
            <p><a href="{href}">Accept the invitation</a></p>
            <p>The link works once, until {Domain.Text.DateText.Moment(expiresAt)} ({InvitationRules.Lifetime.Days} days), for an account
            signed in with this address ({Text(invitedEmail)}) once it is confirmed. No account yet? Create one with this address,
            confirm it from the e-mail we send, then open this link again.</p>
            <p>If you did not expect this invitation, you can ignore this e-mail.</p>
            """;
    }
}
