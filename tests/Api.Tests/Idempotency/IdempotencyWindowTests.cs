using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Idempotency;

/// <summary>A host whose clock the tests move, to cross the idempotency window.</summary>
public sealed class MovableClockFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public AppFixture App { get; }

    public MovableClockFixture() => App = new AppFixture { Services = services => services.AddSingleton<TimeProvider>(Clock) };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MovableClockCollection : ICollectionFixture<MovableClockFixture>
{
    public const string Name = "movable-clock";
}

[Collection(MovableClockCollection.Name)]
public sealed class IdempotencyWindowTests(MovableClockFixture host)
{
    [Fact]
    public async Task A_key_answers_its_first_answer_within_the_window_and_is_a_new_write_after_it()
    {
        var (_, village) = await host.App.NewVillage();
        var clerk = host.App.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}/assistance";
        var body = new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "window-key" };

        (await (await clerk.Send(HttpMethod.Post, url, body, key)).ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(2);

        host.Clock.Advance(IdempotentResponse.Lifetime - TimeSpan.FromMinutes(1));
        (await (await clerk.Send(HttpMethod.Post, url, body, key)).ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(2);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await (await clerk.Send(HttpMethod.Post, url, body, key)).ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(3);
        (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray().Count.ShouldBe(3);

        // Once more past the window, sent several times at once: one of them forgets the old answer and writes, and the others
        // are answered with its answer; none forgets the live answer in its place and writes again.
        // Once with the household in the node's cache, once read afresh by each request.
        foreach (var (cached, version) in new[] { (true, 4L), (false, 5L) })
        {
            host.Clock.Advance(IdempotentResponse.Lifetime + TimeSpan.FromMinutes(1));
            if (!cached) host.App.Host.Services.GetRequiredService<Registry.Projections.Households.SnapshotCache>().Clear();
            var storm = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => clerk.Send(HttpMethod.Post, url, body, key)));
            foreach (var answer in storm) (await answer.ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(version);
            (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray().Count.ShouldBe((int)version);
        }
    }
}
