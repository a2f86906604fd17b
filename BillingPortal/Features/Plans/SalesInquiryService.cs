using System.Globalization;
using System.Net.Mail;
using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>The "contact sales" form as typed; <see cref="SalesInquiryService.Validate"/> says what is wrong with it.</summary>
public sealed class SalesInquiryForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Company { get; set; }
    public int? Seats { get; set; }
    public string? Message { get; set; }
}

/// <summary>The fields of the form, for putting each message next to its field.</summary>
public enum SalesInquiryField { Name, Email, Company, Seats, Message }

public sealed record SalesInquiryResult(bool Succeeded, string Message, IReadOnlyDictionary<SalesInquiryField, string> Errors);

/// <summary>Stores Enterprise inquiries from a workspace's billing managers; bad input is refused field by field, with nothing written.</summary>
public sealed class SalesInquiryService(IDbContextFactory<BillingDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public const int MaxSeats = 100_000;
    private static readonly IReadOnlyDictionary<SalesInquiryField, string> None = new Dictionary<SalesInquiryField, string>();

    public async Task<SalesInquiryResult> SubmitAsync(ClaimsPrincipal user, Guid workspaceId, SalesInquiryForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (workspaceId == Guid.Empty || !(await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded)
            return new SalesInquiryResult(false, PlanChangeService.NotAllowed, None);
        var errors = Validate(form);
        if (errors.Count > 0)
            return new SalesInquiryResult(false, "Check the highlighted fields.", errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.SalesInquiries.Add(new SalesInquiry
        {
            WorkspaceId = workspaceId, UserId = user.UserId(), Name = form.Name!.Trim(), Email = form.Email!.Trim(),
            Company = form.Company!.Trim(), Seats = form.Seats!.Value, Message = form.Message?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return new SalesInquiryResult(true, "Thank you. We'll be in touch within one business day.", None);
    }

    /// <summary>Each field's problem, by field; empty when the form may be sent.</summary>
    public static IReadOnlyDictionary<SalesInquiryField, string> Validate(SalesInquiryForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<SalesInquiryField, string>();
        if (NameError(form.Name) is { } name) errors[SalesInquiryField.Name] = name;
        if (EmailError(form.Email) is { } email) errors[SalesInquiryField.Email] = email;
        if (CompanyError(form.Company) is { } company) errors[SalesInquiryField.Company] = company;
        if (SeatsError(form.Seats) is { } seats) errors[SalesInquiryField.Seats] = seats;
        if (MessageError(form.Message) is { } message) errors[SalesInquiryField.Message] = message;
        return errors;
    }

    public static string? NameError(string? value) => Text(value, "your name", 100);

    public static string? CompanyError(string? value) => Text(value, "your company", 200);

    public static string? EmailError(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            return "Enter your work e-mail.";
        if (text.Length > 256)
            return "The e-mail address is too long (at most 256 characters).";
        return MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal)
            ? null
            : "Enter an e-mail address like name@company.com.";
    }

    public static string? SeatsError(int? value) => value switch
    {
        null => "Enter how many seats you need.",
        < 1 or > MaxSeats => $"Seats must be between 1 and {MaxSeats.ToString("N0", CultureInfo.InvariantCulture)}.",
        _ => null,
    };

    public static string? MessageError(string? value) =>
        (value?.Trim().Length ?? 0) > 2000 ? "The message is too long (at most 2,000 characters)." : null;

    private static string? Text(string? value, string what, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            return $"Enter {what}.";
        return text.Length > max ? $"That is too long (at most {max} characters)." : null;
    }
}
