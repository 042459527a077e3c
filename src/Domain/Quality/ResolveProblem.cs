using Registry.Domain.Common;
using Registry.Domain.Households;

namespace Registry.Domain.Quality;

/// <summary>A fact recorded on the household after the problem opened: a candidate for "Corrected".</summary>
public sealed record FactRecorded(long Version, string EventType, object Data);

public sealed record ResolveProblem(ResolutionOutcome Outcome, string? Note);

public static class ResolveProblemDecision
{
    /// <summary>Events that change recorded facts; only these can correct a problem.</summary>
    public static bool IsFactUpdate(object data) => data is MemberJoined or MemberLeft or MemberFactsChanged or IncomeAssessed or HouseholdFactsRecorded or HeadChanged or ResponsibleAssigned or MembersSplitOff or HouseholdMergedIn or GuaranteeCertified
        or RisksRecorded or AssistanceRecorded or HouseholdCorrected;

    public static object[] Decide(ResolveProblem command, Problem problem, IReadOnlyList<FactRecorded> laterFacts, DateTimeOffset now)
    {
        if (problem.Status == ProblemStatus.Resolved) throw DomainRefusal.Rule("problem.already-resolved", "The problem is already resolved.");
        var errors = new Errors();
        if (command.Outcome == ResolutionOutcome.ResolvedByData)
            errors.Add("outcome", "problem.outcome.invalid", "Only a cleaning run resolves a problem by data; send Corrected or ConfirmedCorrect.");
        if (command.Outcome == ResolutionOutcome.ConfirmedCorrect && string.IsNullOrWhiteSpace(command.Note))
            errors.Add("note", "problem.note-required", "Confirming the data as correct needs a note of how it was verified.");
        Text.Optional(errors, "note", command.Note, 2000);
        errors.ThrowIfAny();
        var today = RegistryCalendar.Today(now);
        if (command.Outcome == ResolutionOutcome.ConfirmedCorrect)
            return [new ProblemResolved(ResolutionOutcome.ConfirmedCorrect, command.Note!.Trim(), null, null, today)];

        var candidates = laterFacts.Where(f => f.Version > problem.HouseholdVersion && IsFactUpdate(f.Data)).ToList();
        var link = candidates.LastOrDefault(f => f.Data is HouseholdCorrected c && c.ProblemId == problem.Id) ?? candidates.LastOrDefault()
            ?? throw DomainRefusal.Rule("problem.no-correction-recorded",
                "No correction or fact update was recorded on the household since the problem opened.");
        return [new ProblemResolved(ResolutionOutcome.Corrected, Text.Clean(command.Note), link.Version, link.EventType, today)];
    }

    public static ProblemResolved ByData(DateTimeOffset now) =>
        new(ResolutionOutcome.ResolvedByData, "The finding no longer holds on the current data.", null, null, RegistryCalendar.Today(now));
}
