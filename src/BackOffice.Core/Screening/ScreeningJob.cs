namespace BackOffice.Core.Screening;

/// <summary>
/// Re-screening every customer after a list changed, in batches of customers by id. Progress is saved with each batch,
/// so a restart carries on where it stopped.
/// </summary>
public sealed class ScreeningJob
{
    public Guid Id { get; init; }
    public required string Reason { get; set; }
    /// <summary>The list versions the job screens against, e.g. "OFAC SDN 1a2b3c4d5e6f, UN 0f9e8d7c6b5a".</summary>
    public required string ListVersions { get; set; }
    /// <summary>Only customers never screened (the lists arrived after they were created).</summary>
    public bool OnlyNotScreened { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public long Total { get; set; }
    public long Done { get; set; }
    public long PotentialMatches { get; set; }
    /// <summary>The last customer id done: the next batch starts after it.</summary>
    public Guid? AfterCustomerId { get; set; }
}
