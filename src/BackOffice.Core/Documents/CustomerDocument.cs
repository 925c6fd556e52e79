using BackOffice.Core.Customers;

namespace BackOffice.Core.Documents;

/// <summary>
/// An identity document or proof that a customer or agent handed in: its metadata. The bytes live in an
/// <see cref="IDocumentStorage"/>. Documents are never deleted; a newer one of the same kind and side supersedes it.
/// </summary>
public sealed class CustomerDocument
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    public DocumentKind Kind { get; init; }
    public DocumentSide? Side { get; init; }
    /// <summary>What the bytes are (recognised from them, not from the name): image/jpeg, image/png or application/pdf.</summary>
    public required string ContentType { get; init; }
    public long Size { get; init; }
    /// <summary>Lower-case hex SHA-256 of the bytes; one customer cannot hand in the same file twice.</summary>
    public required string Sha256 { get; init; }
    /// <summary>The uploaded file's name, for people only (never used as a path).</summary>
    public required string FileName { get; init; }
    public DocumentStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime CreatedAt { get; init; }
    public required string UploadedById { get; init; }
    public required string UploadedByName { get; init; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedByName { get; set; }
    /// <summary>App-managed concurrency token: two reviewers cannot both decide one document.</summary>
    public int Version { get; set; }
}

public enum DocumentKind
{
    Passport = 0,
    NationalId = 1,
    DriversLicense = 2,
    ProofOfAddress = 3,
    BusinessRegistration = 4,
    Other = 5,
}

public enum DocumentSide
{
    Front = 0,
    Back = 1,
}

public enum DocumentStatus
{
    Received = 0,
    Accepted = 1,
    Rejected = 2,
    Superseded = 3,
}

/// <summary>Names of kinds, sides and statuses on the wire (snake_case) and for people.</summary>
public static class DocumentNames
{
    public static readonly DocumentKind[] IdentityKinds = [DocumentKind.Passport, DocumentKind.NationalId, DocumentKind.DriversLicense];

    public static string ToWire(this DocumentKind kind) => kind switch
    {
        DocumentKind.Passport => "passport",
        DocumentKind.NationalId => "national_id",
        DocumentKind.DriversLicense => "drivers_license",
        DocumentKind.ProofOfAddress => "proof_of_address",
        DocumentKind.BusinessRegistration => "business_registration",
        _ => "other",
    };

    public static string ToDisplay(this DocumentKind kind) => kind switch
    {
        DocumentKind.Passport => "Passport",
        DocumentKind.NationalId => "National ID",
        DocumentKind.DriversLicense => "Driver's license",
        DocumentKind.ProofOfAddress => "Proof of address",
        DocumentKind.BusinessRegistration => "Business registration",
        _ => "Other",
    };

    public static string ToWire(this DocumentSide side) => side == DocumentSide.Back ? "back" : "front";

    public static string ToWire(this DocumentStatus status) => status switch
    {
        DocumentStatus.Accepted => "accepted",
        DocumentStatus.Rejected => "rejected",
        DocumentStatus.Superseded => "superseded",
        _ => "received",
    };

    public static string ToDisplay(this DocumentStatus status) => status switch
    {
        DocumentStatus.Accepted => "Accepted",
        DocumentStatus.Rejected => "Rejected",
        DocumentStatus.Superseded => "Superseded",
        _ => "Received",
    };

    public static bool TryParseKind(string? value, out DocumentKind kind) => TryParse(value, k => k.ToWire(), out kind);

    public static bool TryParseSide(string? value, out DocumentSide side) => TryParse(value, s => s.ToWire(), out side);

    private static bool TryParse<T>(string? value, Func<T, string> wire, out T parsed) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (wire(candidate) == value) { parsed = candidate; return true; }
        }
        parsed = default;
        return false;
    }

    public const string KindsMessage = "must be one of passport, national_id, drivers_license, proof_of_address, business_registration, other";
}
