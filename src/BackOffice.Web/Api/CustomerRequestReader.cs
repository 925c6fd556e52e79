using System.Text.Json;
using BackOffice.Core.Customers;

namespace BackOffice.Web.Api;

/// <summary>
/// Turns the JSON body of POST /api/v1/customers into a <see cref="NewCustomer"/> for the shared validator.
/// It judges only the JSON shape (is a value a string, is billing_address an object); every rule about the
/// values themselves is the validator's.
/// </summary>
public static class CustomerRequestReader
{
    public sealed record Result(NewCustomer Input, IReadOnlyDictionary<string, string[]> TypeErrors);

    public static Result Read(JsonElement body)
    {
        var typeErrors = new Dictionary<string, string[]>();
        var input = new NewCustomer
        {
            FirstName = String(body, "first_name", "first_name", typeErrors),
            LastName = String(body, "last_name", "last_name", typeErrors),
            Email = String(body, "email", "email", typeErrors),
            Phone = String(body, "phone", "phone", typeErrors),
            Type = String(body, "type", "type", typeErrors),
        };

        if (!body.TryGetProperty("billing_address", out var address) || address.ValueKind == JsonValueKind.Null || IsBlankString(address))
        {
            // Absent, null or blank: the validator reports billing_address itself as required (400, not 422).
            input.BillingAddress = null!;
        }
        else if (address.ValueKind != JsonValueKind.Object)
        {
            typeErrors["billing_address"] = ["must be an object"];
        }
        else
        {
            input.BillingAddress = new NewBillingAddress
            {
                Line1 = String(address, "line1", "billing_address.line1", typeErrors),
                Line2 = String(address, "line2", "billing_address.line2", typeErrors),
                City = String(address, "city", "billing_address.city", typeErrors),
                State = String(address, "state", "billing_address.state", typeErrors),
                ZipCode = String(address, "zip_code", "billing_address.zip_code", typeErrors),
                Country = String(address, "country", "billing_address.country", typeErrors),
            };
        }
        return new Result(input, typeErrors);
    }

    private static bool IsBlankString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return false;
        try { return string.IsNullOrWhiteSpace(value.GetString()); }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>
    /// A string field: null when absent or JSON null. A value of another JSON type is an error of its own (422),
    /// and is passed on as its JSON text so that the validator does not mistake it for a missing field.
    /// </summary>
    internal static string? String(JsonElement parent, string name, string path, Dictionary<string, string[]> typeErrors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            typeErrors[path] = ["must be a string"];
            return value.GetRawText();
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not text.
            typeErrors[path] = ["must be valid Unicode text"];
            return "?";
        }
    }
}
