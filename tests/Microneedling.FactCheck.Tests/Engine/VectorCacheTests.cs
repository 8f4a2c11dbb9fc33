using System.Numerics.Tensors;
using Microneedling.FactCheck.Semantic;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// <see cref="VectorCache.For"/> keeps one cache per folder for the process, so a "new" cache reading a
/// file written by another is one on another folder holding a copy of that file.
/// </summary>
public sealed class VectorCacheTests : IDisposable
{
    private static readonly SentenceEncoder Encoder = SentenceEncoder.ForFile();
    private readonly TempFolder _folder = new("vector-cache-");

    public void Dispose() => _folder.Dispose();

    private static readonly string[] Texts =
    [
        "vector cache test: how deep does a 0.5 mm roller go",
        "vector cache test: can I roll over a tattoo",
        "vector cache test: do I need to sterilise the pen tip",
    ];

    private string Folder(string name) => Path.Combine(_folder.Path, name);

    /// <summary>A cache on a fresh folder that has encoded <see cref="Texts"/> and written its file; returns that file.</summary>
    private string Written(string name)
    {
        var cache = VectorCache.For(Encoder, Folder(name));
        cache.GetOrEncode(Texts, Encoder);
        return Assert.Single(Directory.GetFiles(Folder(name)));
    }

    /// <summary>A folder holding <paramref name="bytes"/> as the cache file of the same name as <paramref name="file"/>.</summary>
    private string CopyTo(string name, string file, byte[] bytes)
    {
        Directory.CreateDirectory(Folder(name));
        File.WriteAllBytes(Path.Combine(Folder(name), Path.GetFileName(file)), bytes);
        return Folder(name);
    }

    private static void AssertSameAsEncoder(float[][] vectors)
    {
        var fresh = Encoder.Encode(Texts);
        Assert.Equal(Texts.Length, vectors.Length);
        for (var i = 0; i < Texts.Length; i++)
            Assert.True(TensorPrimitives.Dot(fresh[i], vectors[i]) > 0.9999f, Texts[i]);
    }

    [Fact]
    public void The_same_folder_gives_the_same_cache()
    {
        Assert.Same(VectorCache.For(Encoder, Folder("same")), VectorCache.For(Encoder, Folder("same")));
        Assert.NotSame(VectorCache.For(Encoder, Folder("same")), VectorCache.For(Encoder, Folder("other")));
    }

    [Fact]
    public void Vectors_are_encoded_once_and_written_to_a_file_named_by_the_model()
    {
        var cache = VectorCache.For(Encoder, Folder("write"));
        Assert.Equal(0, cache.Count);
        AssertSameAsEncoder(cache.GetOrEncode(Texts, Encoder));
        Assert.Equal(Texts.Length, cache.Count);
        var file = Assert.Single(Directory.GetFiles(Folder("write")));
        Assert.Contains(Encoder.ModelHash, Path.GetFileName(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Vectors_written_by_one_cache_are_read_back_by_a_new_cache()
    {
        var file = Written("first");
        var folder = CopyTo("second", file, File.ReadAllBytes(file));
        var reader = VectorCache.For(Encoder, folder);
        // Counted before anything is encoded: they came from the file.
        Assert.Equal(Texts.Length, reader.Count);
        var first = VectorCache.For(Encoder, Folder("first")).GetOrEncode(Texts, Encoder);
        var second = reader.GetOrEncode(Texts, Encoder);
        for (var i = 0; i < Texts.Length; i++) Assert.Equal(first[i], second[i]);
        Assert.Equal(Texts.Length, reader.Count);
    }

    [Fact]
    public void Repeated_texts_are_encoded_once_and_each_gets_its_vector()
    {
        var cache = VectorCache.For(Encoder, Folder("repeats"));
        var vectors = cache.GetOrEncode([Texts[0], Texts[1], Texts[0]], Encoder);
        Assert.Equal(2, cache.Count);
        Assert.Equal(vectors[0], vectors[2]);
    }

    [Fact]
    public void A_file_of_random_bytes_is_ignored_and_the_vectors_recomputed()
    {
        var file = Written("random-source");
        var garbage = new byte[File.ReadAllBytes(file).Length];
        new Random(21).NextBytes(garbage);
        var cache = VectorCache.For(Encoder, CopyTo("random", file, garbage));
        Assert.Equal(0, cache.Count);
        AssertSameAsEncoder(cache.GetOrEncode(Texts, Encoder));
    }

    [Fact]
    public void An_empty_file_is_ignored_and_the_vectors_recomputed()
    {
        var file = Written("empty-source");
        var cache = VectorCache.For(Encoder, CopyTo("empty", file, []));
        Assert.Equal(0, cache.Count);
        AssertSameAsEncoder(cache.GetOrEncode(Texts, Encoder));
    }

    [Fact]
    public void A_file_cut_to_half_is_ignored_and_the_vectors_recomputed()
    {
        var file = Written("half-source");
        var bytes = File.ReadAllBytes(file);
        var cache = VectorCache.For(Encoder, CopyTo("half", file, bytes[..(bytes.Length / 2)]));
        AssertSameAsEncoder(cache.GetOrEncode(Texts, Encoder));
        Assert.Equal(Texts.Length, cache.Count);
    }

    [Fact]
    public void A_file_torn_inside_its_last_vector_keeps_the_complete_ones()
    {
        var file = Written("torn-source");
        var source = VectorCache.For(Encoder, Folder("torn-source")).GetOrEncode(Texts, Encoder);
        var bytes = File.ReadAllBytes(file);
        var cache = VectorCache.For(Encoder, CopyTo("torn", file, bytes[..^4]));
        Assert.Equal(Texts.Length - 1, cache.Count);
        var vectors = cache.GetOrEncode(Texts, Encoder);
        // The complete ones are the file's, bit for bit; the torn one is encoded again.
        Assert.InRange(Enumerable.Range(0, Texts.Length).Count(i => source[i].AsSpan().SequenceEqual(vectors[i])), Texts.Length - 1, Texts.Length);
        for (var i = 0; i < Texts.Length; i++)
            Assert.True(TensorPrimitives.Dot(source[i], vectors[i]) > 0.98f, Texts[i]);
    }

    [Fact]
    public void A_file_claiming_more_vectors_than_it_holds_is_ignored()
    {
        var file = Written("count-source");
        var bytes = File.ReadAllBytes(file);
        // Header: magic, dimensions, count (little-endian int32s).
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 8);
        var cache = VectorCache.For(Encoder, CopyTo("count", file, bytes));
        Assert.Equal(0, cache.Count);
        AssertSameAsEncoder(cache.GetOrEncode(Texts, Encoder));
    }

    [Fact]
    public void A_corrupt_file_is_rewritten_whole_after_the_vectors_are_recomputed()
    {
        var file = Written("rewrite-source");
        var folder = CopyTo("rewrite", file, [1, 2, 3]);
        VectorCache.For(Encoder, folder).GetOrEncode(Texts, Encoder);
        var again = CopyTo("rewrite-copy", file, File.ReadAllBytes(Path.Combine(folder, Path.GetFileName(file))));
        Assert.Equal(Texts.Length, VectorCache.For(Encoder, again).Count);
    }

    [Fact]
    public void A_folder_that_cannot_be_created_leaves_the_vectors_in_memory()
    {
        // A file where the folder should be: the cache file cannot be written, nothing throws.
        var blocker = _folder.Write("not-a-folder", "x");
        var cache = VectorCache.For(Encoder, Path.Combine(blocker, "sub"));
        AssertSameAsEncoder(cache.GetOrEncode(Texts, Encoder));
        Assert.Equal(Texts.Length, cache.Count);
    }
}
