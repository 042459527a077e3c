namespace Registry.Domain.Tests.Specs;

/// <summary>Valid GB 11643 resident ID numbers: region(6) birth(8) sequence(2) sex digit(1) check(1).</summary>
public static class Ids
{
    public const string Region = "500101";

    public static string Make(Sex sex, string birth = "19700101", int sequence = 1, string region = Region) =>
        WithCheckDigit($"{region}{birth}{sequence:D2}{(sex == Sex.Male ? 1 : 2)}");

    public static string Man(int sequence = 1, string birth = "19700101") => Make(Sex.Male, birth, sequence);

    public static string Woman(int sequence = 1, string birth = "19720101") => Make(Sex.Female, birth, sequence);

    public static string WithCheckDigit(string first17) => first17 + ResidentIdNumber.CheckDigit(first17);

    /// <summary>The same number with a check digit that is wrong.</summary>
    public static string WithWrongCheckDigit(string valid)
    {
        var right = valid[17];
        var wrong = right == '0' ? '1' : '0';
        return valid[..17] + wrong;
    }

    /// <summary>A valid number whose check digit is X.</summary>
    public static string EndingInX(Sex sex = Sex.Male)
    {
        for (var sequence = 0; sequence < 100; sequence++)
            if (Make(sex, "19800101", sequence) is var id && id[17] == 'X') return id;
        throw new InvalidOperationException("No sequence yields an X check digit.");
    }
}
