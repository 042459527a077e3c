using System.ComponentModel;

namespace Registry.Domain.People;

public enum Sex
{
    [Description("男")] Male,
    [Description("女")] Female,
}
