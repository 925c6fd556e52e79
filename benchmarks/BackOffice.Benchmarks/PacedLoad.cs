using System.Diagnostics;
using System.Globalization;

/// <summary>
/// The paced (open-loop) create load, from this program started again as a client in its own process (as wrk is for
/// the closed loop), so that the client's garbage collections and threads are not the server's. Beside its figures it
/// says what else the machine did meanwhile (the server's and the client's CPU, other processes', the host's steal, the
/// server's GC pauses): a tail latency on a shared machine means little without them.
/// </summary>
static class PacedLoad
{
    public const string ClientArgument = "--paced-client";

    /// <summary>Client and server figures of one paced run.</summary>
    public sealed record Result(CreateLoadBenchmark.LoadResult Load, string Machine);

    public static async Task<Result> RunAsync(string baseUrl, double perSecond, TimeSpan duration)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(PacedLoad).Assembly.Location);
        foreach (var argument in new[] { ClientArgument, baseUrl, perSecond.ToString(CultureInfo.InvariantCulture), duration.TotalSeconds.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);

        using var client = Process.Start(start)!;
        // The client warms up first (its own JIT) and says when its measured run begins.
        string? line;
        while ((line = await client.StandardOutput.ReadLineAsync()) is not null && line != "MEASURING") { }
        var machineBefore = MachineCpu.Read();
        var serverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = Collections();
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var result = await client.StandardOutput.ReadLineAsync();
        var machineAfter = MachineCpu.Read();
        var serverCpu = Process.GetCurrentProcess().TotalProcessorTime - serverBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = Collections().Zip(collectionsBefore, (after, before) => after - before);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        await client.WaitForExitAsync();
        if (client.ExitCode != 0 || result is null || !result.StartsWith("PACED ", StringComparison.Ordinal))
            throw new InvalidOperationException($"The paced client failed: {result}{await client.StandardError.ReadToEndAsync()}");

        // PACED perSecond p50 p99 errors clientCpuMs worst-second-max worst-second
        var f = result.Split(' ');
        double Number(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        var load = new CreateLoadBenchmark.LoadResult(Number(1), Number(2), Number(3), (long)Number(4));
        var machine = machineAfter.Since(machineBefore, serverCpu, TimeSpan.FromMilliseconds(Number(5)));
        var creates = load.PerSecond * duration.TotalSeconds;
        return new Result(load, $"{machine}; server allocated {allocated / creates / 1024:N0} KB per create, GC paused {paused.TotalMilliseconds:N0} ms (collections gen0/1/2: {string.Join("/", collections)}); slowest second: #{f[7]}, its slowest create {Number(6):N0} ms");
    }

    /// <summary>The client side: warm up for 5 s, then the measured run, one result line.</summary>
    public static async Task ClientAsync(string[] args)
    {
        var at = Array.IndexOf(args, ClientArgument);
        var baseUrl = args[at + 1];
        var perSecond = double.Parse(args[at + 2], CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(args[at + 3], CultureInfo.InvariantCulture));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchmarkApp.ApiKeySecret);

        var run = Guid.NewGuid().ToString("N")[..8];
        await CreateLoadBenchmark.PostPacedAsync(http, $"paced-warm-{run}", perSecond, TimeSpan.FromSeconds(5));
        Console.WriteLine("MEASURING");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (load, slowestSecond, slowestInIt) = await CreateLoadBenchmark.PostPacedAsync(http, $"paced-{run}", perSecond, duration);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PACED {load.PerSecond} {load.P50} {load.P99} {load.Errors} {cpu.TotalMilliseconds} {slowestInIt} {slowestSecond}"));
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    /// <summary>The machine's CPU time from /proc/stat (Linux), in clock ticks of 10 ms.</summary>
    private sealed record MachineCpu(long Busy, long Steal, long All)
    {
        public static MachineCpu Read()
        {
            if (!File.Exists("/proc/stat")) return new MachineCpu(0, 0, 0);
            // cpu user nice system idle iowait irq softirq steal ...
            var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
            var idle = ticks[3] + ticks[4];
            var steal = ticks[7];
            var all = ticks.Sum();
            return new MachineCpu(all - idle - steal, steal, all);
        }

        public string Since(MachineCpu before, TimeSpan server, TimeSpan client)
        {
            var all = All - before.All;
            if (all <= 0) return "machine CPU unknown (no /proc/stat)";
            var allMs = all * 10.0;
            var others = Math.Max(0, (Busy - before.Busy) * 10.0 - server.TotalMilliseconds - client.TotalMilliseconds);
            return $"CPU of the machine's {Environment.ProcessorCount} cores: server {server.TotalMilliseconds / allMs:P0}, client {client.TotalMilliseconds / allMs:P0}, "
                 + $"other processes {others / allMs:P0}, taken by the host (steal) {(Steal - before.Steal) * 10.0 / allMs:P0}";
        }
    }
}
