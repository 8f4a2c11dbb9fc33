using Microneedling.FactCheck.Text;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Tests;

/// <summary>
/// Triage on its own (no spelling correction; see FactCheckerTests for misspelt red flags).
/// Missing a red flag is the worst failure this product has, so these lists are long on purpose.
/// </summary>
public sealed class RedFlagTriageTests
{
    private static readonly RedFlagTriage Triage =
        RedFlagTriage.Load(Path.Combine(AppContext.BaseDirectory, "content", "red-flags.yaml"));

    private static TriageResult Assess(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return Triage.Assess(normalized, normalized);
    }

    [Theory]
    [InlineData("my throat is closing up after microneedling")]
    [InlineData("my face and lips are swelling and I can't breathe")]
    [InlineData("I can't breathe properly since the numbing cream")]
    [InlineData("having trouble breathing after my dermapen session")]
    [InlineData("my tongue is swelling up")]
    [InlineData("lips swollen huge after the serum")]
    [InlineData("throat feels tight and scratchy")]
    [InlineData("it's hard to swallow and my neck feels weird")]
    [InlineData("I fainted after the treatment")]
    [InlineData("my friend passed out after putting on numbing cream")]
    [InlineData("wheezing and hives everywhere")]
    [InlineData("my face is swelling really fast")]
    [InlineData("my eyes are swollen shut")]
    [InlineData("heart racing and I feel dizzy after lidocaine")]
    [InlineData("she had a seizure after the numbing cream")]
    [InlineData("I'm short of breath")]
    [InlineData("no, I cannot breathe")]
    [InlineData("I feel very drowsy after using a lot of numbing cream")]
    public void Emergency_signs_get_emergency(string text)
    {
        var result = Assess(text);
        Assert.Equal(ReferralLevel.Emergency, result.Level);
        Assert.NotEmpty(result.Signs);
        Assert.Contains("emergency number", result.Advice);
    }

    [Theory]
    [InlineData("what if my throat closes?")]
    [InlineData("can numbing cream cause seizures")]
    public void An_emergency_sign_asked_about_gets_conditional_advice_not_an_alarm(string text)
    {
        var result = Assess(text);
        Assert.Equal(ReferralLevel.None, result.Level);
        Assert.Equal(ReferralLevel.Emergency, result.Conditional);
        Assert.StartsWith("If this is happening to you now:", result.ConditionalAdvice);
        Assert.Contains("emergency number", result.ConditionalAdvice);
    }

    [Theory]
    [InlineData("my skin is red, hot and has pus after microneedling")]
    [InlineData("I have a fever and spreading redness after dermarolling")]
    [InlineData("the redness is spreading down my neck")]
    [InlineData("there are red streaks coming from where I rolled")]
    [InlineData("my cheek is hot to the touch and swollen")]
    [InlineData("yellow crust and oozing on my chin")]
    [InlineData("I think my face is infected")]
    [InlineData("I have chills since yesterday's session")]
    [InlineData("severe pain that is getting worse every day")]
    [InlineData("blisters appeared on my forehead")]
    [InlineData("I rolled into my eye by accident")]
    [InlineData("my vision is blurry after needling near my eye")]
    [InlineData("I think I've gone blind in my left eye since the pen went near it")]
    [InlineData("blind in one eye this morning after rolling under my eyes")]
    [InlineData("it won't stop bleeding")]
    [InlineData("my forehead keeps bleeding after rolling")]
    [InlineData("I got a cold sore outbreak on the treated area")]
    [InlineData("hard lumps appeared 6 weeks later")]
    [InlineData("I used my friend's derma roller last night")]
    [InlineData("we shared a roller at the sleepover")]
    [InlineData("the place wasn't licensed and reused needles")]
    [InlineData("she did it at her house with a needle pen")]
    [InlineData("I borrowed my sister's dermapen")]
    [InlineData("I have no idea why but there's pus now")]
    [InlineData("the bleeding just keeps going")]
    [InlineData("a week on and the skin is still weeping")]
    [InlineData("a cold sore has come up on the patch she treated")]
    [InlineData("they reused equipment from the client before me")]
    [InlineData("I'm not sure the salon changed the cartridge between customers")]
    [InlineData("the pen tip had been used on the previous client")]
    [InlineData("got it done at some guys flat")]
    public void Urgent_signs_get_urgent(string text)
    {
        var result = Assess(text);
        Assert.True(result.Level >= ReferralLevel.Urgent, $"'{text}' got {result.Level}");
        Assert.NotEmpty(result.Signs);
    }

    [Fact]
    public void Exposure_advice_mentions_blood_borne_infection_testing()
    {
        var result = Assess("I used my friend's derma roller last night");
        Assert.Contains("HIV", result.Advice);
        Assert.Contains("hepatitis", result.Advice);
    }

    [Theory]
    [InlineData("Is microneedling painful?")]
    [InlineData("Is bleeding normal with microneedling?")]
    [InlineData("How long does redness last after microneedling?")]
    [InlineData("Can I share my derma roller with a friend?")]
    [InlineData("Can microneedling cause an infection?")]
    [InlineData("what if I get a fever after microneedling")]
    [InlineData("how do I avoid infection after dermarolling")]
    [InlineData("no pus, no fever, just a little pink")]
    [InlineData("I get fever blisters, can I microneedle?")]
    [InlineData("Can I microneedle if I get cold sores?")]
    [InlineData("I'm confused about needle lengths")]
    [InlineData("what are the signs of infection")]
    [InlineData("Is it safe on blood thinners?")]
    [InlineData("my face is a bit red today")]
    [InlineData("what if a cold sore comes up after")]
    [InlineData("no weeping or crusting, just dry")]
    [InlineData("will they change the needle for every client")]
    [InlineData("can rolling near the eyes make you go blind?")]
    [InlineData("we went on a blind date to the clinic open day")]
    [InlineData("")]
    [InlineData("hello")]
    public void Ordinary_questions_raise_no_red_flag(string text) =>
        Assert.Equal(ReferralLevel.None, Assess(text).Level);

    [Fact]
    public void Pathological_input_does_not_hang()
    {
        var text = TextNormalizer.Normalize(string.Concat(Enumerable.Repeat("bleeding bleeding not not ", 2000)));
        var result = Triage.Assess(text, text);
        Assert.True(result.Level >= ReferralLevel.None);
    }

    [Fact]
    public void Broken_red_flag_file_names_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("flags-").FullName;
        var path = Path.Combine(dir, "red-flags.yaml");
        File.WriteAllText(path, """
            levels:
              emergency: {advice: call}
              urgent: {advice: today}
            hypothetical: []
            negation: []
            flags:
              - id: broken
                level: soon
                sign: x
                patterns: ['(unclosed']
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        Assert.Contains(ex.Errors, e => e.Field == "flags[0].level" && e.Line == 8);
        Assert.Contains(ex.Errors, e => e.Field == "flags[0].patterns" && e.Message.Contains("regular expression"));
    }
}
