using Registry.Domain.Households;

namespace Registry.Projections.Households;

/// <summary>
/// The write side's snapshot of a household: the state its decisions read, the stream version it was folded at and the head
/// of the stream's hash chain, kept inline so a command loads it instead of replaying the stream. Nothing queries it; the
/// roster, reports and pages read <see cref="HouseholdDetails"/>, which is written from it in the same transaction.
/// </summary>
public sealed record HouseholdSnapshot(Guid Id, long Version, Household State, string? LastHash) : IChainHead
{
    string IChainHead.UnitCode => State.VillageCode;
}
