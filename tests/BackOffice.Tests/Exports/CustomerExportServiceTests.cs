using System.Text;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Exports;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Exports;

/// <summary>The CSV export on a real database: exactly the filtered rows, across batches, safe for spreadsheets, audited, and refused to agents.</summary>
public sealed class CustomerExportServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private CustomerExportService Exports => new(database.DbFactory, database.Clock, database.SecurityLog);

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<Customer> CreateAsync(string first, string last, string line1 = "1 Main St", bool approve = false)
    {
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        var input = Samples.Customer(email: $"person.{Guid.NewGuid():N}@example.com"); // so that a name search matches names only
        input.FirstName = first;
        input.LastName = last;
        input.BillingAddress.Line1 = line1;
        var customer = (await database.Customers.CreateAsync(input, TestDatabase.Agent)).Value!;
        if (approve)
        {
            var approval = await database.Reviews.ApproveKycAsync(customer.Id, TestDatabase.Compliance);
            Assert.True(approval.Succeeded, approval.Message);
        }
        return (await database.Customers.GetAsync(customer.Id))!;
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { HasHeader = false }, leaveOpen: false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = reader.Current;
            var fields = new string[row.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = row.GetString(i);
            rows.Add(fields);
        }
        return rows;
    }

    private async Task<(ServiceResult<long> Result, byte[] Bytes)> ExportAsync(CustomerListQuery filter, Actor actor, int batchSize = 3)
    {
        using var output = new MemoryStream();
        var result = await Exports.ExportCsvAsync(filter, output, actor, batchSize: batchSize);
        return (result, output.ToArray());
    }

    [Fact]
    public async Task The_export_holds_exactly_the_filtered_customers_newest_first_across_batches()
    {
        var matching = new List<Customer>();
        for (var i = 0; i < 7; i++) matching.Add(await CreateAsync("Ada", $"Lovelace-{(char)('a' + i)}"));
        await CreateAsync("Ada", "Approved", approve: true);   // other status
        await CreateAsync("Grace", "Hopper");                    // other search

        var (result, bytes) = await ExportAsync(new CustomerListQuery { Status = CustomerStatus.PendingKyc, Search = "ada" }, TestDatabase.Manager);

        Assert.True(result.Succeeded);
        Assert.Equal(7, result.Value);
        var rows = ReadCsv(bytes);
        Assert.Equal(CustomerExportService.Header, rows[0]);
        Assert.Equal(matching.Select(c => c.Id.ToString()).Reverse(), rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal("pending_kyc", r[1]));
    }

    [Fact]
    public async Task Commas_quotes_and_non_Latin_names_survive_the_round_trip()
    {
        var customer = await CreateAsync("李", "Владимир-O'Brien", line1: "Flat 2, \"The Old Mill\", 10 High St");

        var (_, bytes) = await ExportAsync(new CustomerListQuery(), TestDatabase.Compliance);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // a BOM, so spreadsheets read UTF-8
        var row = ReadCsv(bytes)[1];
        Assert.Equal(customer.Id.ToString(), row[0]);
        Assert.Equal("李", row[3]);
        Assert.Equal("Владимир-O'Brien", row[4]);
        Assert.Equal(customer.Email, row[5]);
        Assert.Equal("+447911123456", row[6]);
        Assert.Equal("Flat 2, \"The Old Mill\", 10 High St", row[8]);
        Assert.Contains("\"Flat 2, \"\"The Old Mill\"\", 10 High St\"", Encoding.UTF8.GetString(bytes)); // RFC 4180 quoting
    }

    [Fact]
    public async Task Free_text_that_a_spreadsheet_would_run_as_a_formula_is_defused()
    {
        await CreateAsync("Eve", "Mallory", line1: "=HYPERLINK(\"http://evil.example\")");

        var (_, bytes) = await ExportAsync(new CustomerListQuery(), TestDatabase.Admin);

        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", ReadCsv(bytes)[1][8]);
    }

    [Fact]
    public async Task Names_and_emails_that_start_like_a_formula_are_defused_too()
    {
        var input = Samples.Customer(email: "=cmd|'/Ccalc'!A0@evil.example");
        input.FirstName = "-Ann";
        Assert.True((await database.Customers.CreateAsync(input, TestDatabase.Agent)).Succeeded);

        var (_, bytes) = await ExportAsync(new CustomerListQuery(), TestDatabase.Admin);
        var row = ReadCsv(bytes)[1];

        Assert.Equal("'-Ann", row[3]);
        Assert.Equal("'=cmd|'/ccalc'!a0@evil.example", row[5]);
        Assert.Equal("+447911123456", row[6]); // E.164 stays as it is: a spreadsheet reads it as a number, not a command
    }

    [Fact]
    public async Task Customers_created_in_the_same_millisecond_are_exported_once_each_in_list_order()
    {
        // The clock does not move: every customer has the same created_at, so only the id orders them.
        for (var i = 0; i < 9; i++)
        {
            var input = Samples.Customer(email: $"same.{Guid.NewGuid():N}@example.com");
            Assert.True((await database.Customers.CreateAsync(input, TestDatabase.Agent)).Succeeded);
        }
        var listed = new List<Guid>();
        Guid? cursor = null;
        do
        {
            var page = (await database.Customers.ListAsync(new CustomerListQuery { PageSize = 4, StartingAfter = cursor })).Value!;
            listed.AddRange(page.Items.Select(c => c.Id));
            cursor = page.HasOlder ? page.Items[^1].Id : null;
        } while (cursor is not null);

        var (_, bytes) = await ExportAsync(new CustomerListQuery(), TestDatabase.Manager, batchSize: 2);

        Assert.Equal(listed.Select(id => id.ToString()), ReadCsv(bytes).Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task A_creation_time_range_exports_only_the_customers_inside_it()
    {
        var start = database.Clock.Now.UtcDateTime;
        var first = await CreateAsync("Ada", "One");   // start + 1 s
        var second = await CreateAsync("Ada", "Two");  // start + 2 s
        await CreateAsync("Ada", "Three");             // start + 3 s

        var (_, bytes) = await ExportAsync(new CustomerListQuery { CreatedAfter = start.AddSeconds(1), CreatedBefore = start.AddSeconds(2) }, TestDatabase.Manager);

        Assert.Equal([second.Id.ToString()], ReadCsv(bytes).Skip(1).Select(r => r[0]));
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Every_export_is_audited_with_who_the_filter_and_the_row_count()
    {
        await CreateAsync("Ada", "Lovelace");
        await CreateAsync("Ada", "Byron");

        await ExportAsync(new CustomerListQuery { Status = CustomerStatus.PendingKyc, Search = "ada" }, TestDatabase.Compliance);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var rows = await db.DataExportAudit.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([DataExportAuditEntry.Started, DataExportAuditEntry.CompletedEvent], rows.Select(r => r.Event));
        Assert.Single(rows.Select(r => r.ExportId).Distinct());
        Assert.Equal(0, rows[0].RowCount);
        var entry = rows[1];
        Assert.Equal(TestDatabase.Compliance.Id, entry.ActorId);
        Assert.Equal(TestDatabase.Compliance.Name, entry.ActorName);
        Assert.Equal("status=pending_kyc; search=ada", entry.Filter);
        Assert.Equal(2, entry.RowCount);
        Assert.True(entry.Completed);
    }

    [Fact]
    public async Task Agents_may_not_export_and_nothing_is_written()
    {
        await CreateAsync("Ada", "Lovelace");

        var (result, bytes) = await ExportAsync(new CustomerListQuery(), TestDatabase.Agent);

        Assert.Equal(ServiceResultKind.Forbidden, result.Kind);
        Assert.Empty(bytes);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.DataExportAudit.CountAsync());
    }

    [Fact]
    public async Task An_export_that_stops_part_way_is_audited_as_incomplete()
    {
        for (var i = 0; i < 4; i++) await CreateAsync("Ada", $"Lovelace-{(char)('a' + i)}");
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Exports.ExportCsvAsync(new CustomerListQuery(), new MemoryStream(),
            TestDatabase.Manager, progress: rows => { if (rows >= 2) cancel.Cancel(); }, ct: cancel.Token, batchSize: 2));

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var entry = await db.DataExportAudit.OrderBy(e => e.Id).LastAsync();
        Assert.Equal(DataExportAuditEntry.Stopped, entry.Event);
        Assert.False(entry.Completed);
        Assert.Equal(2, entry.RowCount);
    }

    [Fact]
    public async Task The_export_trail_cannot_be_rewritten()
    {
        await ExportAsync(new CustomerListQuery(), TestDatabase.Manager);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var entry = await db.DataExportAudit.FirstAsync();

        db.DataExportAudit.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM data_export_audit"));
        Assert.Contains("append-only", delete.Message);
        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE data_export_audit SET \"RowCount\" = 0"));
        Assert.Contains("append-only", update.Message);
    }
}
