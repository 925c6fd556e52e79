namespace BackOffice.Core.Import;

/// <summary>
/// The columns of an import file: the contract's field names (customers-api.md). The billing address's fields may be
/// written with their path (<c>billing_address.zip_code</c>) or alone (<c>zip_code</c>); header names are matched
/// without regard to case or surrounding spaces.
/// </summary>
public static class ImportColumns
{
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Type = "type";
    public const string Line1 = "line1";
    public const string Line2 = "line2";
    public const string City = "city";
    public const string State = "state";
    public const string ZipCode = "zip_code";
    public const string Country = "country";

    private const string AddressPrefix = "billing_address.";

    /// <summary>Every column, in the order of the contract; the index of a column here is its index in a row's values.</summary>
    public static IReadOnlyList<string> All => Columns;

    private static readonly string[] Columns = [FirstName, LastName, Email, Phone, Type, Line1, Line2, City, State, ZipCode, Country];

    public static readonly IReadOnlySet<string> Optional = new HashSet<string> { Line2 };

    private static readonly IReadOnlySet<string> Address = new HashSet<string> { Line1, Line2, City, State, ZipCode, Country };

    /// <summary>The validator's property paths as the file names them, so that a rejected row's reasons use the file's words.</summary>
    private static readonly IReadOnlyDictionary<string, string> ByProperty = new Dictionary<string, string>
    {
        ["FirstName"] = FirstName,
        ["LastName"] = LastName,
        ["Email"] = Email,
        ["Phone"] = Phone,
        ["Type"] = Type,
        ["BillingAddress"] = "billing_address",
        ["BillingAddress.Line1"] = Line1,
        ["BillingAddress.Line2"] = Line2,
        ["BillingAddress.City"] = City,
        ["BillingAddress.State"] = State,
        ["BillingAddress.ZipCode"] = ZipCode,
        ["BillingAddress.Country"] = Country,
    };

    public static int IndexOf(string column) => Array.IndexOf(Columns, column);

    /// <summary>The column a header cell names, or null for a name that is not one of the contract's fields.</summary>
    public static string? Recognise(string header)
    {
        var name = header.Trim().ToLowerInvariant();
        if (name.StartsWith(AddressPrefix, StringComparison.Ordinal))
        {
            name = name[AddressPrefix.Length..];
            return Address.Contains(name) ? name : null;
        }
        return Columns.Contains(name) ? name : null;
    }

    /// <summary>"BillingAddress.ZipCode" → "zip_code".</summary>
    public static string ForProperty(string propertyPath) => ByProperty.GetValueOrDefault(propertyPath, propertyPath);
}
