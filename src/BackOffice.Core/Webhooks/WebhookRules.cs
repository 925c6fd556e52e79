using System.Net;
using System.Net.Sockets;

namespace BackOffice.Core.Webhooks;

/// <summary>The contract's event types, and which addresses webhooks may never be sent to.</summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 500;
    public const int LoggedResponseLength = 500;
    public const int MaxEndpointsPerPartner = 20;

    public const string CustomerCreated = "customer.created";
    public const string CustomerUpdated = "customer.updated";
    public const string CustomerAwaitingDocuments = "customer.awaiting_documents";
    public const string CustomerKycApproved = "customer.kyc_approved";
    public const string CustomerKycRejected = "customer.kyc_rejected";
    public const string CustomerSuspended = "customer.suspended";
    public const string CustomerReinstated = "customer.reinstated";
    public const string DocumentReceived = "document.received";
    public const string DocumentAccepted = "document.accepted";
    public const string DocumentRejected = "document.rejected";
    public const string WalletCreated = "wallet.created";

    public static readonly IReadOnlyList<string> EventTypes =
    [
        CustomerCreated, CustomerUpdated, CustomerAwaitingDocuments, CustomerKycApproved, CustomerKycRejected, CustomerSuspended,
        CustomerReinstated, DocumentReceived, DocumentAccepted, DocumentRejected, WalletCreated,
    ];

    /// <summary>
    /// Loopback, private (RFC 1918, unique local), link-local (which holds cloud metadata at 169.254.169.254), carrier-grade
    /// NAT, unspecified and multicast addresses: a webhook must not reach into the platform's own network.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Only for tests and local trials: allow http and private or loopback targets.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The contract's waits before each retry: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.</summary>
    public static readonly TimeSpan[] ContractSchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>
    /// Other waits before each retry (tests use seconds). Unset means <see cref="ContractSchedule"/>; not an array with
    /// defaults, which the configuration binder would append to instead of replacing.
    /// </summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule is { Length: > 0 } custom ? custom : ContractSchedule;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a sender holds a claimed delivery; a crashed sender's claims are taken over after it. Renewed just before
    /// each attempt, so it must exceed <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the sender looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An endpoint failing for this long is disabled.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);
}
