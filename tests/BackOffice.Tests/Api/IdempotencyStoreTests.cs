using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>The idempotency store against a fixed clock: what is kept for 24 hours, and what is purged after.</summary>
public sealed class IdempotencyStoreTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private Guid apiKeyId;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        apiKeyId = (await database.ApiKeys.CreateAsync("Partner", TestDatabase.Admin)).Value!.Key.Id;
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static readonly ApiResponse Created = new(201, "application/json", "{\"data\":{}}", "/api/v1/customers/1");

    [Fact]
    public async Task A_completed_key_replays_for_24_hours_and_is_purged_after()
    {
        var store = database.Idempotency;
        var claim = await store.ClaimAsync(apiKeyId, "k1", "hash-a");
        Assert.Equal(IdempotencyOutcome.Claimed, claim.Outcome);
        await store.CompleteAsync(apiKeyId, "k1", claim.Token, Created);

        database.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        var replay = await store.ClaimAsync(apiKeyId, "k1", "hash-a");
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(Created, replay.Response);
        Assert.Equal(0, await store.PurgeExpiredAsync());

        database.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await store.PurgeExpiredAsync());
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(apiKeyId, "k1", "hash-b")).Outcome);
    }

    [Fact]
    public async Task A_different_request_under_a_used_key_is_a_mismatch()
    {
        var store = database.Idempotency;
        var claim = await store.ClaimAsync(apiKeyId, "k2", "hash-a");
        await store.CompleteAsync(apiKeyId, "k2", claim.Token, Created);

        Assert.Equal(IdempotencyOutcome.Mismatch, (await store.ClaimAsync(apiKeyId, "k2", "hash-b")).Outcome);
    }

    [Fact]
    public async Task A_running_first_request_is_in_progress_until_it_is_abandoned()
    {
        var store = database.Idempotency;
        await store.ClaimAsync(apiKeyId, "k3", "hash-a");

        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync(apiKeyId, "k3", "hash-a")).Outcome);

        // A claim without an answer for over a minute belongs to a request that died: a retry takes it over.
        database.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(apiKeyId, "k3", "hash-a")).Outcome);
    }

    [Fact]
    public async Task A_request_whose_claim_was_taken_over_cannot_touch_the_new_owners_record()
    {
        var store = database.Idempotency;
        var first = await store.ClaimAsync(apiKeyId, "k5", "hash-a");
        database.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await store.ClaimAsync(apiKeyId, "k5", "hash-a");
        Assert.Equal(IdempotencyOutcome.Claimed, second.Outcome);

        // The first request finally finishes (or fails): neither may touch the second's claim.
        await store.CompleteAsync(apiKeyId, "k5", first.Token, Created with { Body = "{\"stale\":true}" });
        await store.ReleaseAsync(apiKeyId, "k5", first.Token);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync(apiKeyId, "k5", "hash-a")).Outcome);

        await store.CompleteAsync(apiKeyId, "k5", second.Token, Created);
        Assert.Equal(Created, (await store.ClaimAsync(apiKeyId, "k5", "hash-a")).Response);
    }

    [Fact]
    public async Task A_released_key_can_be_claimed_again()
    {
        var store = database.Idempotency;
        var claim = await store.ClaimAsync(apiKeyId, "k4", "hash-a");
        await store.ReleaseAsync(apiKeyId, "k4", claim.Token);

        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(apiKeyId, "k4", "hash-a")).Outcome);
    }

    [Fact]
    public async Task Keys_belong_to_one_API_key()
    {
        var other = (await database.ApiKeys.CreateAsync("Other partner", TestDatabase.Admin)).Value!.Key.Id;
        var store = database.Idempotency;
        await store.ClaimAsync(apiKeyId, "shared", "hash-a");

        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(other, "shared", "hash-b")).Outcome);
    }
}
