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
using Npgsql;
using NpgsqlTypes;

// Loads N customers (default 1,000,000) into a fresh database through a bulk insert, then times the queries behind
// the customer list, the counts, a create, the dashboard and the CSV export, each repeated, and prints the figures.
// SQLite by default (a temp file); `--postgres "Host=...;Username=..."` uses a fresh database on that server instead.
// Either is deleted at the end unless `--keep` is given (to look at query plans).
// `--screening` prints the sanctions screening figures (one screening's time, recall, false positives); with a count
// (`--screening 1000000`) it then loads that many customers and times re-screening all of them after a list change.
// `--creates [seconds]` prints creates per second through the API beside raw SQLite's one-row-per-commit rate.
// `--goals` runs --creates, the million-customer run and --circuits, then prints every goal of issue 15 in one table.
if (args.Contains(PacedLoad.ClientArgument))
{
    await PacedLoad.ClientAsync(args); // started by --creates, as the paced load's own process
    return;
}
if (args.Contains("--goals"))
{
    await Goals.RunAsync();
    return;
}
if (args.Contains("--creates"))
{
    var duration = args.SkipWhile(a => a != "--creates").Skip(1).FirstOrDefault() is { } s && int.TryParse(s, out var seconds) ? seconds : 15;
    var createsFolder = Path.Combine(Path.GetTempPath(), "backoffice-bench", Guid.NewGuid().ToString("N"));
    try { await CreateLoadBenchmark.RunAsync(createsFolder, TimeSpan.FromSeconds(duration), connections: 32); }
    finally { Directory.Delete(createsFolder, recursive: true); }
    return;
}
// `--serve [seconds]` starts the app as --creates does (lists in force, the benchmark key) and prints its address, for a
// profiler or a load generator of one's own (`perf record -p PID` with DOTNET_PerfMapEnabled=1, then wrk).
if (args.Contains("--serve"))
{
    var serveFor = args.SkipWhile(a => a != "--serve").Skip(1).FirstOrDefault() is { } v && int.TryParse(v, out var serveSeconds) ? serveSeconds : 600;
    var serveFolder = Path.Combine(Path.GetTempPath(), "backoffice-bench", Guid.NewGuid().ToString("N"));
    try
    {
        await using var served = new BenchmarkApp(serveFolder);
        served.Start();
        Console.WriteLine($"SERVING {served.BaseUrl} key {BenchmarkApp.ApiKeySecret} pid {Environment.ProcessId}");
        await Task.Delay(TimeSpan.FromSeconds(serveFor));
    }
    finally { Directory.Delete(serveFolder, recursive: true); }
    return;
}
// `--circuits [n]` prints the server memory of n (default 50) idle signed-in circuits on the customer list.
if (args.Contains("--circuits"))
{
    var circuits = args.SkipWhile(a => a != "--circuits").Skip(1).FirstOrDefault() is { } c && int.TryParse(c, out var given) ? given : 50;
    var circuitsFolder = Path.Combine(Path.GetTempPath(), "backoffice-bench", Guid.NewGuid().ToString("N"));
    var page = args.SkipWhile(a => a != "--page").Skip(1).FirstOrDefault() ?? "/customers";
    try { await CircuitMemoryBenchmark.RunAsync(circuitsFolder, circuits, page); }
    finally { Directory.Delete(circuitsFolder, recursive: true); }
    return;
}
// `--import [rows]` (default 100,000) previews and imports a CSV file of that many customers (ImportBenchmark).
var screening = args.Contains("--screening");
var importing = args.Contains("--import");
if (screening)
{
    var threshold = args.SkipWhile(a => a != "--threshold").Skip(1).FirstOrDefault() is { } t ? int.Parse(t) : BackOffice.Core.Screening.ScreeningOptions.DefaultThreshold;
    ScreeningBenchmark.RunMatching(threshold);
    if (!args.Any(a => int.TryParse(a, out _))) return;
}
var rows = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } count ? int.Parse(count) : 1_000_000;
var postgresServer = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
var folder = Path.Combine(Path.GetTempPath(), "backoffice-bench", Guid.NewGuid().ToString("N"));
var file = Path.Combine(folder, "bench.db");
var postgres = postgresServer is null ? null
    : new NpgsqlConnectionStringBuilder(postgresServer) { Database = $"backoffice_bench_{Guid.NewGuid():N}" }.ConnectionString;
var configuration = new ConfigurationBuilder().AddInMemoryCollection(postgres is null
    ? new Dictionary<string, string?> { ["ConnectionStrings:BackOffice"] = $"Data Source={file}" }
    : new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:BackOffice"] = postgres })
    .AddInMemoryCollection(screening || (importing && !args.Contains("--no-lists")) ? ScreeningBenchmark.Sources() : []).Build();
var services = new ServiceCollection()
    .AddBackOfficeCore(configuration, folder)
    .BuildServiceProvider();
await DatabaseSetup.MigrateAsync(services);

if (importing)
{
    await ImportBenchmark.RunAsync(services, args.FirstOrDefault(a => int.TryParse(a, out _)) is { } importRows ? int.Parse(importRows) : 100_000);
    await CleanUpAsync();
    return;
}

// `--documents`: only the upload of 10 MiB documents, with the memory it takes (the issue's "well under 2x the file").
if (args.Contains("--documents"))
{
    await MeasureDocumentUploadsAsync(services);
    return;
}

Console.WriteLine($"Loading {rows:N0} customers into {(postgres is null ? file : "PostgreSQL " + new NpgsqlConnectionStringBuilder(postgres).Database)} ...");
var load = Stopwatch.StartNew();
if (postgres is null) await BulkLoadAsync(file, rows);
else await BulkLoadPostgresAsync(postgres, rows);
await using (var db = await services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync())
    await DailyCounts.RecountAsync(db);
Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:N1} s; database size {await DatabaseSizeAsync() / 1024 / 1024:N0} MiB");
if (screening)
{
    await ScreeningBenchmark.RescreenAsync(services);
    await CleanUpAsync();
    return;
}

var customers = services.GetRequiredService<CustomerService>();
// A customer from the middle of the table (created ~18 months ago), for the deep-page cursor.
var middle = (await customers.ListAsync(new CustomerListQuery { CreatedBefore = DateTime.UtcNow.AddDays(-548), PageSize = 1 })).Value!.Items.FirstOrDefault()?.Id;
var agent = Actor.Create("bench", "Bench Agent", Roles.Agent);
var n = 0;

Console.WriteLine();
Console.WriteLine($"{"operation",-52} {"median ms",10} {"p95 ms",10}");
await Measure("counts by status (home, filter chips)", () => customers.CountByStatusAsync());
await Measure("first page, all, 25 newest", () => customers.ListAsync(new CustomerListQuery { PageSize = 25 }));
await Measure("first page, pending_kyc, 100 newest", () => customers.ListAsync(new CustomerListQuery { Status = CustomerStatus.PendingKyc, PageSize = 100 }));
if (middle is { } cursor)
    await Measure("deep page: 25 after a cursor mid-table", () => customers.ListAsync(new CustomerListQuery { PageSize = 25, StartingAfter = cursor }));
var lee = await Measure("search 'lee' (name/email prefix), first page", () => customers.ListAsync(new CustomerListQuery { Search = "lee" }));
await Measure("search 'customer12345@' (email prefix)", () => customers.ListAsync(new CustomerListQuery { Search = "customer12345@" }));
var m = await Measure("search 'm' (broadest one-letter prefix)", () => customers.ListAsync(new CustomerListQuery { Search = "m" }));
// Prefixes whose matches are many and all old: the synthetic emails are numbered in time order, so the 11,111 matches
// of customer12 (customer12, customer120–129, … customer120000–129999) lie 87% of the table back from the newest, and
// the 111,111 of customer1 are the oldest 20%. Walking the newest rows finds none of them; sorting them all is slow.
var worst = await Measure("search 'customer12' (11,111 old matches)", () => customers.ListAsync(new CustomerListQuery { Search = "customer12" }), repeat: 5);
var worstOfAll = await Measure("search 'customer1' (111,111 old matches)", () => customers.ListAsync(new CustomerListQuery { Search = "customer1" }), repeat: 5);
var secondPage = (await customers.ListAsync(new CustomerListQuery { Search = "customer1", StartingAfter = (await customers.ListAsync(new CustomerListQuery { Search = "customer1" })).Value!.Items[^1].Id })).Value!;
await Measure("search 'customer1', back to its first page", () => customers.ListAsync(new CustomerListQuery { Search = "customer1", EndingBefore = secondPage.Items[0].Id }));
await Measure("count for an export: search 'm'", () => customers.CountAsync(new CustomerListQuery { Search = "m" }));
await Measure("create a customer (validate, check email, insert, audit, count)", () =>
    customers.CreateAsync(new NewCustomer
    {
        FirstName = "Bench", LastName = "Mark", Email = $"bench{Interlocked.Increment(ref n)}@example.com", Phone = "+44 7911 123456", Type = CustomerType.Individual,
        BillingAddress = new NewBillingAddress { Line1 = "1 Main St", City = "London", State = "London", ZipCode = "SW1A 1AA", Country = "GB" },
    }, agent));

var manager = Actor.Create("bench-manager", "Bench Manager", Roles.Manager);
var dashboards = services.GetRequiredService<OnboardingDashboardService>();
var firstRead = Stopwatch.StartNew();
await dashboards.GetAsync(manager); // reads the window's ended days, which later reads keep (DecisionsOfPastDays)
Console.WriteLine($"{"dashboard: first read after start (all 30 days)",-52} {firstRead.Elapsed.TotalMilliseconds,10:N2}");
var dashboard = await Measure("dashboard: every figure (counts, 30 days, decision times, queue)", () => dashboards.GetAsync(manager));
var sample = (await dashboards.GetAsync(manager)).Value!;
Console.WriteLine($"  (window: {sample.DecisionTimes.Count:N0} KYC decisions, {sample.Pending.Total:N0} pending, {sample.Days.Sum(d => d.Individuals + d.Businesses):N0} new customers)");

var engine = postgres is null ? "SQLite" : "PostgreSQL";
Goals.Report($"search 'm' at {rows:N0}, {engine}, p95", Goals.Ms(m), "≤ 20 ms", "331 ms (SQLite)", m <= 20);
Goals.Report($"search 'lee' at {rows:N0}, {engine}, p95", Goals.Ms(lee), "≤ 20 ms", "177 ms (SQLite)", lee <= 20);
Goals.Report($"search 'customer12' (old matches), {engine}, p95", Goals.Ms(worst), "≤ 20 ms", "-", worst <= 20);
Goals.Report($"search 'customer1' (old matches), {engine}, p95", Goals.Ms(worstOfAll), "≤ 20 ms", "-", worstOfAll <= 20);
Goals.Report($"dashboard at {rows:N0}, {engine}, p95", Goals.Ms(dashboard), "≤ 100 ms", "158 ms (SQLite)", dashboard <= 100);

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

await CleanUpAsync();

// Deletes the SQLite file, or drops the PostgreSQL database, unless --keep.
async Task CleanUpAsync()
{
    await services.DisposeAsync();
    SqliteConnection.ClearAllPools();
    if (postgres is null && args.Contains("--keep")) Console.WriteLine($"Kept {file} (--keep).");
    else if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    if (postgres is not null && args.Contains("--keep")) Console.WriteLine($"Kept {new NpgsqlConnectionStringBuilder(postgres).Database} (--keep).");
    else if (postgres is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var maintenance = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres" }.ConnectionString);
        await maintenance.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(postgres).Database}\"", maintenance);
        await drop.ExecuteNonQueryAsync();
    }
}

async Task<long> DatabaseSizeAsync()
{
    if (postgres is null) return new FileInfo(file).Length;
    await using var connection = new NpgsqlConnection(postgres);
    await connection.OpenAsync();
    await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
    return (long)(await size.ExecuteScalarAsync())!;
}

static async Task MeasureDocumentUploadsAsync(IServiceProvider services)
{
    const int size = 10 * 1024 * 1024;
    var agent = Actor.Create("bench", "Bench Agent", Roles.Agent);
    var customers = services.GetRequiredService<CustomerService>();
    var documents = services.GetRequiredService<BackOffice.Core.Documents.DocumentService>();
    var customer = (await customers.CreateAsync(new NewCustomer
    {
        FirstName = "Bench", LastName = "Mark", Email = "bench.documents@example.com", Phone = "+44 7911 123456", Type = CustomerType.Individual,
        BillingAddress = new NewBillingAddress { Line1 = "1 Main St", City = "London", State = "London", ZipCode = "SW1A 1AA", Country = "GB" },
    }, agent)).Value!;
    Console.WriteLine($"Uploading 10 MiB documents ({size:N0} bytes each) into {(services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContext().Database.IsNpgsql() ? "PostgreSQL" : "SQLite")}, stored in the database:");
    Console.WriteLine($"{"upload",-8} {"ms",8} {"allocated MiB",14} {"peak heap growth MiB",21}");
    for (var i = 0; i < 6; i++)
    {
        var bytes = new byte[size];
        new Random(i).NextBytes(bytes);
        "%PDF-1.4\n"u8.CopyTo(bytes);
        using var source = new MemoryStream(bytes); // the request body; not counted below (allocated before the measure)
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(1);
            }
        });
        var watch = Stopwatch.StartNew();
        var result = await documents.UploadAsync(customer.Id, new BackOffice.Core.Documents.NewDocument { Kind = BackOffice.Core.Documents.DocumentKind.Other, FileName = $"big-{i}.pdf" }, source, agent);
        watch.Stop();
        sampling.Cancel();
        await sampler;
        if (!result.Succeeded) throw new InvalidOperationException(result.Message);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        // The first run warms up EF Core and the storage; it is shown but is not the steady state.
        Console.WriteLine($"{(i == 0 ? "1 (warm)" : (i + 1).ToString()),-8} {watch.Elapsed.TotalMilliseconds,8:N0} {allocated / 1024.0 / 1024.0,14:N2} {(peak - baseline) / 1024.0 / 1024.0,21:N2}");
    }
}

/// <summary>Times the operation, prints its median and p95, and returns the p95 (ms).</summary>
static async Task<double> Measure<T>(string name, Func<Task<T>> operation, int repeat = 30)
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
    var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
    Console.WriteLine($"{name,-52} {times[times.Count / 2],10:N2} {p95,10:N2}");
    return p95;
}

// The synthetic customers, the same for both engines: a realistic spread of names, statuses and times over three years.
static IEnumerable<BenchCustomer> SyntheticCustomers(int rows)
{
    string[] first = ["Ada", "Grace", "Alan", "Lee", "Maria", "Mohammed", "Wei", "Olu", "Zoë", "Jan", "Priya", "Kenji", "Lucas", "Emma", "Noah", "Chloé"];
    string[] last = ["Lovelace", "Hopper", "Turing", "Lee", "Garcia", "Khan", "Zhang", "Adeyemi", "Müller", "Jansen", "Sharma", "Sato", "Silva", "Martin", "Smith", "Dubois"];
    var random = new Random(42);
    var start = DateTime.UtcNow.AddDays(-3 * 365);
    var step = TimeSpan.FromDays(3 * 365).Ticks / rows;
    for (var i = 0; i < rows; i++)
    {
        var at = Timestamps.ToStoredPrecision(new DateTime(start.Ticks + step * i + random.Next(0, 1000) * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc));
        var fn = first[random.Next(first.Length)];
        var ln = last[random.Next(last.Length)];
        yield return new BenchCustomer(Guid.CreateVersion7(at), fn, ln, ContactRules.SearchKey(fn), ContactRules.SearchKey(ln), $"customer{i}@example.com",
            Type: random.Next(5) == 0 ? 1 : 0, Status: random.Next(100) switch { < 10 => 0, < 85 => 1, < 95 => 2, _ => 3 }, at);
    }
}

// Straight SQL for speed: the shape of what CustomerService writes.
static async Task BulkLoadAsync(string file, int rows)
{
    await using var connection = new SqliteConnection($"Data Source={file}");
    await connection.OpenAsync();
    await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
    var command = connection.CreateCommand();
    command.CommandText = """
        INSERT INTO customers (Id, FirstName, LastName, FirstNameKey, LastNameKey, Email, Phone, Type, Status, CreatedAt, UpdatedAt, CreatedById, CreatedByName, Version,
                               billing_line1, billing_line2, billing_city, billing_state, billing_zip_code, billing_country)
        VALUES ($id, $fn, $ln, $fk, $lk, $email, '+447911123456', $type, $status, $at, $at, 'seed', 'Seed', 0, '1 Main St', NULL, 'London', 'London', 'SW1A 1AA', 'GB')
        """;
    string[] names = ["$id", "$fn", "$ln", "$fk", "$lk", "$email", "$type", "$status", "$at"];
    var parameters = names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
    foreach (var customer in SyntheticCustomers(rows))
    {
        parameters[0].Value = customer.Id.ToString().ToUpperInvariant();
        parameters[1].Value = customer.FirstName;
        parameters[2].Value = customer.LastName;
        parameters[3].Value = customer.FirstNameKey;
        parameters[4].Value = customer.LastNameKey;
        parameters[5].Value = customer.Email;
        parameters[6].Value = customer.Type;
        parameters[7].Value = customer.Status;
        parameters[8].Value = customer.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
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

// The same load for PostgreSQL, through binary COPY.
static async Task BulkLoadPostgresAsync(string connectionString, int rows)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using (var copy = await connection.BeginBinaryImportAsync("""
        COPY customers ("Id", "FirstName", "LastName", "FirstNameKey", "LastNameKey", "Email", "Phone", "Type", "Status", "CreatedAt", "UpdatedAt",
                        "CreatedById", "CreatedByName", "Version", billing_line1, billing_city, billing_state, billing_zip_code, billing_country)
        FROM STDIN (FORMAT BINARY)
        """))
    {
        foreach (var customer in SyntheticCustomers(rows))
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(customer.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(customer.FirstName);
            await copy.WriteAsync(customer.LastName);
            await copy.WriteAsync(customer.FirstNameKey);
            await copy.WriteAsync(customer.LastNameKey);
            await copy.WriteAsync(customer.Email);
            await copy.WriteAsync("+447911123456");
            await copy.WriteAsync(customer.Type, NpgsqlDbType.Integer);
            await copy.WriteAsync(customer.Status, NpgsqlDbType.Integer);
            await copy.WriteAsync(customer.CreatedAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(customer.CreatedAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("seed");
            await copy.WriteAsync("Seed");
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            foreach (var value in new[] { "1 Main St", "London", "London", "SW1A 1AA", "GB" }) await copy.WriteAsync(value);
        }
        await copy.CompleteAsync();
    }
    await using var rest = new NpgsqlCommand("""
        UPDATE customer_status_counts SET "Count" = (SELECT COUNT(*) FROM customers WHERE customers."Status" = customer_status_counts."Status");
        INSERT INTO customer_audit ("CustomerId", "Action", "FromStatus", "ToStatus", "ActorId", "ActorName", "At", "Reason", "Detail")
        SELECT "Id", CASE "Status" WHEN 2 THEN 'kyc_rejected' ELSE 'kyc_approved' END, 0, CASE "Status" WHEN 2 THEN 2 ELSE 1 END,
               'reviewer-' || floor(random() * 5)::int, 'Reviewer ' || floor(random() * 5)::int,
               "CreatedAt" + make_interval(secs => 600 + floor(random() * 345000)), NULL, NULL
        FROM customers WHERE "Status" <> 0 AND "CreatedAt" >= now() - interval '60 days';
        ANALYZE;
        """, connection);
    rest.CommandTimeout = 600;
    await rest.ExecuteNonQueryAsync();
}

sealed record BenchCustomer(Guid Id, string FirstName, string LastName, string FirstNameKey, string LastNameKey, string Email, int Type, int Status, DateTime CreatedAt);

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
