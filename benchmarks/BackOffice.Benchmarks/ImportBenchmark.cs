using System.Diagnostics;
using System.Text;
using BackOffice.Core.Identity;
using BackOffice.Core.Import;
using BackOffice.Core.Screening;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// `--import [rows]` (default 100,000): a CSV file of that many valid customers (Bogus names, distinct emails) is
/// previewed and imported into the fresh database by the service the page uses, with the shipped OFAC and UN lists in
/// force, so every customer is screened as in production. Prints the time of each step and rows/s.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(IServiceProvider services, int rows)
    {
        var lists = services.GetRequiredService<SanctionsLists>();
        await lists.LoadAsync();
        foreach (var source in lists.Sources)
        {
            var refreshed = await lists.RefreshAsync(source.Name, actor: null);
            if (!refreshed.Succeeded) throw new InvalidOperationException(refreshed.Message);
        }

        var file = MakeFile(rows);
        Console.WriteLine($"Importing {rows:N0} customers from a {file.Length / 1024.0 / 1024.0:N1} MiB CSV file, screened against the shipped lists ...");
        var imports = services.GetRequiredService<CustomerImportService>();
        var agent = Actor.Create("bench", "Bench Agent", Roles.Agent);

        // Where the preview's time goes: reading the CSV, then the validator alone.
        var parts = Stopwatch.StartNew();
        var read = CustomerCsv.Read(file);
        var readTime = parts.Elapsed;
        var validator = new BackOffice.Core.Customers.NewCustomerValidator();
        var probe = (await imports.PreviewAsync(new MemoryStream(MakeFile(10)), "probe.csv", agent)).Value!;
        parts.Restart();
        foreach (var _ in read.Rows) validator.Validate(probe.Valid[0].Customer);
        Console.WriteLine($"  of which: reading the CSV {readTime.TotalSeconds:N1} s; the validator alone ({read.Rows.Count:N0} times) {parts.Elapsed.TotalSeconds:N1} s");

        // The machine is shared: wall time depends on the neighbours' load, so the process's CPU time is printed too.
        var cpu = Process.GetCurrentProcess();
        var cpuStart = cpu.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var preview = await imports.PreviewAsync(new MemoryStream(file), "bench.csv", agent);
        if (!preview.Succeeded) throw new InvalidOperationException(preview.Message);
        var previewed = watch.Elapsed;
        cpu.Refresh();
        var previewCpu = cpu.TotalProcessorTime - cpuStart;
        var chunks = new List<TimeSpan>();
        var last = watch.Elapsed;
        var imported = await imports.ImportAsync(preview.Value!, agent, new Chunks(() => { chunks.Add(watch.Elapsed - last); last = watch.Elapsed; }));
        if (!imported.Succeeded) throw new InvalidOperationException(imported.Message);
        var total = watch.Elapsed;
        cpu.Refresh();
        var totalCpu = cpu.TotalProcessorTime - cpuStart;
        var outcome = imported.Value!;

        Console.WriteLine($"preview (read, validate every row, emails against the file and the database): {previewed.TotalSeconds:N1} s (CPU {previewCpu.TotalSeconds:N1} s)");
        Console.WriteLine($"import ({outcome.Created.Count:N0} created, {outcome.Rejected.Count:N0} rejected; chunks of {ImportLimits.ChunkSize:N0}, " +
                          $"median chunk {Median(chunks.Skip(1).ToList()):N0} ms): {(total - previewed).TotalSeconds:N1} s (CPU {(totalCpu - previewCpu).TotalSeconds:N1} s)");
        Console.WriteLine($"total {total.TotalSeconds:N1} s = {outcome.Created.Count / total.TotalSeconds:N0} rows/s (CPU {totalCpu.TotalSeconds:N1} s; load average {LoadAverage()})");
    }

    private static byte[] MakeFile(int rows)
    {
        var faker = new Bogus.Faker("en") { Random = new Bogus.Randomizer(42) };
        var text = new StringBuilder("first_name,last_name,email,phone,type,line1,line2,city,state,zip_code,country\r\n");
        for (var i = 0; i < rows; i++)
        {
            var business = i % 10 == 0;
            text.Append($"{faker.Name.FirstName()},{faker.Name.LastName()},customer{i}@example.com,+44 7911 {i % 1_000_000:D6},")
                .Append(business ? "business" : "individual")
                .Append($",{i % 500 + 1} High Street,,London,Greater London,SW1A 1AA,GB\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Median(List<TimeSpan> times) =>
        times.Count == 0 ? 0 : times.Select(t => t.TotalMilliseconds).Order().ElementAt(times.Count / 2);

    /// <summary>Called after each chunk (the first report, before any chunk, is skipped).</summary>
    private sealed class Chunks(Action done) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Done > 0) done();
        }
    }
}
