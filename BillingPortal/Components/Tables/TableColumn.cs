namespace BillingPortal.Components.Tables;

/// <summary>A column of a <see cref="PagedTable{T}"/>: its header text, and its sort label when it can be sorted by.</summary>
public sealed record TableColumn(string Header, string? SortLabel = null, string? Class = null, string? Style = null);
