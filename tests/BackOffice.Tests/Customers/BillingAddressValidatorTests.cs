using BackOffice.Core.Customers;

namespace BackOffice.Tests.Customers;

public sealed class BillingAddressValidatorTests
{
    private readonly BillingAddressValidator validator = new();

    private static NewBillingAddress Address(string country = "GB", string zip = "SW1A 1AA") => new()
    {
        Line1 = "1 Main St", City = "London", State = "London", ZipCode = zip, Country = country,
    };

    private IReadOnlyDictionary<string, string[]> ErrorsFor(NewBillingAddress address) =>
        validator.Validate(address).ToDictionary().AsReadOnly();

    [Theory]
    [InlineData("US", "94105")]
    [InlineData("US", "94105-1234")]
    [InlineData("GB", "SW1A 1AA")]
    [InlineData("GB", "sw1a1aa")]
    [InlineData("GB", "M1 1AE")]
    [InlineData("GB", "EC1A 1BB")]
    [InlineData("CA", "K1A 0B1")]
    [InlineData("CA", "k1a0b1")]
    [InlineData("DE", "10115")]
    [InlineData("FR", "75008")]
    [InlineData("NL", "1012 AB")]
    [InlineData("NL", "1012AB")]
    [InlineData("NL", "1012 SB")]
    [InlineData("NL", "1012 sz")]
    [InlineData("NL", "1012 AS")]
    [InlineData("IN", "560001")]
    [InlineData("AU", "2000")]
    [InlineData("BR", "01310-100")]
    [InlineData("BR", "01310100")]
    [InlineData("JP", "100-0001")]
    [InlineData("JP", "1000001")]
    [InlineData("NG", "100001")]
    [InlineData("KE", "ANY-FORMAT 12")] // a country without a known format takes any zip
    public void Accepts_zip_codes_that_match_their_country(string country, string zip)
    {
        Assert.Empty(ErrorsFor(Address(country, zip)));
    }

    [Theory]
    [InlineData("US", "9410")]
    [InlineData("US", "941051")]
    [InlineData("US", "94105-12")]
    [InlineData("GB", "SW1A")]
    [InlineData("GB", "12345")]
    [InlineData("CA", "D1A 0B1")]
    [InlineData("CA", "12345")]
    [InlineData("DE", "1011")]
    [InlineData("DE", "101155")]
    [InlineData("FR", "7500")]
    [InlineData("NL", "0123 AB")]
    [InlineData("NL", "1012 SA")]
    [InlineData("NL", "1012 SD")]
    [InlineData("NL", "1012 ss")]
    [InlineData("IN", "056001")]
    [InlineData("IN", "56001")]
    [InlineData("AU", "200")]
    [InlineData("BR", "01310-10")]
    [InlineData("JP", "100-001")]
    [InlineData("NG", "10001")]
    public void Rejects_zip_codes_that_do_not_match_the_country(string country, string zip)
    {
        var errors = ErrorsFor(Address(country, zip));
        Assert.StartsWith("must be a valid postal code for", Assert.Single(errors["ZipCode"]));
    }

    [Theory]
    [InlineData("gb")]
    [InlineData(" GB ")]
    [InlineData("Gb")]
    public void Accepts_a_country_code_in_any_case(string country)
    {
        Assert.Empty(ErrorsFor(Address(country)));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("GBR")]
    [InlineData("United Kingdom")]
    [InlineData("G")]
    public void Rejects_a_country_that_is_not_an_ISO_3166_alpha_2_code(string country)
    {
        var errors = ErrorsFor(Address(country, "12345"));
        Assert.Equal(["must be an ISO 3166-1 alpha-2 code"], errors["Country"]);
        Assert.False(errors.ContainsKey("ZipCode"));
    }

    [Fact]
    public void Requires_line1_city_state_zip_and_country_but_not_line2()
    {
        var errors = ErrorsFor(new NewBillingAddress { Line2 = null });
        Assert.Equal(["City", "Country", "Line1", "State", "ZipCode"], errors.Keys.Order());
        Assert.All(errors.Values, messages => Assert.Equal(["is required"], messages));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void Limits_address_lines_to_200_characters(int length, bool valid)
    {
        var address = Address();
        address.Line1 = new string('a', length);
        address.Line2 = new string('b', length);
        var errors = ErrorsFor(address);
        Assert.Equal(valid, !errors.ContainsKey("Line1"));
        Assert.Equal(valid, !errors.ContainsKey("Line2"));
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Limits_city_and_state_to_100_characters(int length, bool valid)
    {
        var address = Address();
        address.City = new string('c', length);
        address.State = new string('s', length);
        var errors = ErrorsFor(address);
        Assert.Equal(valid, !errors.ContainsKey("City"));
        Assert.Equal(valid, !errors.ContainsKey("State"));
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void Limits_a_zip_code_without_a_known_format_to_20_characters(int length, bool valid)
    {
        var errors = ErrorsFor(Address("KE", new string('1', length)));
        Assert.Equal(valid, !errors.ContainsKey("ZipCode"));
    }

    [Theory]
    [InlineData("Line1")]
    [InlineData("Line2")]
    [InlineData("City")]
    [InlineData("State")]
    [InlineData("ZipCode")]
    public void Rejects_control_characters_in_address_text(string field)
    {
        // A NUL once reached PostgreSQL, which refuses it (a 500); a line feed would break CSV and log lines.
        var address = Address(country: "KE", zip: "00100"); // a country with no postal format, so the zip is free text
        typeof(NewBillingAddress).GetProperty(field)!.SetValue(address, "1 Main\u0000St");
        var withLineFeed = Address(country: "KE", zip: "00100");
        typeof(NewBillingAddress).GetProperty(field)!.SetValue(withLineFeed, "1 Main\nSt");

        Assert.Equal(["may not contain control characters"], ErrorsFor(address)[field]);
        Assert.Equal(["may not contain control characters"], ErrorsFor(withLineFeed)[field]);
    }
}
