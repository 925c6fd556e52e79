namespace BackOffice.Core;

/// <summary>
/// Every length limit of the contract, in one place: the validators enforce them, the EF Core mapping sizes the
/// columns with them, the forms' inputs stop at them and the OpenAPI document declares them.
/// </summary>
public static class FieldLimits
{
    public const int Name = 100;
    public const int Email = 254;
    /// <summary>A phone number as typed (spaces, dashes, brackets); stored in E.164 in at most <see cref="StoredPhone"/> characters.</summary>
    public const int Phone = 32;
    public const int StoredPhone = 20;
    public const int AddressLine = 200;
    public const int City = 100;
    public const int State = 100;
    public const int ZipCode = 20;
    public const int Country = 2;
    public const int Currency = 3;
    /// <summary>A reason typed for a KYC decision, a suspension or a reinstatement.</summary>
    public const int Reason = 1000;
    /// <summary>An internal note on a customer.</summary>
    public const int Note = 2000;
    /// <summary>A UUID in its 36-character text form.</summary>
    public const int Id = 36;
    public const int IdempotencyKey = 255;
    public const int PageSize = 100;
    /// <summary>What an audit entry says beyond its action, e.g. "imported from customers.csv by Ada Agent".</summary>
    public const int AuditDetail = 200;
    /// <summary>An uploaded file's name, as shown to people.</summary>
    public const int FileName = 200;
}
