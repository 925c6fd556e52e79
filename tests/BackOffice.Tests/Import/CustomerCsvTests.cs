using System.Text;
using BackOffice.Core.Import;

namespace BackOffice.Tests.Import;

public sealed class CustomerCsvTests
{
    [Fact]
    public void Reads_rows_under_the_contracts_column_names_in_any_order_and_case()
    {
        var csv = Encoding.UTF8.GetBytes(
            "Email, COUNTRY ,first_name,last_name,phone,type,line1,city,state,zip_code\n" +
            "ada@example.com,GB,Ada,Lovelace,+44 7911 123456,individual,\"1 Main St, Flat 2\",London,London,SW1A 1AA\n");

        var result = CustomerCsv.Read(csv);

        Assert.Null(result.FileError);
        var row = Assert.Single(result.Rows);
        Assert.Equal("ada@example.com", row[ImportColumns.Email]);
        Assert.Equal("GB", row[ImportColumns.Country]);
        Assert.Equal("1 Main St, Flat 2", row[ImportColumns.Line1]);
        Assert.Null(row[ImportColumns.Line2]); // the optional column may be left out
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void Accepts_the_billing_address_paths_as_column_names()
    {
        var result = CustomerCsv.Read(ImportFiles.Csv(ImportFiles.Row("ada@example.com")));

        Assert.Null(result.FileError);
        Assert.Equal("SW1A 1AA", Assert.Single(result.Rows)[ImportColumns.ZipCode]);
    }

    [Theory]
    [InlineData("first_name,last_name,email,phone,type,line1,city,state,zip_code", "missing column \"country\"")]
    [InlineData("first_name,last_name,email,phone,type,line1,city,state,zip_code,country,nickname", "unknown column \"nickname\"")]
    [InlineData("first_name,last_name,email,phone,type,line1,city,state,zip_code,country,billing_address.country", "column \"country\" more than once")]
    [InlineData("first_name;last_name;email;phone;type;line1;city;state;zip_code;country", "separated by commas, not semicolons")]
    [InlineData("firstname,lastname,e-mail", "unknown columns \"firstname\", \"lastname\", \"e-mail\"")]
    public void Refuses_a_header_that_does_not_name_the_contracts_columns(string header, string message)
    {
        var result = CustomerCsv.Read(Encoding.UTF8.GetBytes(header + "\nAda,Lovelace,ada@example.com,+44 7911 123456,individual,1 Main St,London,London,SW1A 1AA,GB\n"));

        Assert.NotNull(result.FileError);
        Assert.Contains(message, result.FileError);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes(ImportFiles.Header + "\nZoë,Müller,zoe@example.com,+44 7911 123456,individual,1 Main St,,London,London,SW1A 1AA,GB\n");

        var result = CustomerCsv.Read(latin1);

        Assert.NotNull(result.FileError);
        Assert.Contains("not UTF-8", result.FileError);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Reads_utf8_with_a_byte_order_mark_and_non_latin_names()
    {
        var csv = Encoding.UTF8.GetPreamble().Concat(ImportFiles.Csv(ImportFiles.Row("zoe@example.com", firstName: "Zoë"))).ToArray();

        var result = CustomerCsv.Read(csv);

        Assert.Null(result.FileError);
        Assert.Equal("Zoë", Assert.Single(result.Rows)[ImportColumns.FirstName]);
    }

    [Fact]
    public void Refuses_broken_quoting_and_says_where()
    {
        var result = CustomerCsv.Read(ImportFiles.Csv(ImportFiles.Row("a@example.com"), "Ada,\"Love\"lace,b@example.com,+44 7911 123456,individual,1 Main St,,London,London,SW1A 1AA,GB"));

        Assert.NotNull(result.FileError);
        Assert.Contains("not valid CSV at line 3", result.FileError);
    }

    [Fact]
    public void Rejects_a_row_with_more_or_fewer_values_than_the_header_on_its_own()
    {
        var result = CustomerCsv.Read(ImportFiles.Csv(ImportFiles.Row("a@example.com"), ImportFiles.Row("b@example.com") + ",extra", "Ada,Lovelace"));

        Assert.Null(result.FileError);
        Assert.Equal(2, Assert.Single(result.Rows).Line);
        Assert.Equal([3, 4], result.Malformed.Select(r => r.Line));
        Assert.Contains("has 12 values but the header has 11 columns", result.Malformed[0].Reasons[0]);
    }

    [Fact]
    public void Skips_blank_rows_and_numbers_rows_by_their_line_in_the_file()
    {
        var result = CustomerCsv.Read(ImportFiles.Csv(ImportFiles.Row("a@example.com"), "", ",,,,,,,,,,", ImportFiles.Row("b@example.com")));

        Assert.Equal([2, 5], result.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("")]
    [InlineData(ImportFiles.Header)]
    public void Refuses_a_file_without_customers(string text)
    {
        var result = CustomerCsv.Read(Encoding.UTF8.GetBytes(text));

        Assert.NotNull(result.FileError);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\r")]
    [InlineData("\u0000\u0000")]
    [InlineData(",,,")]
    [InlineData("first_name\n\"")]
    [InlineData(ImportFiles.Header + "\n\"unclosed,a,b")]
    [InlineData(ImportFiles.Header + "\n\u0000,\u0000")]
    [InlineData(ImportFiles.Header + "\n\"\"\"\"\"")]
    public void Odd_input_is_a_file_error_or_rows_never_an_exception(string text)
    {
        var result = CustomerCsv.Read(Encoding.UTF8.GetBytes(text));

        Assert.True(result.FileError is not null || result.Rows.Count + result.Malformed.Count > 0);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            // Mostly ASCII CSV punctuation, so that the parser is reached, not only the UTF-8 check.
            var palette = ",\"\r\na=+-@ x"u8;
            for (var j = 0; j < bytes.Length; j++) bytes[j] = palette[bytes[j] % palette.Length];
            var withHeader = Encoding.UTF8.GetBytes(ImportFiles.Header + "\n").Concat(bytes).ToArray();
            CustomerCsv.Read(bytes);
            CustomerCsv.Read(withHeader);
        }
    }
}
