using System.Runtime.InteropServices;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Dynamic int8 quantization of a transformer's weight matrices, done here because ONNX Runtime's
/// quantization tool is Python-only: every <c>MatMul</c> whose second input is a float [K, N] initializer
/// becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c> (activations quantized per run,
/// weights once, symmetric, per output column). On this 2-core machine it made all-MiniLM-L6-v2 2.3–3.3x
/// faster for 16–128 tokens with vectors at cosine 0.99 to the float model's; everything else in the
/// graph (embeddings, attention scores, layer norms) stays float. Deterministic: the same input gives
/// the same bytes, so the result's hash can key cached vectors and a fitted matcher model.
/// </summary>
internal static class OnnxQuantizer
{
    // onnx.proto field numbers.
    private const int ModelGraph = 7, ModelOpsetImport = 8;
    private const int OpsetDomain = 1, OpsetVersion = 2;
    private const int GraphNode = 1, GraphInitializer = 5;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeDomain = 7;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorRawData = 9;
    private const int FloatType = 1, Int8Type = 3;
    private const string ContribDomain = "com.microsoft";

    public static byte[] Quantize(byte[] model)
    {
        var top = Protobuf.Parse(model);
        var graphIndex = top.FindIndex(f => f.Number == ModelGraph);
        if (graphIndex < 0) throw new InvalidDataException("the model has no graph");
        var graph = Protobuf.Parse(top[graphIndex].Bytes);
        var initializers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Count; i++)
            if (graph[i].Number == GraphInitializer && Protobuf.FirstText(graph[i].Bytes, TensorName) is { } name)
                initializers[name] = i;

        var replaced = new HashSet<int>();
        var added = new List<Protobuf.Field>();
        for (var i = 0; i < graph.Count; i++)
        {
            if (graph[i].Number != GraphNode) continue;
            var node = Protobuf.Parse(graph[i].Bytes);
            if (node.FirstOrDefault(f => f.Number == NodeOpType).Text != "MatMul") continue;
            var inputs = node.Where(f => f.Number == NodeInput).ToList();
            if (inputs.Count != 2 || !initializers.TryGetValue(inputs[1].Text, out var at)) continue;
            if (Weights(graph[at].Bytes) is not var (k, n, w)) continue;
            var weightName = inputs[1].Text;
            var (q, scale) = QuantizeColumns(w, k, n);
            added.Add(Tensor(weightName + "_int8", Int8Type, [k, n], q));
            added.Add(Tensor(weightName + "_scale", FloatType, [n], MemoryMarshal.AsBytes(scale.AsSpan()).ToArray()));
            added.Add(Tensor(weightName + "_zero", Int8Type, [n], new byte[n]));
            var rewritten = new List<Protobuf.Field>
            {
                inputs[0],
                Protobuf.Text(NodeInput, weightName + "_int8"),
                Protobuf.Text(NodeInput, weightName + "_scale"),
                Protobuf.Text(NodeInput, weightName + "_zero"),
            };
            rewritten.AddRange(node.Where(f => f.Number is NodeOutput or NodeName));
            rewritten.Add(Protobuf.Text(NodeOpType, "DynamicQuantizeMatMul"));
            rewritten.Add(Protobuf.Text(NodeDomain, ContribDomain));
            graph[i] = Protobuf.Message(GraphNode, Protobuf.Write(rewritten));
            replaced.Add(at);
        }
        if (replaced.Count == 0) throw new InvalidDataException("the model has no float MatMul with constant weights to quantize");

        var newGraph = graph.Where((_, i) => !replaced.Contains(i)).Concat(added);
        top[graphIndex] = Protobuf.Message(ModelGraph, Protobuf.Write(newGraph));
        var hasContrib = top.Any(f => f.Number == ModelOpsetImport && Protobuf.FirstText(f.Bytes, OpsetDomain) == ContribDomain);
        if (!hasContrib)
            top.Add(Protobuf.Message(ModelOpsetImport, Protobuf.Write([Protobuf.Text(OpsetDomain, ContribDomain), Protobuf.Number(OpsetVersion, 1)])));
        return Protobuf.Write(top);
    }

    /// <summary>A float matrix initializer's shape and values; null for anything else.</summary>
    private static (int K, int N, float[] W)? Weights(ReadOnlyMemory<byte> tensor)
    {
        var dims = new List<long>();
        var type = 0UL;
        ReadOnlyMemory<byte> raw = default, floats = default;
        foreach (var f in Protobuf.Parse(tensor))
        {
            switch (f.Number)
            {
                case TensorDims when f.Wire == Protobuf.Varint:
                    dims.Add((long)f.Value);
                    break;
                case TensorDims:
                    var span = f.Bytes.Span;
                    for (var i = 0; i < span.Length;) dims.Add((long)Protobuf.ReadVarint(span, ref i));
                    break;
                case TensorDataType:
                    type = f.Value;
                    break;
                case TensorRawData:
                    raw = f.Bytes;
                    break;
                case TensorFloatData when f.Wire == Protobuf.LengthDelimited:
                    floats = f.Bytes;
                    break;
            }
        }
        if (type != FloatType || dims.Count != 2 || dims[0] <= 0 || dims[1] <= 0) return null;
        var data = raw.Length > 0 ? raw : floats;
        var count = checked((int)(dims[0] * dims[1]));
        if (data.Length != count * sizeof(float)) return null;
        return ((int)dims[0], (int)dims[1], MemoryMarshal.Cast<byte, float>(data.Span).ToArray());
    }

    /// <summary>Symmetric int8 per column: scale = max |w| / 127, zero point 0.</summary>
    private static (byte[] Q, float[] Scale) QuantizeColumns(float[] w, int k, int n)
    {
        var scale = new float[n];
        for (var row = 0; row < k; row++)
            for (var col = 0; col < n; col++)
                scale[col] = Math.Max(scale[col], Math.Abs(w[(row * n) + col]));
        for (var col = 0; col < n; col++) scale[col] = scale[col] > 0 ? scale[col] / 127f : 1f;
        var q = new byte[w.Length];
        for (var row = 0; row < k; row++)
            for (var col = 0; col < n; col++)
                q[(row * n) + col] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(w[(row * n) + col] / scale[col]), -127, 127));
        return (q, scale);
    }

    private static Protobuf.Field Tensor(string name, int type, long[] dims, byte[] data)
    {
        var fields = dims.Select(d => Protobuf.Number(TensorDims, (ulong)d)).ToList();
        fields.Add(Protobuf.Number(TensorDataType, (ulong)type));
        fields.Add(Protobuf.Text(TensorName, name));
        fields.Add(Protobuf.Message(TensorRawData, data));
        return Protobuf.Message(GraphInitializer, Protobuf.Write(fields));
    }
}
