using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Org;

namespace Registry.Api.Bulk;

/// <summary>What the runner knows about a batch before it decides each of its households.</summary>
/// <param name="Claims">ID numbers on record and the household each belongs to.</param>
/// <param name="ClaimedInRun">ID numbers taken by households decided earlier in this import.</param>
public sealed record BatchFacts(
    Guid ImportId,
    Actor Actor,
    SheetContent Sheet,
    IReadOnlySet<string> Villages,
    IReadOnlyDictionary<Guid, string> ExistingStreams,
    IReadOnlyDictionary<string, Guid> Claims,
    IReadOnlySet<string> ClaimedInRun,
    DateTimeOffset Now);

/// <param name="Events">The registration's events when the verdict is applied; empty otherwise.</param>
public sealed record DraftOutcome(HouseholdDraft Draft, ImportVerdict Verdict, object[] Events)
{
    public bool Applies => Verdict.Verdict == Verdicts.Applied;
}

/// <summary>Decides one household of a sheet with the same rules and codes as POST /api/households.</summary>
public static class HouseholdSheetDecision
{
    /// <summary>The reason the household facts of a sheet are recorded with.</summary>
    public const string FactsReason = "表格导入";

    public static DraftOutcome Decide(HouseholdDraft draft, BatchFacts facts)
    {
        var problems = new RowProblems(facts.Sheet);
        if (draft.Key is null)
            problems.AddToEach(draft.Rows, SheetColumn.HouseholdKey, "field.required", "householdKey is required.");
        if (draft.VillageCode is null)
            problems.AddToEach(draft.Rows, SheetColumn.VillageCode, "field.required", "villageCode is required.");
        else if (!OrgCode.IsWellFormed(draft.VillageCode))
            problems.AddToEach(draft.Rows, SheetColumn.VillageCode, "org.code.format", "villageCode is a 12-digit division code.");
        if (problems.Any) return Rejected(draft, facts, problems);

        var village = draft.VillageCode!;
        var id = draft.StreamId!.Value;
        if (!facts.Actor.Covers(village))
            problems.AddToEach(draft.Rows, SheetColumn.VillageCode, "auth.outside-jurisdiction", $"Unit {village} lies outside {facts.Actor.Org}.");
        else if (!facts.Villages.Contains(village))
            problems.AddToEach(draft.Rows, SheetColumn.VillageCode, "org.village-unknown", $"{village} is not a registered village.");
        if (problems.Any) return Rejected(draft, facts, problems);
        if (facts.ExistingStreams.TryGetValue(id, out var existingVillage))
        {
            if (existingVillage == village) return Outcome(draft, facts, Verdicts.AlreadyImported, id, [], []);
            problems.AddToEach(draft.Rows, SheetColumn.HouseholdKey, "import.household-key-taken",
                "This household key names a household recorded elsewhere; use another key.");
            return Rejected(draft, facts, problems);
        }

        var cells = new HouseholdCells(draft, problems);
        var command = cells.Read(id, facts.Actor.Role);
        var householdFacts = cells.ReadFacts(FactsReason);
        var claimed = draft.IdNumbers
            .Where(n => facts.ClaimedInRun.Contains(n) || (facts.Claims.TryGetValue(n, out var owner) && owner != id))
            .ToHashSet();
        object[] events = [];
        var claimRefused = false;
        try
        {
            events = RegisterHouseholdDecision.Decide(command, facts.Now, claimed);
        }
        catch (DomainRefusal refusal) when (refusal.Code != PersonClaims.Code)
        {
            if (refusal.Errors.Count == 0)
                problems.Add(cells.HouseholdRow(SheetColumn.Status), refusal.Kind == RefusalKind.Forbidden ? SheetColumn.Status : SheetColumn.HouseholdKey,
                    refusal.Code, refusal.Message);
            foreach (var error in refusal.Errors) Locate(error, draft, command, cells, problems);
        }
        catch (DomainRefusal)
        {
            // A person taken by another household is reported row by row below, so the sheet shows which member it is; only the
            // claim stood in the way (it is checked last), so the household's facts are checked on the registration it would
            // make, and the claim is told only if nothing else rejects it.
            claimRefused = true;
            events = RegisterHouseholdDecision.Decide(command, facts.Now, NoClaims);
        }
        // A role that registers households but may not record their facts (the village head, the first secretary) may not
        // record them by sheet either.
        if (householdFacts is not null && !AccessPolicy.Allows(facts.Actor.Role, Permission.RecordHouseholdFacts))
        {
            var column = FactColumns.First(c => draft.Rows.Any(r => r[c] is not null));
            problems.Add(cells.HouseholdRow(column), column, "auth.role-not-allowed",
                $"{facts.Actor.Role} may not {Permission.RecordHouseholdFacts}; leave the household's facts empty.");
        }
        else if (events.Length > 0 && householdFacts is not null)
        {
            try
            {
                events = [.. events, .. RecordHouseholdFactsDecision.Decide(householdFacts, Household.Create((HouseholdRegistered)events[0]), facts.Now)];
            }
            catch (DomainRefusal refusal)
            {
                if (refusal.Errors.Count == 0) problems.Add(cells.HouseholdRow(SheetColumn.PovertyCauses), SheetColumn.PovertyCauses, refusal.Code, refusal.Message);
                foreach (var error in refusal.Errors) Locate(error, draft, command, cells, problems);
            }
        }
        // Whether a person is on record elsewhere is told only for a household that would otherwise be registered,
        // so a sheet of made-up households cannot probe the person index in bulk.
        if (!problems.Any)
        {
            foreach (var row in draft.Rows.Where(r => r[SheetColumn.IdNumber] is { } n && claimed.Contains(HouseholdDraft.Normalize(n))))
                problems.Add(row.Number, SheetColumn.IdNumber, PersonClaims.Code, "This person already belongs to another household.");
            // The events decided without the claims never apply.
            if (claimRefused && !problems.Any)
                problems.Add(draft.FirstRow, SheetColumn.IdNumber, PersonClaims.Code, "A person of this household already belongs to another household.");
        }
        return problems.Any ? Rejected(draft, facts, problems) : Outcome(draft, facts, Verdicts.Applied, id, [], events);
    }

    private static readonly IReadOnlySet<string> NoClaims = new HashSet<string>();

    private static readonly SheetColumn[] FactColumns = [SheetColumn.PovertyCauses, SheetColumn.HousingSafety, SheetColumn.DrinkingWaterSafety];

    public static DraftOutcome Rejected(HouseholdDraft draft, BatchFacts facts, RowProblems problems) =>
        Outcome(draft, facts, Verdicts.Rejected, null, problems.All, []);

    public static DraftOutcome Outcome(HouseholdDraft draft, BatchFacts facts, string verdict, Guid? householdId, IReadOnlyList<RowProblem> problems,
        object[] events) =>
        new(draft, Verdict(facts.ImportId, draft, verdict, householdId, problems), events);

    public static ImportVerdict Verdict(Guid importId, HouseholdDraft draft, string verdict, Guid? householdId, IReadOnlyList<RowProblem> problems) =>
        new(NameBasedId.Create(NameBasedId.ImportVerdicts, $"{importId}/{draft.FirstRow}"), importId, draft.FirstRow,
            draft.Rows.Select(r => r.Number).ToList(), draft.Key, draft.VillageCode, verdict, householdId, problems);

    /// <summary>Puts a refusal's field error on the cell it concerns: "members[2].idNumber" is the third row's ID number.</summary>
    private static void Locate(FieldError error, HouseholdDraft draft, RegisterHousehold command, HouseholdCells cells, RowProblems problems)
    {
        if (error.Field.StartsWith("members[", StringComparison.Ordinal))
        {
            var close = error.Field.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(error.Field[8..close], System.Globalization.CultureInfo.InvariantCulture);
            var column = SheetColumns.OfField(error.Field[(close + 2)..])?.Column ?? SheetColumn.Name;
            problems.Add(draft.Rows[index].Number, column, error.Code, error.Message);
            return;
        }
        if (error.Field == "members")
        {
            var heads = command.Members.Select((m, i) => (m, i)).Where(x => x.m.Facts.Relation == Relation.Head).Select(x => draft.Rows[x.i]).ToList();
            if (error.Code == "household.head.exactly-one" && heads.Count > 1)
                problems.AddToEach(heads, SheetColumn.Relation, error.Code, error.Message);
            else
                problems.Add(draft.FirstRow, error.Code == "household.head.exactly-one" ? SheetColumn.Relation : SheetColumn.HouseholdKey, error.Code, error.Message);
            return;
        }
        if (SheetColumns.OfField(error.Field) is { } spec)
            problems.Add(cells.HouseholdRow(spec.Column), spec.Column, error.Code, error.Message);
        else
            problems.Add(draft.FirstRow, SheetColumn.HouseholdKey, error.Code, error.Message);
    }
}
