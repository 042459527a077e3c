namespace Registry.Domain.Tests;

public class PhoneAndNameSpecs
{
    [Theory]
    [InlineData("13800138000")]
    [InlineData("19912345678")]
    [InlineData("15023456789")]
    public void A_mainland_mobile_number_is_valid(string phone) => PhoneNumber.IsValid(phone).ShouldBeTrue();

    [Theory]
    [InlineData("023-58123456")]
    [InlineData("02358123456")]
    [InlineData("010-6512345")]
    [InlineData("0571-87654321")]
    public void A_landline_with_area_code_is_valid(string phone) => PhoneNumber.IsValid(phone).ShouldBeTrue();

    [Theory]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("138001380000")]
    [InlineData("23800138000")]
    [InlineData("58123456")]
    [InlineData("023-08123456")]
    [InlineData("023-812345")]
    [InlineData("+8613800138000")]
    [InlineData("1380013800a")]
    [InlineData("")]
    public void Anything_else_is_invalid(string phone) => PhoneNumber.IsValid(phone).ShouldBeFalse();

    [Theory]
    [InlineData(" 138 0013 8000 ", "13800138000")]
    [InlineData("023 5812 3456", "02358123456")]
    [InlineData(null, null)]
    public void Normalizing_removes_spaces(string? raw, string? normalized) => PhoneNumber.Normalize(raw).ShouldBe(normalized);

    [Theory]
    [InlineData("张三")]
    [InlineData("  欧阳 娜娜  ")]
    [InlineData("阿卜杜热合曼·买买提")]
    public void A_name_of_1_to_30_characters_without_digits_is_valid(string name) => PersonName.Check(name).ShouldBeNull();

    [Fact]
    public void A_name_of_exactly_30_characters_is_valid() => PersonName.Check(new string('张', 30)).ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_name_is_required(string? name) => PersonName.Check(name).ShouldBe("member.name.required");

    [Fact]
    public void A_name_longer_than_30_characters_is_refused() => PersonName.Check(new string('张', 31)).ShouldBe("member.name.length");

    [Fact]
    public void Surrounding_spaces_do_not_count_towards_the_length() => PersonName.Check($"  {new string('张', 30)}  ").ShouldBeNull();

    [Theory]
    [InlineData("张三1")]
    [InlineData("张３")]
    [InlineData("张\t三")]
    public void A_name_has_no_digits_or_control_characters(string name) => PersonName.Check(name).ShouldBe("member.name.characters");
}
