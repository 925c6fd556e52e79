using System.Diagnostics;
using BackOffice.Core.Screening;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// `--screening`: parses the real OFAC and UN lists, then prints the time of one screening (p50/p95), recall and the
/// false-positive rate; with a customer count, also re-screens that many customers in the database (see RescreenAsync).
/// </summary>
internal static class ScreeningBenchmark
{
    public static string FindListsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "data", "sanctions");
            if (File.Exists(Path.Combine(dir.FullName, "BackOffice.sln")) && Directory.Exists(folder)) return folder;
        }
        throw new DirectoryNotFoundException("data/sanctions at the repository root");
    }

    /// <summary>Screening:Sources for the shipped lists.</summary>
    public static Dictionary<string, string?> Sources()
    {
        var folder = FindListsFolder();
        return new()
        {
            ["Screening:Sources:0:Name"] = "OFAC SDN",
            ["Screening:Sources:0:Format"] = nameof(SanctionsListFormat.OfacSdnCsv),
            ["Screening:Sources:0:Url"] = Path.Combine(folder, "ofac-sdn-2022-01-31.csv"),
            ["Screening:Sources:1:Name"] = "UN",
            ["Screening:Sources:1:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
            ["Screening:Sources:1:Url"] = Path.Combine(folder, "un-consolidated-2018-10-29.xml"),
        };
    }

    /// <summary>
    /// Puts both lists in force (as a list change does), then times the re-screening of every customer in the database
    /// by the same job runner the app uses: batches matched on every core, one UPDATE for the clear, an audit row each.
    /// </summary>
    public static async Task RescreenAsync(IServiceProvider services)
    {
        var lists = services.GetRequiredService<SanctionsLists>();
        await lists.LoadAsync();
        foreach (var source in lists.Sources)
        {
            var result = await lists.RefreshAsync(source.Name, actor: null);
            if (!result.Succeeded) throw new InvalidOperationException(result.Message);
        }
        var runner = services.GetRequiredService<ScreeningJobRunner>();
        var watch = Stopwatch.StartNew();
        await runner.RunNextAsync(CancellationToken.None);
        var elapsed = watch.Elapsed;
        var job = (await services.GetRequiredService<ScreeningJobs>().LatestAsync())!;
        Console.WriteLine($"re-screening after a list change: {job.Done:N0} customers in {elapsed.TotalSeconds:N1} s = {job.Done / elapsed.TotalSeconds:N0} customers/s " +
                          $"({job.PotentialMatches:N0} potential matches; one audit row per customer)");
    }

    public static (SanctionsListContent Ofac, SanctionsListContent Un) LoadLists(string folder)
    {
        var ofac = OfacSdnParser.Parse("OFAC SDN", new SanctionsListFiles(new Dictionary<string, byte[]>
        {
            [SanctionsListFiles.OfacSdn] = File.ReadAllBytes(Path.Combine(folder, "ofac-sdn-2022-01-31.csv")),
            [SanctionsListFiles.OfacAlt] = File.ReadAllBytes(Path.Combine(folder, "ofac-alt-2022-01-31.csv")),
            [SanctionsListFiles.OfacAdd] = File.ReadAllBytes(Path.Combine(folder, "ofac-add-2022-01-31.csv")),
        }, null));
        var un = UnConsolidatedParser.Parse("UN", new SanctionsListFiles(new Dictionary<string, byte[]>
        {
            [SanctionsListFiles.UnXml] = File.ReadAllBytes(Path.Combine(folder, "un-consolidated-2018-10-29.xml")),
        }, null));
        return (ofac, un);
    }

    public static void RunMatching(int threshold)
    {
        var watch = Stopwatch.StartNew();
        var (ofac, un) = LoadLists(FindListsFolder());
        var parsed = watch.Elapsed;
        var index = new ScreeningIndex([ofac, un]);
        Console.WriteLine($"Parsed OFAC ({ofac.Entries.Count:N0} entries) and UN ({un.Entries.Count:N0}) in {parsed.TotalMilliseconds:N0} ms; " +
                          $"index of {index.NameCount:N0} names built in {(watch.Elapsed - parsed).TotalMilliseconds:N0} ms");

        var names = ScreeningEvaluation.GeneratedNames(2_000, 7).Concat(ofac.Entries.Where(e => e.Kind == ListEntryKind.Individual).Take(500).Select(e => e.PrimaryName)).ToArray();
        foreach (var name in names.Take(300)) index.Match(name, true, "US", threshold); // warm-up
        var times = new double[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            index.Match(names[i], individual: i % 5 != 0, "US", threshold);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"one screening (2,500 names, everyday and listed): median {times[times.Length / 2]:N3} ms, p95 {times[(int)(times.Length * 0.95)]:N3} ms, max {times[^1]:N3} ms");

        var recall = ScreeningEvaluation.MeasureRecall(index, ofac, threshold);
        Console.WriteLine($"recall: {recall.Found:N0} of {recall.Names:N0} OFAC individuals written 'First Last' (lower, upper, accented) = {recall.Rate:P2}");
        foreach (var missed in recall.Missed.Take(10)) Console.WriteLine($"  missed: {missed}");
        var fp = ScreeningEvaluation.MeasureFalsePositives(index, threshold);
        Console.WriteLine($"false positives: {fp.Flagged:N0} of {fp.Names:N0} generated names ({string.Join(", ", ScreeningEvaluation.Locales)}) = {fp.Rate:P2}");
        foreach (var example in fp.Examples.Take(30)) Console.WriteLine($"  {example}");
        foreach (var lower in new[] { threshold - 3, threshold - 6, threshold - 10 })
            Console.WriteLine($"  (at threshold {lower}: {ScreeningEvaluation.MeasureFalsePositives(index, lower).Rate:P2} of generated names flagged)");
        foreach (var probe in Environment.GetEnvironmentVariable("SCREENING_PROBE")?.Split('|') ?? [])
            foreach (var c in index.Match(probe, true, null, 50).Take(3)) Console.WriteLine($"  probe {probe}: {c.MatchedName} {c.Score}{(c.WeakAlias ? " weak" : "")}");
    }
}
