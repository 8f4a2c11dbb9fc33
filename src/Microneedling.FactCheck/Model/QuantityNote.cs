namespace Microneedling.FactCheck;

/// <summary>What a matched claim says about a number in the question ("2 mm is too long for home use").</summary>
public sealed record QuantityNote(Quantity Quantity, string Text, bool OutOfRange);
