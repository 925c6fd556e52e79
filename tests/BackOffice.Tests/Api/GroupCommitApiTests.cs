using System.Net;
using BackOffice.Core.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Api;

/// <summary>Creates sent together through the API, as the group commit takes them: each gets its own answer and its own stored replay.</summary>
public sealed class GroupCommitApiTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private readonly HttpClient api = app.ApiClient();

    [Fact]
    public async Task Concurrent_creates_with_a_duplicate_an_invalid_one_and_a_replay_each_get_their_own_answer()
    {
        var replayed = ApiBodies.Customer();
        var replayKey = Guid.NewGuid().ToString();
        var original = await api.PostCustomerAsync(replayed, replayKey);
        Assert.Equal(HttpStatusCode.Created, original.StatusCode);
        var duplicate = ApiBodies.Customer();
        var invalid = ApiBodies.Customer();
        invalid.Address()["zip_code"] = "ABC";
        var fresh = Enumerable.Range(0, 12).Select(_ => (Body: ApiBodies.Customer(), Key: Guid.NewGuid().ToString())).ToList();

        var freshAnswers = fresh.Select(f => api.PostCustomerAsync(f.Body, f.Key)).ToList();
        var duplicateAnswers = new[] { api.PostCustomerAsync(duplicate, Guid.NewGuid().ToString()), api.PostCustomerAsync(duplicate.DeepClone(), Guid.NewGuid().ToString()) };
        var invalidAnswer = api.PostCustomerAsync(invalid, Guid.NewGuid().ToString());
        var replayAnswer = api.PostCustomerAsync(replayed, replayKey);
        var created = await Task.WhenAll(freshAnswers);
        var duplicates = await Task.WhenAll(duplicateAnswers);
        var (refused, replay) = (await invalidAnswer, await replayAnswer);

        Assert.All(created, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], duplicates.Select(a => a.StatusCode).Order());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(original.Headers.Location, replay.Headers.Location);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        // Each 201 had its own answer stored in its commit: the record of its key holds exactly what it was sent.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < fresh.Count; i++)
        {
            var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == fresh[i].Key);
            Assert.Equal(201, record.StatusCode);
            Assert.Equal(created[i].Headers.Location?.OriginalString, record.Location);
            Assert.Equal(await created[i].Content.ReadAsStringAsync(), record.ResponseBody);
        }
    }
}
