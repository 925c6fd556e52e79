using BackOffice.Core.Customers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Customers;

public sealed class NewCustomerValidatorTests
{
    private readonly NewCustomerValidator validator = new();

    private IReadOnlyDictionary<string, string[]> ErrorsFor(Action<NewCustomer> change)
    {
        var customer = Samples.Customer();
        change(customer);
        return validator.Validate(customer).ToDictionary().AsReadOnly();
    }

    [Fact]
    public void Accepts_a_complete_valid_customer()
    {
        Assert.Empty(ErrorsFor(_ => { }));
    }

    [Theory]
    [InlineData("Ada")]
    [InlineData("Jean-Luc")]
    [InlineData("O'Brien")]
    [InlineData("D’Angelo")]
    [InlineData("Mary Ann")]
    [InlineData("Zoë")]
    [InlineData("Łukasz")]
    [InlineData("Ngozi")]
    [InlineData("Владимир")]
    [InlineData("明美")]
    [InlineData("محمد")]
    [InlineData("  Ada  ")]
    [InlineData("'Ada")]
    [InlineData("Jose\u0301")] // a combining accent after its letter
    public void Accepts_names_in_any_script_with_spaces_hyphens_and_apostrophes(string name)
    {
        Assert.Empty(ErrorsFor(c => { c.FirstName = name; c.LastName = name; }));
    }

    [Theory]
    [InlineData("Ada1")]
    [InlineData("Ada!")]
    [InlineData("Ada.")]
    [InlineData("<script>")]
    [InlineData("--")]
    [InlineData("'")]
    [InlineData("Ada_Lovelace")]
    [InlineData("- '")] // no letter at all
    [InlineData("\u0301\u0301")] // marks without a letter
    public void Rejects_names_with_other_characters(string name)
    {
        var errors = ErrorsFor(c => c.FirstName = name);
        Assert.Equal(["may contain only letters, spaces, hyphens and apostrophes"], errors["FirstName"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Requires_first_and_last_name(string? name)
    {
        var errors = ErrorsFor(c => { c.FirstName = name; c.LastName = name; });
        Assert.Equal(["is required"], errors["FirstName"]);
        Assert.Equal(["is required"], errors["LastName"]);
    }

    [Fact]
    public void Accepts_a_name_of_exactly_100_characters_after_trimming()
    {
        Assert.Empty(ErrorsFor(c => c.LastName = "  " + new string('a', 100) + "  "));
    }

    [Fact]
    public void Rejects_a_name_of_101_characters()
    {
        var errors = ErrorsFor(c => c.LastName = new string('a', 101));
        Assert.Equal(["must be at most 100 characters"], errors["LastName"]);
    }

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("Ada.Lovelace+kyc@Example.CO.UK")]
    [InlineData("  ada@example.com  ")]
    [InlineData("o'brien@example.ie")]
    [InlineData("a@xn--bcher-kva.example")]
    public void Accepts_valid_emails(string email)
    {
        Assert.Empty(ErrorsFor(c => c.Email = email));
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada@@example.com")]
    [InlineData("ada @example.com")]
    [InlineData("ada@exa mple.com")]
    [InlineData("ada..lovelace@example.com")]
    [InlineData(".ada@example.com")]
    [InlineData("ada@-example.com")]
    [InlineData("ada@example.c")]
    [InlineData("ada@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com")] // a domain label longer than 63
    public void Rejects_invalid_emails(string email)
    {
        Assert.Equal(["must be a valid email address"], ErrorsFor(c => c.Email = email)["Email"]);
    }

    [Fact]
    public void Accepts_an_email_of_254_characters_and_rejects_255()
    {
        string EmailOf(int length)
        {
            const string domain = "@example.com";
            var labels = new List<string>();
            var local = new string('a', 64);
            var remaining = length - local.Length - domain.Length;
            while (remaining > 0)
            {
                var size = Math.Min(remaining - 1, 60);
                if (size <= 0) { local = local[..^1]; remaining++; continue; }
                labels.Add(new string('b', size));
                remaining -= size + 1;
            }
            return local + "@" + string.Join(".", labels) + domain[1..].Insert(0, labels.Count > 0 ? "." : "");
        }

        var ok = EmailOf(254);
        var tooLong = EmailOf(255);
        Assert.Equal(254, ok.Length);
        Assert.Equal(255, tooLong.Length);
        Assert.Empty(ErrorsFor(c => c.Email = ok));
        Assert.Equal(["must be at most 254 characters"], ErrorsFor(c => c.Email = tooLong)["Email"]);
    }

    [Theory]
    [InlineData("+44 7911 123456", "+447911123456")]
    [InlineData("+447911123456", "+447911123456")]
    [InlineData("+1 (415) 555-2671", "+14155552671")]
    [InlineData("+49 30 901820", "+4930901820")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("+234 803 123 4567", "+2348031234567")]
    [InlineData("+91 98765 43210", "+919876543210")]
    [InlineData("+81 90-1234-5678", "+819012345678")]
    public void Accepts_international_phone_numbers_and_normalises_them_to_E164(string phone, string e164)
    {
        Assert.Empty(ErrorsFor(c => c.Phone = phone));
        Assert.True(ContactRules.TryNormalizePhone(phone, out var normalised));
        Assert.Equal(e164, normalised);
    }

    [Theory]
    [InlineData("07911 123456")]
    [InlineData("12345")]
    [InlineData("+44 12")]
    [InlineData("+1 555 0000 0000 0000")]
    [InlineData("phone")]
    [InlineData("+999 1234567")]
    public void Rejects_phone_numbers_without_a_country_code_or_that_are_not_valid(string phone)
    {
        Assert.StartsWith("must be a valid international phone number", ErrorsFor(c => c.Phone = phone)["Phone"][0]);
    }

    [Theory]
    [InlineData(CustomerType.Individual)]
    [InlineData(CustomerType.Business)]
    public void Accepts_the_two_customer_types(CustomerType type)
    {
        Assert.Empty(ErrorsFor(c => c.Type = type));
    }

    [Fact]
    public void Rejects_a_customer_type_outside_the_two()
    {
        // Text such as "company" never becomes a CustomerType: the API's wire record refuses it (CreateCustomerApiTests).
        Assert.Equal(["must be individual or business"], ErrorsFor(c => c.Type = (CustomerType)7)["Type"]);
    }

    [Fact]
    public void A_missing_customer_type_is_required()
    {
        Assert.Equal(["is required"], ErrorsFor(c => c.Type = null)["Type"]);
    }

    [Fact]
    public void Reports_billing_address_errors_under_their_path()
    {
        var errors = ErrorsFor(c => c.BillingAddress.City = "");
        Assert.Equal(["is required"], errors["BillingAddress.City"]);
    }

    [Fact]
    public void Reports_every_invalid_field_at_once()
    {
        var errors = ErrorsFor(c => { c.Email = "nope"; c.Phone = "1"; c.BillingAddress.Country = "XX"; });
        Assert.Equal(["BillingAddress.Country", "Email", "Phone"], errors.Keys.Order());
    }
}
