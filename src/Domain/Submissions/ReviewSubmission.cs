using Registry.Domain.Access;
using Registry.Domain.Common;

namespace Registry.Domain.Submissions;

public sealed record ReviewSubmission(ReviewOutcome? Outcome, string? Note, Role ReviewerRole, string ReviewerId, string ReviewerName);

/// <summary>报镇审核: the town office approves a list both signers endorsed, or returns it with a note saying why.</summary>
public static class ReviewSubmissionDecision
{
    public static object[] Decide(ReviewSubmission command, Submission state, DateTimeOffset now)
    {
        if (command.ReviewerRole != Role.TownOfficer)
            throw DomainRefusal.CallerForbidden("submission.reviewer-role", "Only the town office reviews a village's list.");
        var errors = new Errors();
        if (command.Outcome is null) errors.Add("outcome", "field.required", "outcome is Approved or Returned.");
        Text.Optional(errors, "note", command.Note, 2000);
        if (command.Outcome == ReviewOutcome.Returned && string.IsNullOrWhiteSpace(command.Note))
            errors.Add("note", "submission.review.note-required", "A returned list says why in a note.");
        errors.ThrowIfAny();
        if (state.Status == SubmissionStatus.AwaitingSignatures)
            throw DomainRefusal.Rule("submission.not-signed", "Both the village head and the first secretary sign the list before the town reviews it.");
        if (state.Review is not null) throw DomainRefusal.Rule("submission.already-reviewed", "The town has already reviewed this list.");
        return [new SubmissionReviewed(command.Outcome!.Value, Text.Clean(command.Note), command.ReviewerId, command.ReviewerName, RegistryCalendar.Today(now))];
    }
}
