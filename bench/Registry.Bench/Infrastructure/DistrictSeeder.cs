using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Bench.Infrastructure;

/// <summary>
/// Households of a district's villages written straight through Marten, a village's households together, each decided by the
/// domain and stamped like an API write: poor, exited and unregistered ones, some with risks, an unresolved guarantee or a
/// member who married in, so the statistics have something to count in every part.
/// </summary>
public sealed class DistrictSeeder(IDocumentStore store, IReadOnlyList<string> villages, int households, IdNumbers ids)
{
    public const int HouseholdsPerTransaction = 500;

    public async Task Seed(int workers)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, HouseholdsPerTransaction) - HouseholdsPerTransaction + 1;
                if (first >= households) return;
                await WriteBatch(first, Math.Min(HouseholdsPerTransaction, households - first));
            }
        })));
    }

    public string VillageOf(int n) => villages[(int)((long)n * villages.Count / households)];

    private async Task WriteBatch(int first, int count)
    {
        await using var session = store.LightweightSession();
        var correlation = Guid.NewGuid().ToString("N");
        session.CorrelationId = correlation;
        session.LastModifiedBy = "bench-seed";
        var now = DateTimeOffset.UtcNow;
        for (var n = first; n < first + count; n++)
        {
            var village = VillageOf(n);
            var id = Guid.CreateVersion7();
            var events = History(n, id, village, now);
            session.Events.StartStream<HouseholdDetails>(id, events);
            EventChain.Stamp(session, id, head: null, new Actor("bench-seed", "基准录入", Role.DistrictOfficer, village), "年度信息采集",
                correlation);
        }
        await session.SaveChangesAsync();
    }

    private object[] History(int n, Guid id, string village, DateTimeOffset now)
    {
        var status = (n % 10) switch { < 6 => HouseholdStatus.Poor, < 9 => HouseholdStatus.Exited, _ => HouseholdStatus.Unregistered };
        var members = new List<RegisteredMember>
        {
            new(Guid.CreateVersion7(), new MemberFacts("王大山", ids.Next(male: true), Relation.Head)),
            new(Guid.CreateVersion7(), new MemberFacts("李二妹", ids.Next(male: false), Relation.Spouse)),
            new(Guid.CreateVersion7(), new MemberFacts("王小明", ids.Next(male: true), Relation.Son)),
        };
        var events = new List<object>(RegisterHouseholdDecision.Decide(new RegisterHousehold(id, village, "一组", null, status,
            status == HouseholdStatus.Unregistered ? null : 2016, status == HouseholdStatus.Exited ? 2019 : null, new DateOnly(2019, 12, 1), members,
            Role.DistrictOfficer), now, new HashSet<string>()));
        var state = Household.Create((HouseholdRegistered)events[0]);
        void Then(object[] next)
        {
            foreach (var e in next) state = Household.Evolve(state, e)!;
            events.AddRange(next);
        }
        if (n % 7 == 0) Then(RecordRisksDecision.Decide(new RecordRisks([Enum.GetValues<RiskType>()[n % 9]], "入户排查", null), state, now));
        if (n % 20 == 0)
            Then(CertifyGuaranteeDecision.Decide(new CertifyGuarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved, null, null), state, Role.HousingDept, now));
        if (n % 25 == 0)
            Then(AddMemberDecision.Decide(new AddMember(Guid.CreateVersion7(), new MemberFacts("赵小芳", ids.Next(male: false), Relation.DaughterInLaw),
                IncreaseReason.MarriageIn, new DateOnly(2020, 6, 1)), state, now, new HashSet<string>()));
        return [.. events];
    }
}
