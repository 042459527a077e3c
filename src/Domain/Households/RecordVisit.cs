using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record RecordVisit(DateOnly VisitedOn, string? Purpose, string? Note);

public static class RecordVisitDecision
{
    public static object[] Decide(RecordVisit command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var errors = new Errors();
        Text.NotInFuture(errors, "visitedOn", command.VisitedOn, now);
        Text.Optional(errors, "purpose", command.Purpose, 100);
        Text.Optional(errors, "note", command.Note, 2000);
        errors.ThrowIfAny();
        if (command.VisitedOn < state.RegisteredOn)
            throw DomainRefusal.Rule("visit.before-registration", "A visit cannot predate the household's registration.");
        return [new HouseholdVisited(command.VisitedOn, Text.Clean(command.Purpose), Text.Clean(command.Note))];
    }
}
