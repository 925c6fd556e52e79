using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Import;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Import;

/// <summary>The import of a previewed file: what it creates, how it is audited and recorded, and that a file is imported once.</summary>
public sealed class CustomerImportServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerImportService Imports => database.Services.GetRequiredService<CustomerImportService>();

    private async Task<ImportPreview> PreviewAsync(byte[] content, string fileName = "customers.csv") =>
        (await Imports.PreviewAsync(new MemoryStream(content), fileName, TestDatabase.Agent)).Value!;

    [Fact]
    public async Task Creates_the_valid_rows_each_audited_as_imported_from_the_file_by_the_user()
    {
        var preview = await PreviewAsync(ImportFiles.Csv(ImportFiles.Row("ada@example.com"), ImportFiles.Row("bad"), ImportFiles.Row("grace@example.com", firstName: "Grace")));

        var result = await Imports.ImportAsync(preview, TestDatabase.Agent);

        Assert.True(result.Succeeded, result.Message);
        var outcome = result.Value!;
        Assert.Equal([2, 4], outcome.Created.Select(c => c.Line));
        Assert.Equal([3], outcome.Rejected.Select(r => r.Line));
        var grace = await database.Customers.GetAsync(outcome.Created[1].Id);
        Assert.Equal("grace@example.com", grace!.Email);
        Assert.Equal("+447911123456", grace.Phone);
        Assert.Equal(CustomerStatus.PendingKyc, grace.Status);
        Assert.Equal("Alex Agent", grace.CreatedByName);
        var created = Assert.Single(await database.Customers.GetAuditTrailAsync(grace.Id), e => e.Action == CustomerAuditActions.Created);
        Assert.Equal("imported from customers.csv by Alex Agent", created.Detail);
        Assert.Equal(2, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var record = await db.CustomerImports.SingleAsync();
        Assert.Equal((CustomerImport.Completed, 3, 2, 1, "customers.csv", "Alex Agent", preview.Sha256),
            (record.Status, record.Rows, record.Created, record.Rejected, record.FileName, record.ActorName, record.Sha256));
    }

    [Fact]
    public async Task A_long_file_name_is_shortened_in_the_audit_to_fit_its_column()
    {
        var longName = new string('n', FieldLimits.FileName - 4) + ".csv";
        var preview = await PreviewAsync(ImportFiles.Csv(ImportFiles.Row("long@example.com")), longName);

        var outcome = (await Imports.ImportAsync(preview, TestDatabase.Agent)).Value!;

        var created = Assert.Single(await database.Customers.GetAuditTrailAsync(Assert.Single(outcome.Created).Id), e => e.Action == CustomerAuditActions.Created);
        Assert.True(created.Detail!.Length <= FieldLimits.AuditDetail);
        Assert.StartsWith("imported from nnn", created.Detail);
        Assert.EndsWith("… by Alex Agent", created.Detail);
    }

    [Fact]
    public async Task The_same_file_imported_twice_creates_nothing_the_second_time_and_says_so()
    {
        var content = ImportFiles.Csv(ImportFiles.Row("ada@example.com"), ImportFiles.Row("grace@example.com"));
        var first = await PreviewAsync(content);
        Assert.True((await Imports.ImportAsync(first, TestDatabase.Agent)).Succeeded);

        // Previewed again (under another name, by someone else): the preview says so, and the import is refused.
        var again = (await Imports.PreviewAsync(new MemoryStream(content), "copy of customers.csv", TestDatabase.Admin)).Value!;
        Assert.StartsWith("This file was already imported by Alex Agent on 2026-11-25 09:30 UTC: 2 customers created, 0 rows rejected.", again.AlreadyImported);
        var second = await Imports.ImportAsync(again, TestDatabase.Admin);
        Assert.Equal(ServiceResultKind.Conflict, second.Kind);
        Assert.Equal(CustomerImportService.AlreadyImportedCode, second.Code);
        Assert.Contains("Importing it again creates nothing", second.Message);

        // Even a preview made before the first import ran cannot import the file a second time.
        var second2 = await Imports.ImportAsync(first, TestDatabase.Agent);
        Assert.Equal(ServiceResultKind.Conflict, second2.Kind);
        Assert.Equal(2, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task A_changed_file_imports_only_the_customers_that_do_not_exist_yet()
    {
        Assert.True((await Imports.ImportAsync(await PreviewAsync(ImportFiles.Csv(ImportFiles.Row("ada@example.com"))), TestDatabase.Agent)).Succeeded);

        var preview = await PreviewAsync(ImportFiles.Csv(ImportFiles.Row("ada@example.com"), ImportFiles.Row("grace@example.com")));
        var outcome = (await Imports.ImportAsync(preview, TestDatabase.Agent)).Value!;

        Assert.Equal([3], outcome.Created.Select(c => c.Line));
        Assert.Equal(["email: is already used by an existing customer"], Assert.Single(outcome.Rejected).Reasons);
        Assert.Equal(2, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    [Fact]
    public async Task An_email_taken_after_the_preview_is_refused_at_import_with_its_reason()
    {
        var preview = await PreviewAsync(ImportFiles.Csv(ImportFiles.Row("ada@example.com"), ImportFiles.Row("grace@example.com")));
        Assert.True((await database.Customers.CreateAsync(Samples.Customer(email: "grace@example.com"), TestDatabase.OtherAgent)).Succeeded);

        var outcome = (await Imports.ImportAsync(preview, TestDatabase.Agent)).Value!;

        Assert.Single(outcome.Created);
        var refused = Assert.Single(outcome.Rejected);
        Assert.Equal(3, refused.Line);
        Assert.StartsWith("email: is already used by customer Ada Lovelace", Assert.Single(refused.Reasons));
    }

    [Fact]
    public async Task Reports_progress_after_each_chunk()
    {
        var preview = await PreviewAsync(ImportFiles.Valid(ImportLimits.ChunkSize + 5));
        var reports = new List<ImportProgress>();

        var outcome = (await Imports.ImportAsync(preview, TestDatabase.Agent, new SynchronousProgress(reports.Add))).Value!;

        Assert.Equal(ImportLimits.ChunkSize + 5, outcome.Created.Count);
        Assert.Equal([0, ImportLimits.ChunkSize, ImportLimits.ChunkSize + 5], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(ImportLimits.ChunkSize + 5, r.Total));
    }

    [Fact]
    public async Task A_stopped_import_may_run_again_and_creates_no_customer_twice()
    {
        var content = ImportFiles.Valid(ImportLimits.ChunkSize + 5);
        var preview = await PreviewAsync(content);
        using var stop = new CancellationTokenSource();

        // Stopped after the first chunk (the page closed, the process stopped).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Imports.ImportAsync(preview, TestDatabase.Agent, new SynchronousProgress(p => { if (p.Done > 0) stop.Cancel(); }), stop.Token));
        await using (var db = await database.DbFactory.CreateDbContextAsync())
            Assert.Equal((CustomerImport.Stopped, ImportLimits.ChunkSize), await StatusAndCreatedAsync(db));

        var again = await PreviewAsync(content);
        Assert.Null(again.AlreadyImported);
        Assert.Equal(5, again.Valid.Count);
        var outcome = (await Imports.ImportAsync(again, TestDatabase.Agent)).Value!;

        Assert.Equal(5, outcome.Created.Count);
        Assert.Equal(ImportLimits.ChunkSize + 5, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
        await using var after = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal((CustomerImport.Completed, ImportLimits.ChunkSize + 5), await StatusAndCreatedAsync(after));
    }

    private static async Task<(string, int)> StatusAndCreatedAsync(BackOffice.Core.Data.BackOfficeDbContext db)
    {
        var import = await db.CustomerImports.AsNoTracking().SingleAsync();
        return (import.Status, import.Created);
    }

    [Fact]
    public async Task Only_agents_and_administrators_may_import()
    {
        var preview = await PreviewAsync(ImportFiles.Csv(ImportFiles.Row("ada@example.com")));

        Assert.Equal(ServiceResultKind.Forbidden, (await Imports.ImportAsync(preview, TestDatabase.Compliance)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await Imports.ImportAsync(preview, TestDatabase.Manager)).Kind);
        Assert.Equal(0, (await database.Customers.CountByStatusAsync())[CustomerStatus.PendingKyc]);
    }

    /// <summary>Progress&lt;T&gt; posts to a thread pool; the tests want each report before the next chunk.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
