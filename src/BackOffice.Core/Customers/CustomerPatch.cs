using FluentValidation;

namespace BackOffice.Core.Customers;

/// <summary>
/// A JSON merge patch (RFC 7396) of a customer's create fields, as PATCH /api/v1/customers/{id} sends it: a null
/// property is absent (unchanged) unless its path is in <see cref="Cleared"/>, which clears an optional field.
/// <see cref="ApplyTo"/> gives the whole customer as it would be, for the same validators as a create.
/// </summary>
public sealed class CustomerPatch
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public CustomerType? Type { get; init; }
    public BillingAddressPatch? BillingAddress { get; init; }
    /// <summary>Property paths the patch set to null ("BillingAddress.Line2").</summary>
    public IReadOnlySet<string> Cleared { get; init; } = new HashSet<string>();

    /// <summary>Only this one can be cleared; the others are required.</summary>
    public const string OptionalField = "BillingAddress.Line2";

    public NewCustomer ApplyTo(Customer current)
    {
        var edited = NewCustomerFrom(current);
        edited.FirstName = Pick(FirstName, nameof(FirstName), edited.FirstName);
        edited.LastName = Pick(LastName, nameof(LastName), edited.LastName);
        edited.Email = Pick(Email, nameof(Email), edited.Email);
        edited.Phone = Pick(Phone, nameof(Phone), edited.Phone);
        edited.Type = Cleared.Contains(nameof(Type)) ? null : Type ?? edited.Type;
        if (Cleared.Contains(nameof(BillingAddress))) edited.BillingAddress = new NewBillingAddress(); // every line required
        var address = edited.BillingAddress;
        var patch = BillingAddress ?? new BillingAddressPatch();
        address.Line1 = Pick(patch.Line1, "BillingAddress.Line1", address.Line1);
        address.Line2 = Pick(patch.Line2, "BillingAddress.Line2", address.Line2);
        address.City = Pick(patch.City, "BillingAddress.City", address.City);
        address.State = Pick(patch.State, "BillingAddress.State", address.State);
        address.ZipCode = Pick(patch.ZipCode, "BillingAddress.ZipCode", address.ZipCode);
        address.Country = Pick(patch.Country, "BillingAddress.Country", address.Country);
        return edited;
    }

    private string? Pick(string? value, string path, string? current) => Cleared.Contains(path) ? null : value ?? current;

    /// <summary>The customer's stored values as form input: what an edit starts from.</summary>
    public static NewCustomer NewCustomerFrom(Customer customer) => new()
    {
        FirstName = customer.FirstName,
        LastName = customer.LastName,
        Email = customer.Email,
        Phone = customer.Phone,
        Type = customer.Type,
        BillingAddress = new NewBillingAddress
        {
            Line1 = customer.BillingAddress.Line1,
            Line2 = customer.BillingAddress.Line2,
            City = customer.BillingAddress.City,
            State = customer.BillingAddress.State,
            ZipCode = customer.BillingAddress.ZipCode,
            Country = customer.BillingAddress.Country,
        },
    };
}

public sealed class BillingAddressPatch
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? ZipCode { get; init; }
    public string? Country { get; init; }
}

/// <summary>
/// A patch has no rule of its own: the create's validator judges the patched whole in <see cref="CustomerEditService"/>
/// (a cleared required field is "required" there), so that one answer lists every field. This class exists because
/// the API's validation filter asks for each command's validator.
/// </summary>
public sealed class CustomerPatchValidator : AbstractValidator<CustomerPatch>;
