using System.Text;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Core.Import;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Import;

/// <summary>The preview: every rule that decides whether a row would be imported. On SQLite and on PostgreSQL.</summary>
public sealed class CustomerImportPreviewTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerImportService Imports => database.Services.GetRequiredService<CustomerImportService>();

    public static TheoryData<string> NotAllowed => ["compliance", "manager", "api"];

    [Theory]
    [MemberData(nameof(NotAllowed))]
    public async Task Only_agents_and_administrators_may_preview_an_import(string who)
    {
        var actor = who switch
        {
            "compliance" => TestDatabase.Compliance,
            "manager" => TestDatabase.Manager,
            _ => Actor.Create("key-1", "API key · Partner", Roles.ApiClient) with { PartnerId = Guid.NewGuid() },
        };

        var result = await Imports.PreviewAsync(ImportFiles.Stream(ImportFiles.Row("a@example.com")), "customers.csv", actor);

        Assert.Equal(ServiceResultKind.Forbidden, result.Kind);
        Assert.True((await Imports.PreviewAsync(ImportFiles.Stream(ImportFiles.Row("a@example.com")), "customers.csv", TestDatabase.Admin)).Succeeded);
    }

    [Fact]
    public async Task Judges_every_row_with_the_onboarding_validator_and_names_the_column_and_line()
    {
        var result = await Imports.PreviewAsync(ImportFiles.Stream(
            ImportFiles.Row("good@example.com"),
            ImportFiles.Row("not-an-email", zip: "12345"),
            ImportFiles.Row("type@example.com", type: "person"),
            ImportFiles.Row("business@example.com", type: "Business")), "customers.csv", TestDatabase.Agent);

        Assert.True(result.Succeeded, result.Message);
        var preview = result.Value!;
        Assert.Equal(4, preview.Rows);
        Assert.Equal([2, 5], preview.Valid.Select(r => r.Row.Line));
        Assert.Equal([3, 4], preview.Rejected.Select(r => r.Line));

        // The same messages the onboarding form and the API give, under the file's column names.
        var expected = new NewCustomerValidator().Validate(new NewCustomer
        {
            FirstName = "Ada", LastName = "Lovelace", Email = "not-an-email", Phone = "+44 7911 123456", Type = CustomerType.Individual,
            BillingAddress = new NewBillingAddress { Line1 = "1 Main St", City = "London", State = "London", ZipCode = "12345", Country = "GB" },
        }).Errors.Select(e => $"{ImportColumns.ForProperty(e.PropertyName)}: {e.ErrorMessage}");
        Assert.Equal(expected, preview.Rejected[0].Reasons);
        Assert.Contains(preview.Rejected[0].Reasons, r => r.StartsWith("email: "));
        Assert.Contains(preview.Rejected[0].Reasons, r => r.StartsWith("zip_code: "));
        Assert.Equal([$"type: {CustomerTypeNames.InvalidMessage}"], preview.Rejected[1].Reasons);
    }

    [Fact]
    public async Task Rejects_a_later_row_with_an_email_already_in_the_file_in_any_case()
    {
        var result = await Imports.PreviewAsync(ImportFiles.Stream(
            ImportFiles.Row("ada@example.com"),
            ImportFiles.Row(" ADA@Example.com "),
            ImportFiles.Row("other@example.com")), "customers.csv", TestDatabase.Agent);

        var preview = result.Value!;
        Assert.Equal([2, 4], preview.Valid.Select(r => r.Row.Line));
        var duplicate = Assert.Single(preview.Rejected);
        Assert.Equal(3, duplicate.Line);
        Assert.Equal(["email: is also on line 2 of this file"], duplicate.Reasons);
    }

    [Fact]
    public async Task Rejects_rows_whose_email_an_existing_customer_has()
    {
        Assert.True((await database.Customers.CreateAsync(Samples.Customer(email: "taken@example.com"), TestDatabase.Agent)).Succeeded);

        var result = await Imports.PreviewAsync(ImportFiles.Stream(ImportFiles.Row("Taken@Example.COM"), ImportFiles.Row("free@example.com")), "customers.csv", TestDatabase.Agent);

        var preview = result.Value!;
        Assert.Equal(["free@example.com"], preview.Valid.Select(r => r.Customer.Email));
        Assert.Equal(["email: is already used by an existing customer"], Assert.Single(preview.Rejected).Reasons);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"\"http://evil.example\"\")", "line1: starts with \"=\"")]
    [InlineData("@SUM(1+1)", "line1: starts with \"@\"")]
    [InlineData("-2+3", "line1: starts with \"-\"")]
    [InlineData("+1 Main St", "line1: starts with \"+\"")]
    public async Task Rejects_a_row_with_a_value_that_starts_like_a_spreadsheet_formula(string line1, string reason)
    {
        var result = await Imports.PreviewAsync(ImportFiles.Stream(ImportFiles.Row("f@example.com", line1: $"\"{line1}\""), ImportFiles.Row("ok@example.com")), "customers.csv", TestDatabase.Agent);

        var preview = result.Value!;
        Assert.Single(preview.Valid); // the other rows are not held back by one bad cell
        Assert.StartsWith(reason, Assert.Single(Assert.Single(preview.Rejected).Reasons));
    }

    [Fact]
    public async Task Allows_the_plus_of_an_international_phone_number()
    {
        var result = await Imports.PreviewAsync(ImportFiles.Stream(ImportFiles.Row("p@example.com", phone: "+1 415 555 0123")), "customers.csv", TestDatabase.Agent);

        Assert.Single(result.Value!.Valid);
    }

    [Fact]
    public async Task Refuses_a_file_over_the_limit_after_reading_one_buffer_past_it()
    {
        var huge = new EndlessCsv();

        var result = await Imports.PreviewAsync(huge, "huge.csv", TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.TooLarge, result.Kind);
        Assert.Contains(ImportLimits.MaxFileSizeText, result.Message);
        Assert.True(huge.BytesRead <= ImportLimits.MaxFileBytes + 81920, $"read {huge.BytesRead} bytes");
    }

    [Theory]
    [InlineData("not-utf8", "not UTF-8")]
    [InlineData("header", "The header row is not right")]
    [InlineData("quotes", "not valid CSV")]
    public async Task Refuses_a_malformed_file_whole_with_a_clear_message(string problem, string message)
    {
        var content = problem switch
        {
            "not-utf8" => Encoding.Latin1.GetBytes(ImportFiles.Header + "\nZoë,Müller,zoe@example.com,+44 7911 123456,individual,1 Main St,,London,London,SW1A 1AA,GB\n"),
            "header" => Encoding.UTF8.GetBytes("name,mail\nAda,ada@example.com\n"),
            _ => ImportFiles.Csv("\"Ada,Lovelace,ada@example.com,+44 7911 123456,individual,1 Main St,,London,London,SW1A 1AA,GB"),
        };

        var result = await Imports.PreviewAsync(new MemoryStream(content), "bad.csv", TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Contains(message, result.Message);
        Assert.Contains(message, Assert.Single(result.Errors["file"]));
    }

    [Fact]
    public async Task Knows_a_file_by_its_sha256_and_keeps_only_its_name()
    {
        var content = ImportFiles.Csv(ImportFiles.Row("a@example.com"));

        var preview = (await Imports.PreviewAsync(new MemoryStream(content), "C:\\Users\\ada\\customers.csv", TestDatabase.Agent)).Value!;

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), preview.Sha256);
        Assert.Equal("customers.csv", preview.FileName);
        Assert.Null(preview.AlreadyImported);
    }

    [Fact]
    public async Task The_report_of_rejected_rows_names_line_and_reasons_and_defuses_formulas()
    {
        var preview = (await Imports.PreviewAsync(ImportFiles.Stream(
            ImportFiles.Row("=cmd@example.com", line1: "\"=HYPERLINK(\"\"http://evil.example\"\")\""),
            ImportFiles.Row("ok@example.com")), "customers.csv", TestDatabase.Agent)).Value!;
        using var output = new MemoryStream();

        await RejectedRowsReport.WriteAsync(preview.Rejected, output);

        var text = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\n')).ToArray();
        Assert.Equal("line,reasons,first_name,last_name,email,phone,type,line1,line2,city,state,zip_code,country", lines[0].Trim());
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("2,\"email: starts with", lines[1]);
        Assert.Contains("'=cmd@example.com", lines[1]);
        Assert.Contains("'=HYPERLINK(", lines[1]);
        Assert.DoesNotContain(",=", lines[1]);
        Assert.Equal("customers-rejected.csv", RejectedRowsReport.FileName("customers.csv"));
    }

    /// <summary>A stream that never ends (a row repeated), counting what was read: a 50 MiB upload and more.</summary>
    private sealed class EndlessCsv : Stream
    {
        private readonly byte[] row = Encoding.UTF8.GetBytes(ImportFiles.Row("x@example.com") + "\r\n");
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = row[(BytesRead + i) % row.Length];
            BytesRead += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
