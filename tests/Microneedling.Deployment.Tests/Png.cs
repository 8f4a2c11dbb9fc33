using System.Buffers.Binary;
using System.IO.Compression;

namespace Microneedling.Deployment.Tests;

/// <summary>Just enough PNG reading for the icon checks: IHDR, and RGBA pixels of 8-bit non-interlaced images.</summary>
internal sealed class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public int Width { get; private init; }
    public int Height { get; private init; }
    public byte BitDepth { get; private init; }
    /// <summary>0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.</summary>
    public byte ColorType { get; private init; }
    public byte Interlace { get; private init; }
    public bool HasTransparencyChunk { get; private init; }
    private byte[] CompressedData { get; init; } = [];

    public static Png Read(byte[] bytes)
    {
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG");
        var span = bytes.AsSpan();
        if (!span.Slice(12, 4).SequenceEqual("IHDR"u8)) throw new InvalidDataException("first chunk is not IHDR");
        var idat = new MemoryStream();
        var trns = false;
        for (var offset = 8; offset + 8 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            var type = span.Slice(offset + 4, 4);
            if (type.SequenceEqual("IDAT"u8)) idat.Write(span.Slice(offset + 8, length));
            if (type.SequenceEqual("tRNS"u8)) trns = true;
            if (type.SequenceEqual("IEND"u8)) break;
            offset += 12 + length;
        }
        return new Png
        {
            Width = (int)BinaryPrimitives.ReadUInt32BigEndian(span[16..]),
            Height = (int)BinaryPrimitives.ReadUInt32BigEndian(span[20..]),
            BitDepth = bytes[24],
            ColorType = bytes[25],
            Interlace = bytes[28],
            HasTransparencyChunk = trns,
            CompressedData = idat.ToArray(),
        };
    }

    /// <summary>Pixels as RGBA rows, for 8-bit RGBA (color type 6), non-interlaced images.</summary>
    public byte[][] RgbaRows()
    {
        if (ColorType != 6 || BitDepth != 8 || Interlace != 0) throw new NotSupportedException("only 8-bit non-interlaced RGBA is decoded here");
        using var inflater = new ZLibStream(new MemoryStream(CompressedData), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var data = raw.ToArray();
        const int bpp = 4;
        var stride = Width * bpp;
        if (data.Length != Height * (stride + 1)) throw new InvalidDataException($"expected {Height * (stride + 1)} bytes of image data, got {data.Length}");
        var rows = new byte[Height][];
        var previous = new byte[stride];
        for (var y = 0; y < Height; y++)
        {
            var filter = data[y * (stride + 1)];
            var row = data.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"bad filter type {filter}"),
                });
            }
            rows[y] = row;
            previous = row;
        }
        return rows;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
