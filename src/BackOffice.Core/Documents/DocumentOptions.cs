namespace BackOffice.Core.Documents;

/// <summary>The <c>Documents</c> configuration section.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Largest accepted file (default 10 MiB); the API answers 413 above it.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Keep files in this folder instead of the database (which is the default and works across instances).</summary>
    public string? Folder { get; set; }
}

/// <summary>The <c>Kyc</c> configuration section: what approval needs.</summary>
public sealed class KycOptions
{
    public const string Section = "Kyc";
    /// <summary>Any accepted identity document (passport, national ID, driver's license) counts for this entry.</summary>
    public const string Identity = "identity";

    /// <summary>
    /// Per customer type (individual, business), the accepted documents an approval needs, separated by commas. Each
    /// is a kind's wire name or <see cref="Identity"/>. Empty (a trial, most tests) needs none.
    /// </summary>
    public Dictionary<string, string> RequiredDocuments { get; set; } = new()
    {
        ["individual"] = $"{Identity},proof_of_address",
        ["business"] = "business_registration,proof_of_address",
    };

    /// <summary>How long a compliance officer's claim on a review holds before others may decide without taking it over.</summary>
    public double ClaimTimeoutHours { get; set; } = 4;

    public TimeSpan ClaimTimeout => TimeSpan.FromHours(ClaimTimeoutHours);

    public IReadOnlyList<string> RequiredFor(string customerType) =>
        RequiredDocuments.TryGetValue(customerType, out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
