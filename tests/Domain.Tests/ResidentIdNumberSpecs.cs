namespace Registry.Domain.Tests;

public class ResidentIdNumberSpecs
{
    private static string? CodeOf(string? raw) => ResidentIdNumber.Parse(raw, Now).Code;

    [Fact]
    public void A_valid_number_parses_into_region_birth_date_and_sex()
    {
        var (id, code, message) = ResidentIdNumber.Parse(Ids.Make(Sex.Female, "19800215", 7), Now);

        code.ShouldBeNull();
        message.ShouldBeNull();
        id.ShouldNotBeNull();
        id.RegionCode.ShouldBe("500101");
        id.BirthDate.ShouldBe(D(1980, 2, 15));
        id.Sex.ShouldBe(Sex.Female);
    }

    [Fact]
    public void The_published_example_number_is_valid() =>
        CodeOf("11010519491231002X").ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_number_is_required(string? raw) => CodeOf(raw).ShouldBe("member.id-number.required");

    [Theory]
    [InlineData("50010119700101001")]
    [InlineData("5001011970010100111")]
    [InlineData("500101700101001")]
    public void A_number_has_18_characters(string raw) => CodeOf(raw).ShouldBe("member.id-number.length");

    [Theory]
    [InlineData("50010119700101A011")]
    [InlineData("5001011970-101001X")]
    [InlineData("500101197001010011Y")]
    public void The_first_17_characters_are_digits(string raw) =>
        CodeOf(raw).ShouldBe(raw.Length == 18 ? "member.id-number.format" : "member.id-number.length");

    [Theory]
    [InlineData("50010119700101001Y")]
    [InlineData("50010119700101001-")]
    public void The_last_character_is_a_digit_or_X(string raw) => CodeOf(raw).ShouldBe("member.id-number.format");

    [Theory]
    [InlineData("000101")]
    [InlineData("900101")]
    [InlineData("500000")]
    [InlineData("500100")]
    public void The_region_is_a_county_level_division(string region) =>
        CodeOf(Ids.Make(Sex.Male, region: region)).ShouldBe("member.id-number.region");

    [Theory]
    [InlineData("19700230")]
    [InlineData("19701301")]
    [InlineData("19700000")]
    [InlineData("19710229")]
    public void The_birth_date_is_a_real_date(string birth) =>
        CodeOf(Ids.Make(Sex.Male, birth)).ShouldBe("member.id-number.birth-date");

    [Fact]
    public void A_leap_day_birth_date_is_real() => CodeOf(Ids.Make(Sex.Male, "19720229")).ShouldBeNull();

    [Fact]
    public void The_birth_date_is_not_in_the_future() =>
        CodeOf(Ids.Make(Sex.Male, "20201116")).ShouldBe("member.id-number.birth-date");

    [Fact]
    public void A_child_born_today_has_a_valid_number() =>
        CodeOf(Ids.Make(Sex.Female, "20201115")).ShouldBeNull();

    [Fact]
    public void Today_is_the_china_standard_time_date()
    {
        var lateUtcEvening = new DateTimeOffset(2020, 11, 15, 20, 0, 0, TimeSpan.Zero); // 2020-11-16 04:00 in Beijing
        ResidentIdNumber.Parse(Ids.Make(Sex.Female, "20201116"), lateUtcEvening).Code.ShouldBeNull();
    }

    [Theory]
    [InlineData("18891231")]
    [InlineData("10000101")]
    public void The_birth_date_is_not_implausibly_early(string birth) =>
        CodeOf(Ids.Make(Sex.Male, birth)).ShouldBe("member.id-number.birth-date");

    [Fact]
    public void A_wrong_check_digit_is_refused() =>
        CodeOf(Ids.WithWrongCheckDigit(A.HeadIdNumber)).ShouldBe("member.id-number.checksum");

    [Fact]
    public void An_X_check_digit_is_accepted_in_either_case()
    {
        var id = Ids.EndingInX();

        CodeOf(id).ShouldBeNull();
        var (parsed, code, _) = ResidentIdNumber.Parse(id.ToLowerInvariant(), Now);
        code.ShouldBeNull();
        parsed!.Value.ShouldBe(id);
    }

    [Fact]
    public void An_X_where_the_check_digit_is_a_number_is_refused()
    {
        var id = A.HeadIdNumber;
        id[17].ShouldNotBe('X');
        CodeOf(id[..17] + "X").ShouldBe("member.id-number.checksum");
    }

    [Fact]
    public void Surrounding_spaces_are_trimmed() =>
        ResidentIdNumber.Parse($"  {A.HeadIdNumber} ", Now).Id!.Value.ShouldBe(A.HeadIdNumber);

    [Theory]
    [InlineData(1, Sex.Male)]
    [InlineData(3, Sex.Male)]
    [InlineData(9, Sex.Male)]
    [InlineData(0, Sex.Female)]
    [InlineData(2, Sex.Female)]
    [InlineData(8, Sex.Female)]
    public void The_17th_digit_encodes_the_sex_odd_male_even_female(int digit, Sex sex)
    {
        var id = Ids.WithCheckDigit($"5001011970010100{digit}");
        ResidentIdNumber.Parse(id, Now).Id!.Sex.ShouldBe(sex);
    }

    [Fact]
    public void The_check_digit_follows_gb_11643()
    {
        ResidentIdNumber.CheckDigit("11010519491231002").ShouldBe('X');
        ResidentIdNumber.CheckDigit("44052418800101001").ShouldBe('4');
    }

    [Theory]
    [InlineData("500101197001010012", "**************0012")]
    [InlineData("12345", "*2345")]
    [InlineData("1234", "****")]
    [InlineData("", "")]
    public void Masking_keeps_only_the_last_four_characters(string raw, string masked) =>
        ResidentIdNumber.Mask(raw).ShouldBe(masked);

    [Theory]
    [InlineData("2020-01-01", 50)]
    [InlineData("2020-02-14", 50)]
    [InlineData("2020-02-15", 51)]
    public void Age_counts_completed_years(string on, int age) =>
        ResidentIdNumber.Parse(Ids.Make(Sex.Male, "19690215"), Now).Id!.AgeOn(DateOnly.Parse(on)).ShouldBe(age);

    [Theory]
    [InlineData(0, Sex.Female)]
    [InlineData(137, Sex.Male)]
    [InlineData(499, Sex.Female)]
    public void A_composed_number_reads_back_as_its_region_birth_date_and_sex(int serial, Sex sex)
    {
        var number = ResidentIdNumber.Compose("500101", new DateOnly(1984, 2, 29), serial, sex);

        var parsed = ResidentIdNumber.Parse(number, Now).Id!;
        parsed.RegionCode.ShouldBe("500101");
        parsed.BirthDate.ShouldBe(new DateOnly(1984, 2, 29));
        parsed.Sex.ShouldBe(sex);
    }
}
