using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// The closed-loop create load from Debian's wrk (<c>apt-get install wrk</c>), in its own process, so that the load
/// generator does not share the server's thread pool and garbage collector. Each request carries a unique email (a
/// thread number, a counter and a run id). Returns null when wrk is not installed.
/// </summary>
static partial class WrkLoad
{
    public static async Task<CreateLoadBenchmark.LoadResult?> RunAsync(string baseUrl, string apiKey, string folder, TimeSpan duration, int connections)
    {
        var script = Path.Combine(folder, "creates.lua");
        var body = CreateLoadBenchmark.CustomerJson("EMAIL", "FIRST", "LAST").Trim().Replace("\"", "\\\"");
        static string LuaList(string[] names) => "{" + string.Join(", ", names.Select(n => $"\"{n}\"")) + "}";
        await File.WriteAllTextAsync(script, $$"""
            local threads = 0
            function setup(thread) thread:set("thread_number", threads); threads = threads + 1 end
            local counter = 0
            local body = "{{body}}"
            local first_names = {{LuaList(CreateLoadBenchmark.FirstNames)}}
            local last_names = {{LuaList(CreateLoadBenchmark.LastNames)}}
            request = function()
              counter = counter + 1
              local email = "wrk-{{Guid.NewGuid():N}}-" .. thread_number .. "-" .. counter
              local json = body:gsub("EMAIL", email, 1):gsub("FIRST", first_names[math.random(#first_names)], 1):gsub("LAST", last_names[math.random(#last_names)], 1)
              return wrk.format("POST", "/api/v1/customers",
                { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer {{apiKey}}" }, json)
            end
            """);

        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList = { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, baseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? wrk;
        try { wrk = Process.Start(start); }
        catch (System.ComponentModel.Win32Exception) { return null; } // not installed
        if (wrk is null) return null;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {await wrk.StandardError.ReadToEndAsync()}{output}");

        var done = RequestsLine().Match(output);
        var requests = long.Parse(done.Groups["requests"].Value, CultureInfo.InvariantCulture);
        var seconds = Milliseconds(done.Groups["time"].Value) / 1000;
        var failed = NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture) : 0;
        failed += SocketErrors().Matches(output).Sum(e => long.Parse(e.Groups["count"].Value, CultureInfo.InvariantCulture));
        return new CreateLoadBenchmark.LoadResult((requests - failed) / seconds, Percentile(output, "50"), Percentile(output, "99"), failed);
    }

    private static double Percentile(string output, string percent) =>
        Regex.Match(output, $@"^\s*{percent}(\.0+)?%\s+(?<value>\S+)", RegexOptions.Multiline) is { Success: true } m
            ? Milliseconds(m.Groups["value"].Value)
            : double.NaN;

    /// <summary>wrk prints durations as 812.00us, 5.52ms, 1.20s or 2.00m.</summary>
    private static double Milliseconds(string value)
    {
        var unit = Regex.Match(value, "[a-z]+$").Value;
        var number = double.Parse(value[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch { "us" => number / 1000, "ms" => number, "s" => number * 1000, "m" => number * 60_000, _ => throw new FormatException(value) };
    }

    [GeneratedRegex(@"(?<requests>\d+) requests in (?<time>[\d.]+[a-z]+)")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"(connect|read|write|timeout) (?<count>\d+)")]
    private static partial Regex SocketErrors();
}
