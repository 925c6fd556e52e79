using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Api;

public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private ApiKeyService ApiKeys => database.ApiKeys;

    private async Task<IssuedApiKey> IssueAsync(string name = "Partner A")
    {
        var result = await ApiKeys.CreateAsync(name, TestDatabase.Admin);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task Creates_a_key_whose_secret_is_stored_only_as_a_hash()
    {
        var result = await ApiKeys.CreateAsync("  Partner A ", TestDatabase.Admin);

        Assert.True(result.Succeeded, result.Message);
        var (key, secret) = result.Value!;
        Assert.StartsWith(ApiKeyService.SecretPrefix, secret);
        Assert.StartsWith("bo_", secret);
        Assert.True(secret.Length >= 40, $"a 256-bit secret is longer than {secret.Length} characters");
        Assert.Equal("Partner A", key.Name);
        Assert.Equal("Ada Admin", key.CreatedByName);
        Assert.Equal(database.Clock.Now.UtcDateTime, key.CreatedAt);
        Assert.Equal(secret[..key.Prefix.Length], key.Prefix);
        Assert.True(key.Prefix.Length < secret.Length);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync();
        Assert.Equal(ApiKeyService.Hash(secret), stored.SecretHash);
        Assert.NotEqual(secret, stored.SecretHash);
        Assert.Null(stored.LastUsedAt);
        Assert.Null(stored.RevokedAt);

        // Read every column as stored, so that a column added later cannot keep the secret unnoticed.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM api_keys";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        for (var column = 0; column < reader.FieldCount; column++)
        {
            var value = reader.IsDBNull(column) ? null : Convert.ToString(reader.GetValue(column));
            Assert.False(value?.Contains(secret, StringComparison.Ordinal) == true, $"column {reader.GetName(column)} holds the secret");
        }
    }

    [Fact]
    public async Task A_key_name_may_not_carry_control_characters()
    {
        var result = await ApiKeys.CreateAsync("Partner\u0000A", TestDatabase.Admin);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal(["may not contain control characters"], result.Errors["Name"]);
    }

    [Fact]
    public async Task Authenticates_the_secret_and_nothing_else()
    {
        var issued = await IssueAsync();
        var lastChar = issued.Secret[^1] == 'A' ? 'B' : 'A';

        var key = await ApiKeys.AuthenticateAsync(issued.Secret);

        Assert.NotNull(key);
        Assert.Equal(issued.Key.Id, key.Id);
        Assert.Null(await ApiKeys.AuthenticateAsync(issued.Secret[..^1] + lastChar));
        Assert.Null(await ApiKeys.AuthenticateAsync(issued.Secret[ApiKeyService.SecretPrefix.Length..]));
        Assert.Null(await ApiKeys.AuthenticateAsync(""));
    }

    [Fact]
    public async Task A_revoked_key_no_longer_authenticates()
    {
        var issued = await IssueAsync();
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret)); // remembered for a few seconds from here on

        var revoked = await ApiKeys.RevokeAsync(issued.Key.Id, TestDatabase.Admin);

        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.Null(await ApiKeys.AuthenticateAsync(issued.Secret));
        var stored = Assert.Single(await ApiKeys.ListAsync());
        Assert.True(stored.IsRevoked);
        Assert.Equal(database.Clock.Now.UtcDateTime, stored.RevokedAt);
        Assert.Equal("Ada Admin", stored.RevokedByName);
    }

    [Fact]
    public async Task A_key_revoked_by_another_instance_stops_working_here_within_the_recheck_interval()
    {
        var issued = await IssueAsync();
        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret));

        // Another instance revokes it: in the database, without this instance's memory of recent keys.
        await using (var db = await database.DbFactory.CreateDbContextAsync())
            await db.ApiKeys.Where(k => k.Id == issued.Key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, database.Clock.Now.UtcDateTime).SetProperty(k => k.RevokedByName, "Ada Admin"));

        database.Clock.Advance(RecentApiKeys.RecheckAfter - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret)); // checked less than RecheckAfter ago: not read again
        database.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await ApiKeys.AuthenticateAsync(issued.Secret));
    }

    [Fact]
    public async Task Records_the_last_use_at_most_once_a_minute()
    {
        var issued = await IssueAsync();
        var firstUse = database.Clock.Now.UtcDateTime;

        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret));
        Assert.Equal(firstUse, await LastUsedAtAsync(issued.Key.Id));

        database.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret));
        Assert.Equal(firstUse, await LastUsedAtAsync(issued.Key.Id));

        database.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret));
        Assert.Equal(database.Clock.Now.UtcDateTime, await LastUsedAtAsync(issued.Key.Id));
        Assert.NotEqual(firstUse, await LastUsedAtAsync(issued.Key.Id));
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Compliance)]
    [InlineData(Roles.ApiClient)]
    public async Task Only_administrators_create_or_revoke_keys(string role)
    {
        var someoneElse = Actor.Create("someone-1", "Someone Else", role);
        var issued = await IssueAsync();

        var created = await ApiKeys.CreateAsync("Partner B", someoneElse);
        var revoked = await ApiKeys.RevokeAsync(issued.Key.Id, someoneElse);

        Assert.Equal(ServiceResultKind.Forbidden, created.Kind);
        Assert.Equal(ServiceResultKind.Forbidden, revoked.Kind);
        var stored = Assert.Single(await ApiKeys.ListAsync());
        Assert.False(stored.IsRevoked);
        Assert.NotNull(await ApiKeys.AuthenticateAsync(issued.Secret));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData("x", null)]
    public async Task Requires_a_name(string? name, string? error)
    {
        var result = await ApiKeys.CreateAsync(name, TestDatabase.Admin);

        if (error is null)
        {
            Assert.True(result.Succeeded, result.Message);
            return;
        }
        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal([error], result.Errors["Name"]);
        Assert.Empty(await ApiKeys.ListAsync());
    }

    [Fact]
    public async Task Refuses_a_name_longer_than_100_characters_but_takes_100()
    {
        var tooLong = await ApiKeys.CreateAsync(new string('x', ApiKeyService.MaxNameLength + 1), TestDatabase.Admin);
        var longest = await ApiKeys.CreateAsync(new string('y', ApiKeyService.MaxNameLength), TestDatabase.Admin);

        Assert.Equal(ServiceResultKind.Invalid, tooLong.Kind);
        Assert.Equal(["must be at most 100 characters"], tooLong.Errors["Name"]);
        Assert.True(longest.Succeeded, longest.Message);
        Assert.Equal(new string('y', ApiKeyService.MaxNameLength), Assert.Single(await ApiKeys.ListAsync()).Name);
    }

    [Fact]
    public async Task Refuses_a_name_another_key_has_in_another_case()
    {
        await IssueAsync("Partner A");

        var result = await ApiKeys.CreateAsync("  PARTNER a ", TestDatabase.Admin);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal(["is already used by another key"], result.Errors["Name"]);
        Assert.Equal("Partner A", Assert.Single(await ApiKeys.ListAsync()).Name);
    }

    [Fact]
    public async Task Revoking_twice_is_a_conflict_that_names_who_revoked_first()
    {
        var issued = await IssueAsync();
        var first = await ApiKeys.RevokeAsync(issued.Key.Id, TestDatabase.Admin);
        var revokedAt = (await ApiKeys.ListAsync())[0].RevokedAt;
        database.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await ApiKeys.RevokeAsync(issued.Key.Id, Actor.Create("admin-2", "Other Admin", Roles.Admin));

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(ServiceResultKind.Conflict, second.Kind);
        Assert.Contains("Ada Admin", second.Message);
        var stored = Assert.Single(await ApiKeys.ListAsync());
        Assert.Equal(revokedAt, stored.RevokedAt);
        Assert.Equal("Ada Admin", stored.RevokedByName);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_not_found()
    {
        await IssueAsync();

        var result = await ApiKeys.RevokeAsync(Guid.CreateVersion7(), TestDatabase.Admin);

        Assert.Equal(ServiceResultKind.NotFound, result.Kind);
        Assert.False(Assert.Single(await ApiKeys.ListAsync()).IsRevoked);
    }

    [Fact]
    public async Task Lists_the_newest_key_first()
    {
        // Created in name order, so that a list sorted by name would fail.
        await IssueAsync("Alpha Partners");
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await IssueAsync("Mid Bank");
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await IssueAsync("Zeta Payments");

        var keys = await ApiKeys.ListAsync();

        Assert.Equal(["Zeta Payments", "Mid Bank", "Alpha Partners"], keys.Select(k => k.Name));
    }

    private async Task<DateTime?> LastUsedAtAsync(Guid id)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        return await db.ApiKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.LastUsedAt).SingleAsync();
    }
}
