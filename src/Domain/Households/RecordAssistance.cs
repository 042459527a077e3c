using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record RecordAssistance(Guid AssistanceId, AssistanceCategory Category, string? Description, DateOnly StartedOn, decimal? Amount, string? Responsible);

public static class RecordAssistanceDecision
{
    public static object[] Decide(RecordAssistance command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var errors = new Errors();
        Text.Required(errors, "description", command.Description, 500);
        Text.Required(errors, "responsible", command.Responsible, 50);
        Text.NotInFuture(errors, "startedOn", command.StartedOn, now);
        Money.Check(errors, "amount", command.Amount);
        errors.ThrowIfAny();
        return [new AssistanceRecorded(command.AssistanceId, command.Category, command.Description!.Trim(), command.StartedOn, command.Amount, command.Responsible!.Trim())];
    }
}
