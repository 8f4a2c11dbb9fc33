namespace Microneedling.FactCheck.Text;

/// <summary>A word or number in normalised text, with its character span.</summary>
public readonly record struct Token(string Text, int Start, int Length)
{
    public bool IsNumber => Text.Length > 0 && char.IsAsciiDigit(Text[0]);

    public int End => Start + Length;
}
