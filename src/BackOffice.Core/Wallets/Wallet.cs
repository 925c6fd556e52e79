using System.Globalization;
using BackOffice.Core.Customers;
using BackOffice.Core.Reference;

namespace BackOffice.Core.Wallets;

/// <summary>A customer's wallet in one currency. One per customer and currency (a unique index makes sure).</summary>
public sealed class Wallet
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public WalletStatus Status { get; set; }
    /// <summary>Exact decimal, never floating point. New wallets start at zero.</summary>
    public decimal Balance { get; set; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedById { get; init; }
    public required string CreatedByName { get; init; }

    /// <summary>
    /// What the wallet's holder can do with it now. A suspended customer's wallets are suspended too,
    /// without rewriting them: reinstating the customer brings them back.
    /// </summary>
    public WalletStatus EffectiveStatus(CustomerStatus customerStatus) =>
        customerStatus == CustomerStatus.Active ? Status : WalletStatus.Suspended;

    /// <summary>The balance as the API and pages show it: the currency's minor units, e.g. "0.00" for USD, "0" for JPY.</summary>
    public string FormattedBalance =>
        Balance.ToString("F" + (Currencies.Find(Currency)?.MinorUnits ?? 2), CultureInfo.InvariantCulture);
}

public enum WalletStatus
{
    Active = 0,
    /// <summary>Cannot be used: its customer is not active.</summary>
    Suspended = 1,
}

public static class WalletStatusNames
{
    public static string ToWire(this WalletStatus status) => status == WalletStatus.Active ? "active" : "suspended";
    public static string ToDisplay(this WalletStatus status) => status == WalletStatus.Active ? "Active" : "Suspended";
}

/// <summary>What an agent picks, or a partner sends to POST /api/v1/wallets, before validation.</summary>
public sealed class NewWallet
{
    public Guid? CustomerId { get; set; }
    /// <summary>ISO 4217, any case.</summary>
    public string? Currency { get; set; }
}

/// <summary>A customer's wallets, with the customer's status, which decides whether they can be used.</summary>
public sealed record CustomerWallets(Guid CustomerId, CustomerStatus CustomerStatus, IReadOnlyList<Wallet> Wallets);
