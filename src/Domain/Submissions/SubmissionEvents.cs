using Registry.Domain.Access;
using Registry.Domain.Common;

namespace Registry.Domain.Submissions;

/// <summary>A household as it stood when the list was frozen.</summary>
public sealed record FrozenHousehold(Guid HouseholdId, long Version, string HeadName);

[EventName("submission.proposed.v1")]
public sealed record SubmissionProposed(Guid SubmissionId, string VillageCode, int Year, ListKind List, IReadOnlyList<FrozenHousehold> Households,
    DateOnly ProposedOn) : ISubmissionEvent;

[EventName("submission.signed.v1")]
public sealed record SubmissionSigned(Role SignerRole, string SignerId, string SignerName, DateOnly SignedOn) : ISubmissionEvent;

[EventName("submission.submitted.v1")]
public sealed record SubmissionSubmitted(string TownCode, DateOnly SubmittedOn) : ISubmissionEvent;

/// <summary>报镇审核: the town office reviewed the signed list.</summary>
[EventName("submission.reviewed.v1")]
public sealed record SubmissionReviewed(ReviewOutcome Outcome, string? Note, string ReviewerId, string ReviewerName, DateOnly ReviewedOn) : ISubmissionEvent;

/// <summary>统一报区扶贫办: the town office sent the list it approved on to the district office, which compares it with the departments' data.</summary>
[EventName("submission.forwarded.v1")]
public sealed record SubmissionForwarded(string DistrictCode, string ForwarderId, string ForwarderName, DateOnly ForwardedOn) : ISubmissionEvent;
