using System.Diagnostics;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Data;
using BackOffice.Core.Exports;
using BackOffice.Core.Identity;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Loads N customers (default 1,000,000) into a fresh SQLite file through a bulk insert, then times the
// queries behind the customer list, the counts and a create, each repeated, and prints the figures.
var rows = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var folder = Path.Combine(Path.GetTempPath(), "backoffice-bench", Guid.NewGuid().ToString("N"));
var file = Path.Combine(folder, "bench.db");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:BackOffice"] = $"Data Source={file}" }).Build();
var services = new ServiceCollection()
    .AddBackOfficeDatabase(configuration, folder)
    .AddSingleton(TimeProvider.System)
    .AddSingleton<IValidator<NewCustomer>, NewCustomerValidator>()
    .AddSingleton<ICustomerChanges, InProcessCustomerChanges>()
    .AddTransient<CustomerService>()
    .AddTransient<CustomerExportService>()
    .AddTransient<OnboardingDashboardService>()
    .Configure<DashboardOptions>(_ => { })
    .BuildServiceProvider();
await DatabaseSetup.MigrateAsync(services);

Console.WriteLine($"Loading {rows:N0} customers into {file} ...");
var load = Stopwatch.StartNew();
await BulkLoadAsync(file, rows);
await using (var db = await services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync())
    await DailyCounts.RecountAsync(db);
Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:N1} s; file size {new FileInfo(file).Length / 1024 / 1024:N0} MiB");

var customers = services.GetRequiredService<CustomerService>();
var middle = (await customers.ListAsync(new CustomerListQuery { Search = "lee" })).Value!.Items.FirstOrDefault()?.Id;
var agent = Actor.Create("bench", "Bench Agent", Roles.Agent);
var n = 0;

Console.WriteLine();
Console.WriteLine($"{"operation",-52} {"median ms",10} {"p95 ms",10}");
await Measure("counts by status (home, filter chips)", () => customers.CountByStatusAsync());
await Measure("first page, all, 25 newest", () => customers.ListAsync(new CustomerListQuery { PageSize = 25 }));
await Measure("first page, pending_kyc, 100 newest", () => customers.ListAsync(new CustomerListQuery { Status = CustomerStatus.PendingKyc, PageSize = 100 }));
if (middle is { } cursor)
    await Measure("deep page: 25 after a cursor mid-table", () => customers.ListAsync(new CustomerListQuery { PageSize = 25, StartingAfter = cursor }));
await Measure("search 'lee' (name/email prefix), first page", () => customers.ListAsync(new CustomerListQuery { Search = "lee" }));
await Measure("search 'customer12345@' (email prefix)", () => customers.ListAsync(new CustomerListQuery { Search = "customer12345@" }));
await Measure("search 'm' (broadest one-letter prefix)", () => customers.ListAsync(new CustomerListQuery { Search = "m" }), repeat: 5);
await Measure("create a customer (validate, check email, insert, audit, count)", () =>
    customers.CreateAsync(new NewCustomer
    {
        FirstName = "Bench", LastName = "Mark", Email = $"bench{Interlocked.Increment(ref n)}@example.com", Phone = "+44 7911 123456", Type = "individual",
        BillingAddress = new NewBillingAddress { Line1 = "1 Main St", City = "London", State = "London", ZipCode = "SW1A 1AA", Country = "GB" },
    }, agent));

var manager = Actor.Create("bench-manager", "Bench Manager", Roles.Manager);
var dashboards = services.GetRequiredService<OnboardingDashboardService>();
await Measure("dashboard: every figure (counts, 30 days, decision times, queue)", () => dashboards.GetAsync(manager));
var sample = (await dashboards.GetAsync(manager)).Value!;
Console.WriteLine($"  (window: {sample.DecisionTimes.Count:N0} KYC decisions, {sample.Pending.Total:N0} pending, {sample.Days.Sum(d => d.Individuals + d.Businesses):N0} new customers)");

// The export: every customer, streamed to a sink that only counts bytes; the managed heap is sampled after each batch.
Console.WriteLine();
var exporter = services.GetRequiredService<CustomerExportService>();
var sink = new CountingStream();
GC.Collect();
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
long heapPeak = 0;
var exportWatch = Stopwatch.StartNew();
var exported = await exporter.ExportCsvAsync(new CustomerListQuery(), sink, manager, written => heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false)));
Console.WriteLine($"export all {exported.Value:N0} customers as CSV: {exportWatch.Elapsed.TotalSeconds:N1} s, {sink.Length / 1024 / 1024:N0} MiB written, " +
                  $"managed heap {heapBefore / 1024 / 1024:N0} MiB before, at most {heapPeak / 1024 / 1024:N0} MiB during");

await services.DisposeAsync();
SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

static async Task Measure<T>(string name, Func<Task<T>> operation, int repeat = 30)
{
    await operation(); // warm-up
    var times = new List<double>();
    for (var i = 0; i < repeat; i++)
    {
        var watch = Stopwatch.StartNew();
        await operation();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{name,-52} {times[times.Count / 2],10:N2} {times[(int)Math.Ceiling(times.Count * 0.95) - 1],10:N2}");
}

// Straight SQL for speed: the shape of what CustomerService writes, with realistic spread of names, statuses and times.
static async Task BulkLoadAsync(string file, int rows)
{
    string[] first = ["Ada", "Grace", "Alan", "Lee", "Maria", "Mohammed", "Wei", "Olu", "Zoë", "Jan", "Priya", "Kenji", "Lucas", "Emma", "Noah", "Chloé"];
    string[] last = ["Lovelace", "Hopper", "Turing", "Lee", "Garcia", "Khan", "Zhang", "Adeyemi", "Müller", "Jansen", "Sharma", "Sato", "Silva", "Martin", "Smith", "Dubois"];
    await using var connection = new SqliteConnection($"Data Source={file}");
    await connection.OpenAsync();
    await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
    var command = connection.CreateCommand();
    command.CommandText = """
        INSERT INTO customers (Id, FirstName, LastName, FirstNameKey, LastNameKey, Email, Phone, Type, Status, CreatedAt, CreatedById, CreatedByName, Version,
                               billing_line1, billing_line2, billing_city, billing_state, billing_zip_code, billing_country)
        VALUES ($id, $fn, $ln, $fk, $lk, $email, '+447911123456', $type, $status, $at, 'seed', 'Seed', 0, '1 Main St', NULL, 'London', 'London', 'SW1A 1AA', 'GB')
        """;
    string[] names = ["$id", "$fn", "$ln", "$fk", "$lk", "$email", "$type", "$status", "$at"];
    var parameters = names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
    var random = new Random(42);
    var start = DateTime.UtcNow.AddDays(-3 * 365);
    var step = TimeSpan.FromDays(3 * 365).Ticks / rows;
    for (var i = 0; i < rows; i++)
    {
        var at = Timestamps.ToStoredPrecision(new DateTime(start.Ticks + step * i + random.Next(0, 1000) * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc));
        var fn = first[random.Next(first.Length)];
        var ln = last[random.Next(last.Length)];
        parameters[0].Value = Guid.CreateVersion7(at).ToString().ToUpperInvariant();
        parameters[1].Value = fn;
        parameters[2].Value = ln;
        parameters[3].Value = ContactRules.SearchKey(fn);
        parameters[4].Value = ContactRules.SearchKey(ln);
        parameters[5].Value = $"customer{i}@example.com";
        parameters[6].Value = random.Next(5) == 0 ? 1 : 0;
        parameters[7].Value = random.Next(100) switch { < 10 => 0, < 85 => 1, < 95 => 2, _ => 3 };
        parameters[8].Value = at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
        await command.ExecuteNonQueryAsync();
    }
    var recount = connection.CreateCommand();
    recount.CommandText = "UPDATE customer_status_counts SET Count = (SELECT COUNT(*) FROM customers WHERE customers.Status = customer_status_counts.Status);";
    await recount.ExecuteNonQueryAsync();

    // KYC decisions for the customers of the last 60 days who are no longer pending: 10 min to 4 days after creation,
    // by one of five reviewers. The daily counts are recounted after the load.
    var decisions = connection.CreateCommand();
    decisions.CommandText = """
        INSERT INTO customer_audit (CustomerId, Action, FromStatus, ToStatus, ActorId, ActorName, At, Reason, Detail)
        SELECT Id, CASE Status WHEN 2 THEN 'kyc_rejected' ELSE 'kyc_approved' END, 0, CASE Status WHEN 2 THEN 2 ELSE 1 END,
               'reviewer-' || (abs(random()) % 5), 'Reviewer ' || (abs(random()) % 5),
               strftime('%Y-%m-%d %H:%M:%f', CreatedAt, '+' || (600 + abs(random()) % 345000) || ' seconds'), NULL, NULL
        FROM customers WHERE Status <> 0 AND CreatedAt >= strftime('%Y-%m-%d %H:%M:%f', 'now', '-60 days');
        """;
    await decisions.ExecuteNonQueryAsync();
    await tx.CommitAsync();
    var analyze = connection.CreateCommand();
    analyze.CommandText = "ANALYZE;";
    await analyze.ExecuteNonQueryAsync();
}

/// <summary>A write-only stream that only counts what is written: the export's output without the disk.</summary>
sealed class CountingStream : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }
    private long length;
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        length += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
