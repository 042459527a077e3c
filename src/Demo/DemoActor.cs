using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Procedures;

namespace Registry.Demo;

/// <summary>The one recognisable author of every demo event, acting in whichever role and unit a command needs.</summary>
public static class DemoActor
{
    public const string UserId = "demo";
    public const string Name = "演示数据";
    public const string Reason = "演示数据：合成的示例户，人员均为虚构";

    public static Actor For(Role role, string villageCode)
    {
        var org = AccessPolicy.RolesAt(StepLevel.Village).Contains(role) ? villageCode
            : role == Role.TownOfficer ? Domain.Org.OrgCode.TownOf(villageCode)
            : Domain.Org.OrgCode.DistrictOf(villageCode);
        return new Actor(UserId, Name, role, org);
    }

    public static Role At(StepLevel level) => AccessPolicy.RolesAt(level).First();
}
