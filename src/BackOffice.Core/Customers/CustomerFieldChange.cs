using System.Text.Json;

namespace BackOffice.Core.Customers;

/// <summary>One field of an edit: its contract name (<c>billing_address.zip_code</c>), the old and the new value.</summary>
public sealed record CustomerFieldChange(string Field, string? From, string? To)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Label => Labels.GetValueOrDefault(Field, Field);

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["first_name"] = "First name",
        ["last_name"] = "Last name",
        ["email"] = "Email",
        ["phone"] = "Phone",
        ["type"] = "Customer type",
        ["billing_address.line1"] = "Address line 1",
        ["billing_address.line2"] = "Address line 2",
        ["billing_address.city"] = "City",
        ["billing_address.state"] = "State / region",
        ["billing_address.zip_code"] = "ZIP / postal code",
        ["billing_address.country"] = "Country",
    };

    /// <summary>What KYC verified: on an active customer only compliance and admins change these, and a change re-screens.</summary>
    public static readonly IReadOnlySet<string> Identity = new HashSet<string> { "first_name", "last_name", "type" };

    /// <summary>The fields whose values differ between <paramref name="before"/> and <paramref name="after"/>, in form order.</summary>
    public static IReadOnlyList<CustomerFieldChange> Between(Customer before, Customer after)
    {
        var changes = new List<CustomerFieldChange>();
        void Compare(string field, string? from, string? to)
        {
            if (!string.Equals(from, to, StringComparison.Ordinal)) changes.Add(new(field, from, to));
        }
        Compare("first_name", before.FirstName, after.FirstName);
        Compare("last_name", before.LastName, after.LastName);
        Compare("email", before.Email, after.Email);
        Compare("phone", before.Phone, after.Phone);
        Compare("type", before.Type.ToWire(), after.Type.ToWire());
        Compare("billing_address.line1", before.BillingAddress.Line1, after.BillingAddress.Line1);
        Compare("billing_address.line2", before.BillingAddress.Line2, after.BillingAddress.Line2);
        Compare("billing_address.city", before.BillingAddress.City, after.BillingAddress.City);
        Compare("billing_address.state", before.BillingAddress.State, after.BillingAddress.State);
        Compare("billing_address.zip_code", before.BillingAddress.ZipCode, after.BillingAddress.ZipCode);
        Compare("billing_address.country", before.BillingAddress.Country, after.BillingAddress.Country);
        return changes;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string ToJson(IReadOnlyList<CustomerFieldChange> changes) => JsonSerializer.Serialize(changes, Json);

    public static IReadOnlyList<CustomerFieldChange> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<CustomerFieldChange>>(json, Json) ?? [];
}
