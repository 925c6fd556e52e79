namespace BackOffice.Web.Components.Customers;

public enum CustomerDecisionKind
{
    ApproveKyc,
    RejectKyc,
    Suspend,
    Reinstate,
}

/// <summary>What a reviewer asked for on the customer page, with the reason they gave.</summary>
public sealed record CustomerDecision(CustomerDecisionKind Kind, string? Reason);
