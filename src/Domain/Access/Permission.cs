namespace Registry.Domain.Access;

public enum Permission
{
    ReadRegistry,
    ReadIdNumbers,
    RegisterHousehold,
    RecordHouseholdFacts,
    VerifyIncome,
    AssignResponsible,
    RecordAssistance,
    ManageOrgUnits,
    ManagePolicyLines,
    FlagNotEnjoyingPolicy,
    ReadAudit,
    ReadSensitiveReads,
    RaiseProblem,
    ResolveProblem,
    RunDataQuality,
    ProposeSubmission,
    AnchorHistory,
}
