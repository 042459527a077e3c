using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Bench.Infrastructure;

/// <summary>
/// Writes households straight through Marten, the way the import does: every event comes from the domain's own decide
/// functions, is stamped with actor, unit, reason and hash chain, and commits with the inline read models, many
/// households to a transaction.
/// </summary>
public sealed class EventSeeder(IDocumentStore store, string[] villages, IdNumbers ids)
{
    public const int EventsPerHousehold = 50;
    public const int HouseholdsPerTransaction = 100;

    public async Task<long> Seed(long events, int workers)
    {
        var households = (int)Math.Ceiling(events / (double)EventsPerHousehold);
        var next = -1;
        long written = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, HouseholdsPerTransaction) - HouseholdsPerTransaction + 1;
                if (first >= households) return;
                var count = Math.Min(HouseholdsPerTransaction, households - first);
                Interlocked.Add(ref written, await WriteBatch(first, count));
            }
        })));
        return written;
    }

    private async Task<long> WriteBatch(int first, int count)
    {
        await using var session = store.LightweightSession();
        var correlation = Guid.NewGuid().ToString("N");
        session.CorrelationId = correlation;
        session.LastModifiedBy = "bench-seed";
        long written = 0;
        for (var n = first; n < first + count; n++)
        {
            var village = villages[n % villages.Length];
            var actor = new Actor("bench-seed", "基准录入", Role.VillageClerk, village);
            var id = Guid.CreateVersion7();
            var events = History(id, village, DateTimeOffset.UtcNow);
            session.Events.StartStream<HouseholdDetails>(id, events);
            EventChain.Stamp(session, id, head: null, actor, "年度信息采集", correlation);
            written += events.Length;
        }
        await session.SaveChangesAsync();
        return written;
    }

    /// <summary>A registration followed by a year's worth of member changes, income assessments, visits and risks.</summary>
    private object[] History(Guid id, string village, DateTimeOffset now)
    {
        var members = new List<RegisteredMember>
        {
            new(Guid.CreateVersion7(), new MemberFacts("王大山", ids.Next(male: true), Relation.Head, ApiClient.NextPhone())),
            new(Guid.CreateVersion7(), new MemberFacts("李二妹", ids.Next(male: false), Relation.Spouse)),
            new(Guid.CreateVersion7(), new MemberFacts("王小明", ids.Next(male: true), Relation.Son)),
        };
        var events = new List<object>(EventsPerHousehold);
        events.AddRange(RegisterHouseholdDecision.Decide(
            new RegisterHousehold(id, village, "一组", null, HouseholdStatus.Poor, 2016, null, new DateOnly(2019, 12, 1), members,
                Registry.Domain.Access.Role.DistrictOfficer), now, new HashSet<string>()));
        var state = Household.Create((HouseholdRegistered)events[0]);
        for (var i = 1; i < EventsPerHousehold; i++)
        {
            var next = (i % 10) switch
            {
                9 => RecordRisksDecision.Decide(new RecordRisks([RiskType.MajorIllness], "因病", null), state, now),
                4 => RecordVisitDecision.Decide(new RecordVisit(DateOnly.FromDateTime(now.UtcDateTime), "走访", null), state, now),
                var k when k % 2 == 0 => AssessIncomeDecision.Decide(new AssessIncome(2020, 9000 + i, 1200, 0, 2400, 800, null), state, now),
                _ => ChangeMemberDecision.Decide(new ChangeMember(members[0].MemberId, new MemberFactChanges(Phone: ApiClient.NextPhone()), null, "电话号码变更"),
                    state, now, new HashSet<string>()),
            };
            foreach (var e in next) state = Household.Evolve(state, e)!;
            events.AddRange(next);
        }
        return [.. events];
    }
}
