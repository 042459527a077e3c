using Registry.Domain.Access;
using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record CertifyGuarantee(GuaranteeKind Kind, GuaranteeStatus Status, string? Note, DateOnly? CertifiedOn);

public static class CertifyGuaranteeDecision
{
    public static object[] Decide(CertifyGuarantee command, Household state, Role actor, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var certifier = AccessPolicy.GuaranteeCertifier[command.Kind];
        if (actor != certifier)
            throw DomainRefusal.CallerForbidden("guarantee.wrong-department", $"Only {certifier} certifies the {command.Kind} guarantee.");
        var errors = new Errors();
        if (command.Status == GuaranteeStatus.Unknown)
            errors.Add("status", "guarantee.status.invalid", "A certification is Resolved or Unresolved.");
        Text.Optional(errors, "note", command.Note, 2000);
        var on = command.CertifiedOn ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "certifiedOn", on, now);
        errors.ThrowIfAny();
        // Identification cleared what was certified before it (重新认定): a certification for the household as poor now is dated from then.
        if (state.IdentifiedOn is { } identified && on < identified)
            throw DomainRefusal.Rule("guarantee.certified-before-identification",
                $"The household was identified as poor on {identified:yyyy-MM-dd}; a certification for it is dated that day or later.");
        return [new GuaranteeCertified(command.Kind, command.Status, Text.Clean(command.Note), on)];
    }
}
