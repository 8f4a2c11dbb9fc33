using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Vectors of claim texts, keyed by the model's hash and the text's hash, kept for the process and in a
/// file per model, so a restart (or the next test host) embeds only what changed. Embedding every
/// claim text takes seconds; reading them back takes milliseconds. The file is an optimisation: one
/// that cannot be read is ignored and rewritten, one that cannot be written leaves the vectors in memory.
/// </summary>
public sealed class VectorCache
{
    private const uint Magic = 0x4D4E5643; // "CVNM"
    private const int KeyBytes = 16;
    private static readonly ConcurrentDictionary<string, VectorCache> ByFile = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<UInt128, float[]> _vectors = new();
    private readonly string? _file;
    private readonly Lock _writeLock = new();

    private VectorCache(string? file)
    {
        _file = file;
        if (file is not null) ReadFile(file);
    }

    /// <summary>Where vectors are kept unless configured: a folder in the system's temporary directory.</summary>
    public static string DefaultDirectory => Path.Combine(Path.GetTempPath(), "microneedling-vectors");

    /// <summary>The process-wide cache for a model in a folder (null: memory only).</summary>
    public static VectorCache For(SentenceEncoder encoder, string? directory)
    {
        var file = directory is null ? null : Path.GetFullPath(Path.Combine(directory, $"claim-vectors-{encoder.ModelHash}.bin"));
        return ByFile.GetOrAdd(file ?? "memory:" + encoder.ModelHash, _ => new VectorCache(file));
    }

    public int Count => _vectors.Count;

    /// <summary>The vector of every text, embedding (in batches, on every core) only those not seen before.</summary>
    public float[][] GetOrEncode(IReadOnlyList<string> texts, SentenceEncoder encoder)
    {
        var keys = texts.Select(Key).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !_vectors.ContainsKey(keys[i])).DistinctBy(i => keys[i]).ToList();
        if (missing.Count > 0)
        {
            var batches = missing.Chunk(16).ToList();
            Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
            {
                var vectors = encoder.Encode(batch.Select(i => texts[i]).ToList());
                for (var j = 0; j < batch.Length; j++) _vectors[keys[batch[j]]] = vectors[j];
            });
            WriteFile();
        }
        return keys.Select(k => _vectors[k]).ToArray();
    }

    private static UInt128 Key(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BitConverter.ToUInt128(hash[..KeyBytes]);
    }

    private void ReadFile(string file)
    {
        try
        {
            if (!File.Exists(file)) return;
            using var reader = new BinaryReader(File.OpenRead(file));
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() != SentenceEncoder.Dimensions) return;
            var count = reader.ReadInt32();
            if (count < 0 || (long)count * ((SentenceEncoder.Dimensions * 4) + KeyBytes) > reader.BaseStream.Length) return;
            for (var i = 0; i < count; i++)
            {
                var key = new UInt128(reader.ReadUInt64(), reader.ReadUInt64());
                var vector = new float[SentenceEncoder.Dimensions];
                for (var d = 0; d < vector.Length; d++) vector[d] = reader.ReadSingle();
                _vectors[key] = vector;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            // A torn or foreign file: start from what was read and rewrite it on the next change.
        }
    }

    private void WriteFile()
    {
        if (_file is null) return;
        lock (_writeLock)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
                var temp = _file + "." + Environment.ProcessId + ".tmp";
                var entries = _vectors.ToArray();
                using (var writer = new BinaryWriter(File.Create(temp)))
                {
                    writer.Write(Magic);
                    writer.Write(SentenceEncoder.Dimensions);
                    writer.Write(entries.Length);
                    foreach (var (key, vector) in entries)
                    {
                        writer.Write((ulong)(key >> 64));
                        writer.Write((ulong)key);
                        foreach (var x in vector) writer.Write(x);
                    }
                }
                File.Move(temp, _file, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Read-only disk: the vectors stay in memory for this process.
            }
        }
    }
}
