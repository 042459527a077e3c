using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;

namespace Registry.Domain.Submissions;

public sealed record SignSubmission(Role SignerRole, string SignerId, string SignerName, string SignerOrg);

public static class SignSubmissionDecision
{
    /// <summary>The village head and the first secretary of the village each sign once (work plan 3.2).</summary>
    public static readonly IReadOnlyList<Role> Signers = [Role.VillageHead, Role.FirstSecretary];

    public static object[] Decide(SignSubmission command, Submission state, DateTimeOffset now)
    {
        if (!Signers.Contains(command.SignerRole))
            throw DomainRefusal.CallerForbidden("submission.signer-role", "Only the village head and the first secretary sign a village's list.");
        if (command.SignerOrg != state.VillageCode)
            throw DomainRefusal.CallerForbidden("submission.signer-village", $"Only the signers of village {state.VillageCode} sign its list.");
        if (state.Status != SubmissionStatus.AwaitingSignatures)
            throw DomainRefusal.Rule("submission.already-submitted", "The list was already submitted to the town.");
        if (state.Signatures.Any(s => s.Role == command.SignerRole))
            throw DomainRefusal.Rule("submission.already-signed", $"The {command.SignerRole} has already signed this list.");
        var today = RegistryCalendar.Today(now);
        var signed = new SubmissionSigned(command.SignerRole, command.SignerId, command.SignerName, today);
        var roles = state.Signatures.Select(s => s.Role).Append(command.SignerRole).ToHashSet();
        return Signers.All(roles.Contains)
            ? [signed, new SubmissionSubmitted(OrgCode.TownOf(state.VillageCode), today)]
            : [signed];
    }
}
