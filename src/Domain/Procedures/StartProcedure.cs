using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Policy;

namespace Registry.Domain.Procedures;

public sealed record StartProcedure(Guid ProcedureId, ProcedureKind Kind, DateOnly? StartedOn);

public static class StartProcedureDecision
{
    public static object[] Decide(StartProcedure command, Household state, DateTimeOffset now, ProcedureCatalog catalog, Func<int, PolicyLine?> lines)
    {
        var startedOn = command.StartedOn ?? RegistryCalendar.Today(now);
        var errors = new Errors();
        Text.NotInFuture(errors, "startedOn", startedOn, now);
        errors.ThrowIfAny();
        HouseholdGuards.EnsureOpen(state);
        if (state.OpenProcedures.Any(p => p.Kind == command.Kind))
            throw DomainRefusal.Rule("procedure.already-open", $"An {command.Kind} procedure is already open for this household.");
        var definition = catalog.Latest(command.Kind);
        var context = new RuleContext(state, command.ProcedureId, definition, startedOn, lines(startedOn.Year));
        foreach (var guard in definition.StartGuards)
            if (ProcedureRules.Guards[guard](context) is { } refusal) throw refusal;
        return [new ProcedureStarted(command.ProcedureId, command.Kind, definition.Version, startedOn)];
    }
}
