using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Policy;
using Registry.Domain.Procedures;
using Registry.Projections.Households;

namespace Registry.Demo;

/// <summary>
/// Writes a household's story as the API would: each command checked against the actor's role and unit, decided by the
/// domain on the state so far, and appended to the household's stream with the demo actor's stamp and the hash chain.
/// </summary>
public sealed class DemoWriter(IDocumentSession session, DateTimeOffset now, Func<int, PolicyLine?> lines, string correlation)
{
    /// <returns>False when one of its people already belongs to another household; nothing of it is written then.</returns>
    public bool Write(DemoHousehold household, IReadOnlySet<string> claimedElsewhere)
    {
        object[] registered;
        try
        {
            Authorize(household.Registration.Registrar, household.Registration, household.Registration.VillageCode);
            registered = RegisterHouseholdDecision.Decide(household.Registration, now, claimedElsewhere);
        }
        catch (DomainRefusal refusal) when (refusal.Code == PersonClaims.Code)
        {
            return false;
        }
        session.Events.StartStream<HouseholdDetails>(household.Id, registered);
        var stream = new Chain(household.Id, household.Registration.VillageCode);
        stream.Stamp(session, household.Registration.Registrar, null, registered, correlation);
        foreach (var action in household.Actions)
        {
            Authorize(action.Role, action.Command, stream.VillageCode);
            var events = Decide(action, stream.State!);
            session.Events.Append(household.Id, events);
            stream.Stamp(session, action.Role, ReasonOf(action.Command), events, correlation);
        }
        return true;
    }

    private object[] Decide(DemoAction action, Household state) => action.Command switch
    {
        AssessIncome c => AssessIncomeDecision.Decide(c, state, now),
        VerifyIncome c => VerifyIncomeDecision.Decide(c, state, now),
        RecordRisks c => RecordRisksDecision.Decide(c, state, now),
        RecordAssistance c => RecordAssistanceDecision.Decide(c, state, now),
        CertifyGuarantee c => CertifyGuaranteeDecision.Decide(c, state, action.Role, now),
        FlagNotEnjoyingPolicy c => FlagNotEnjoyingPolicyDecision.Decide(c, state, now),
        StartProcedure c => StartProcedureDecision.Decide(c, state, now, ProcedureCatalog.Default, lines),
        RecordStep c => RecordStepDecision.Decide(c, state, action.Role, now, ProcedureCatalog.Default, lines),
        _ => throw new InvalidOperationException($"The demo has no decision for {action.Command.GetType().Name}."),
    };

    /// <summary>The same role and unit checks the routes make before deciding.</summary>
    private static void Authorize(Role role, object command, string villageCode)
    {
        var actor = DemoActor.For(role, villageCode);
        actor.Require(command switch
        {
            RegisterHousehold => Permission.RegisterHousehold,
            AssessIncome or RecordRisks => Permission.RecordHouseholdFacts,
            VerifyIncome => Permission.VerifyIncome,
            RecordAssistance => Permission.RecordAssistance,
            FlagNotEnjoyingPolicy => Permission.FlagNotEnjoyingPolicy,
            _ => Permission.ReadRegistry,
        }, villageCode);
    }

    private static string ReasonOf(object command) => command switch
    {
        RecordRisks c => c.Reason,
        FlagNotEnjoyingPolicy c => c.Reason,
        RecordStep c => c.Note,
        VerifyIncome c => c.Note,
        CertifyGuarantee c => c.Note,
        _ => null,
    } ?? DemoActor.Reason;

    /// <summary>The stream's state as the events are appended, each batch stamped by its own actor.</summary>
    private sealed class Chain(Guid id, string villageCode)
    {
        public string VillageCode => villageCode;

        public Household? State { get; private set; }

        public void Stamp(IDocumentSession session, Role role, string? reason, object[] events, string correlation)
        {
            EventChain.Stamp(session, id, head: null, DemoActor.For(role, villageCode), reason ?? DemoActor.Reason, correlation);
            State = events.Aggregate(State, Household.Evolve);
        }
    }
}
