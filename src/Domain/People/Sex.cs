namespace Registry.Domain.People;

public enum Sex
{
    Male,
    Female,
}
