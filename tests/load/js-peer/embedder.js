'use strict';
// Sentence vectors with onnxruntime-node: token ids in, the model's token vectors out, mean-pooled
// over the attention mask and L2-normalised (what sentence-transformers does for all-MiniLM-L6-v2),
// so a dot product of two vectors is their cosine similarity.
const ort = require('onnxruntime-node');

const DIMENSIONS = 384;

class Embedder {
  // One InferenceSession per process, on one thread: the peer runs two processes on two cores, so
  // each process gets one core, the way the requirement's peer is set up (and more intra-op threads
  // per process would only fight each other for the same two cores).
  static async create(modelPath, tokenizer) {
    const session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    for (const name of ['input_ids', 'attention_mask', 'token_type_ids']) {
      if (!session.inputNames.includes(name)) throw new Error(`embedder: ${modelPath} has no input ${name} (it has ${session.inputNames.join(', ')})`);
    }
    // The first output is the token vectors (last_hidden_state); asking for it alone spares the
    // model's pooler output, which nobody reads.
    return new Embedder(session, tokenizer, session.outputNames[0]);
  }

  constructor(session, tokenizer, outputName) {
    this.session = session;
    this.tokenizer = tokenizer;
    this.outputName = outputName;
  }

  // One text: shape [1, n], no padding.
  async embed(text) {
    return (await this.embedBatch([text]))[0];
  }

  // Several texts in one run, padded with [PAD] to the longest (the mask keeps padding out of the
  // mean). Used at start-up for the claim texts: batching cuts the per-run overhead.
  async embedBatch(texts) {
    const encoded = texts.map(t => this.tokenizer.encode(t));
    const batch = encoded.length;
    const longest = Math.max(...encoded.map(e => e.length));
    const ids = new BigInt64Array(batch * longest).fill(BigInt(this.tokenizer.pad));
    const mask = new BigInt64Array(batch * longest); // zeros: padding
    const types = new BigInt64Array(batch * longest); // zeros: every token is in sentence A
    encoded.forEach((e, b) => {
      for (let t = 0; t < e.length; t++) {
        ids[b * longest + t] = BigInt(e[t]);
        mask[b * longest + t] = 1n;
      }
    });
    const dims = [batch, longest];
    const feeds = {
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
      token_type_ids: new ort.Tensor('int64', types, dims),
    };
    const output = (await this.session.run(feeds, [this.outputName]))[this.outputName];
    const hidden = output.data; // Float32Array [batch, longest, 384]
    const dim = output.dims[2];
    const vectors = [];
    for (let b = 0; b < batch; b++) {
      const v = new Float32Array(dim);
      const count = encoded[b].length; // the mask is 1 exactly on the first `count` tokens
      for (let t = 0; t < count; t++) {
        const base = (b * longest + t) * dim;
        for (let d = 0; d < dim; d++) v[d] += hidden[base + d];
      }
      let norm = 0;
      for (let d = 0; d < dim; d++) { v[d] /= count; norm += v[d] * v[d]; }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let d = 0; d < dim; d++) v[d] /= norm;
      vectors.push(v);
    }
    output.dispose?.();
    return vectors;
  }
}

module.exports = { Embedder, DIMENSIONS };
