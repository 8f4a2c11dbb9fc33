using System.Buffers.Binary;
using System.Text;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Just enough of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) to read
/// and rewrite an ONNX model: a message is its fields in order, each a number, a wire type and a value;
/// length-delimited values are slices of the original bytes, so nothing is copied until it is written.
/// </summary>
internal static class Protobuf
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public readonly record struct Field(int Number, int Wire, ulong Value, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes.Span);
    }

    public static List<Field> Parse(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var i = 0;
        while (i < span.Length)
        {
            var key = ReadVarint(span, ref i);
            var number = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case Varint:
                    fields.Add(new Field(number, wire, ReadVarint(span, ref i), default));
                    break;
                case Fixed64:
                    fields.Add(new Field(number, wire, BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(i, 8)), default));
                    i += 8;
                    break;
                case LengthDelimited:
                    var length = checked((int)ReadVarint(span, ref i));
                    if (length < 0 || i + length > span.Length) throw new InvalidDataException("a length-delimited field runs past the end of its message");
                    fields.Add(new Field(number, wire, 0, message.Slice(i, length)));
                    i += length;
                    break;
                case Fixed32:
                    fields.Add(new Field(number, wire, BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(i, 4)), default));
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException($"unsupported protobuf wire type {wire}");
            }
        }
        return fields;
    }

    /// <summary>The first length-delimited field with this number, as text (null when there is none).</summary>
    public static string? FirstText(ReadOnlyMemory<byte> message, int number)
    {
        foreach (var f in Parse(message))
            if (f.Number == number && f.Wire == LengthDelimited) return f.Text;
        return null;
    }

    public static byte[] Write(IEnumerable<Field> fields)
    {
        using var output = new MemoryStream();
        Write(output, fields);
        return output.ToArray();
    }

    public static void Write(Stream output, IEnumerable<Field> fields)
    {
        Span<byte> buffer = stackalloc byte[8];
        foreach (var f in fields)
        {
            WriteVarint(output, ((ulong)f.Number << 3) | (uint)f.Wire);
            switch (f.Wire)
            {
                case Varint:
                    WriteVarint(output, f.Value);
                    break;
                case Fixed64:
                    BinaryPrimitives.WriteUInt64LittleEndian(buffer, f.Value);
                    output.Write(buffer[..8]);
                    break;
                case LengthDelimited:
                    WriteVarint(output, (ulong)f.Bytes.Length);
                    output.Write(f.Bytes.Span);
                    break;
                case Fixed32:
                    BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)f.Value);
                    output.Write(buffer[..4]);
                    break;
            }
        }
    }

    public static Field Text(int number, string value) => new(number, LengthDelimited, 0, Encoding.UTF8.GetBytes(value));

    public static Field Number(int number, ulong value) => new(number, Varint, value, default);

    public static Field Message(int number, ReadOnlyMemory<byte> bytes) => new(number, LengthDelimited, 0, bytes);

    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= data.Length) throw new InvalidDataException("a varint runs past the end of its message");
            var b = data[i++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return result;
        }
        throw new InvalidDataException("a varint is longer than 10 bytes");
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }
}
