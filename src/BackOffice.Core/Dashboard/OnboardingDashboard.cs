using BackOffice.Core.Customers;

namespace BackOffice.Core.Dashboard;

/// <summary>Everything the manager's dashboard shows, computed at <see cref="At"/>.</summary>
public sealed record OnboardingDashboard(
    DateTime At,
    IReadOnlyDictionary<CustomerStatus, long> CustomersByStatus,
    IReadOnlyList<OnboardingDay> Days,
    DecisionTimes DecisionTimes,
    PendingQueue Pending,
    IReadOnlyList<ReviewerDecisions> Reviewers)
{
    public const int WindowDays = 30;

    public long ApprovedInWindow => Reviewers.Sum(r => r.Approved);
    public long RejectedInWindow => Reviewers.Sum(r => r.Rejected);

    /// <summary>Approved share of the KYC decisions in the window, or null without decisions.</summary>
    public double? ApprovalRate => ApprovedInWindow + RejectedInWindow == 0 ? null : (double)ApprovedInWindow / (ApprovedInWindow + RejectedInWindow);
}

/// <summary>One UTC day: customers created by type and KYC decisions.</summary>
public sealed record OnboardingDay(DateOnly Day, long Individuals, long Businesses, long Approved, long Rejected);

/// <summary>Time from creation to the KYC decision, for decisions made in the window (the 30 UTC days of the charts).</summary>
public sealed record DecisionTimes(int Count, TimeSpan? Median, TimeSpan? Percentile90);

/// <summary>Customers waiting for KYC, by how long they have waited.</summary>
public sealed record PendingQueue(
    long Total,
    long UnderOneDay,
    long OneToThreeDays,
    long ThreeToSevenDays,
    long OverSevenDays,
    TimeSpan Sla,
    long SlaBreaches,
    IReadOnlyList<WaitingCustomer> Oldest);

public sealed record WaitingCustomer(Guid Id, string Name, DateTime CreatedAt, TimeSpan Waiting, bool BreachesSla);

public sealed record ReviewerDecisions(string ReviewerId, string ReviewerName, long Approved, long Rejected)
{
    public long Total => Approved + Rejected;
    public double ApprovalRate => Total == 0 ? 0 : (double)Approved / Total;
}

/// <summary>The <c>Dashboard</c> configuration section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How long a customer may wait for KYC before the wait counts as a breach.</summary>
    public double PendingSlaHours { get; set; } = 48;
}

public static class Percentiles
{
    /// <summary>
    /// The <paramref name="p"/>-th percentile (0–100) of sorted values, interpolating between neighbours
    /// (the "inclusive" definition, as spreadsheets' PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5.
    /// </summary>
    public static TimeSpan Of(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        var position = (sorted.Count - 1) * p / 100.0;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        var fraction = position - lower;
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    }
}
