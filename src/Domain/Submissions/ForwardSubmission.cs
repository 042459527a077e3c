using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;

namespace Registry.Domain.Submissions;

public sealed record ForwardSubmission(Role ForwarderRole, string ForwarderId, string ForwarderName);

/// <summary>
/// 由镇扶贫办统一报区扶贫办进行比对 (work plan 3.2): the town office sends each list it approved on to the district office, once.
/// </summary>
public static class ForwardSubmissionDecision
{
    public static object[] Decide(ForwardSubmission command, Submission state, DateTimeOffset now)
    {
        if (command.ForwarderRole != Role.TownOfficer)
            throw DomainRefusal.CallerForbidden("submission.forwarder-role", "Only the town office sends a village's list on to the district.");
        if (state.Forwarding is not null) throw DomainRefusal.Rule("submission.already-forwarded", "The list was already sent to the district.");
        if (state.Status != SubmissionStatus.Approved)
            throw DomainRefusal.Rule("submission.not-approved", "Only a list the town approved is sent on to the district.");
        return [new SubmissionForwarded(OrgCode.DistrictOf(state.VillageCode), command.ForwarderId, command.ForwarderName, RegistryCalendar.Today(now))];
    }
}
