using System.Collections.Immutable;

namespace Registry.Domain.Submissions;

public sealed record Signature(Domain.Access.Role Role, string SignerId, string SignerName, DateOnly SignedOn);

/// <summary>A village's list for a year, frozen at proposal and endorsed by signature (签字背书).</summary>
public sealed record Submission(
    Guid Id,
    string VillageCode,
    int Year,
    ListKind List,
    ImmutableList<FrozenHousehold> Households,
    DateOnly ProposedOn,
    ImmutableList<Signature> Signatures,
    SubmissionStatus Status,
    DateOnly? SubmittedOn,
    SubmissionReviewed? Review = null,
    SubmissionForwarded? Forwarding = null)
{
    public static Submission Create(SubmissionProposed e) =>
        new(e.SubmissionId, e.VillageCode, e.Year, e.List, e.Households.ToImmutableList(), e.ProposedOn, [], SubmissionStatus.AwaitingSignatures, null);

    public Submission Apply(SubmissionSigned e) => this with { Signatures = Signatures.Add(new Signature(e.SignerRole, e.SignerId, e.SignerName, e.SignedOn)) };

    public Submission Apply(SubmissionSubmitted e) => this with { Status = SubmissionStatus.Submitted, SubmittedOn = e.SubmittedOn };

    public static Submission? Evolve(Submission? state, object @event) => (state, @event) switch
    {
        (_, SubmissionProposed e) => Create(e),
        (not null, SubmissionSigned e) => state.Apply(e),
        (not null, SubmissionSubmitted e) => state.Apply(e),
        (not null, SubmissionReviewed e) => state with
        {
            Review = e, Status = e.Outcome == ReviewOutcome.Approved ? SubmissionStatus.Approved : SubmissionStatus.Returned,
        },
        (not null, SubmissionForwarded e) => state with { Forwarding = e, Status = SubmissionStatus.Forwarded },
        _ => state,
    };
}
