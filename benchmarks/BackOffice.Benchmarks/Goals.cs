using System.Diagnostics;
using System.Globalization;

/// <summary>
/// `--goals`: every figure issue 15 sets a goal for, in one run. The creates, the million-customer run and the
/// circuits each run in a child process of this program (so that one's memory and JIT do not colour the next), each
/// printing its figures as usual and a <c>goal:</c> line per goal; the lines are gathered into one table at the end,
/// beside the goal and the issue's own before-figure.
/// </summary>
static class Goals
{
    private const string Prefix = "goal: ";

    /// <summary>A line the parent gathers: figure | measured | goal | the issue's figure before | met.</summary>
    public static void Report(string figure, string measured, string goal, string before, bool met) =>
        Console.WriteLine($"{Prefix}{figure}|{measured}|{goal}|{before}|{(met ? "met" : "NOT met")}");

    public static string Ms(double value) => value.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    public static async Task RunAsync()
    {
        var gathered = new List<string[]>();
        foreach (var arguments in new[] { "--creates 15", "1000000", "--circuits 50" })
        {
            Console.WriteLine($"== {arguments}");
            var start = new ProcessStartInfo("dotnet", $"\"{typeof(Goals).Assembly.Location}\" {arguments}") { RedirectStandardOutput = true };
            using var child = Process.Start(start)!;
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith(Prefix, StringComparison.Ordinal)) gathered.Add(line[Prefix.Length..].Split('|'));
                else Console.WriteLine(line);
            }
            await child.WaitForExitAsync();
            if (child.ExitCode != 0) Console.WriteLine($"   (exited with {child.ExitCode})");
        }

        Console.WriteLine();
        Console.WriteLine($"{"issue 15 goal",-58} {"measured",-34} {"goal",-12} {"issue's before",-40} ");
        foreach (var g in gathered)
            Console.WriteLine($"{g[0],-58} {g[1],-34} {g[2],-12} {g[3],-40} {g[4]}");
    }
}
