'use strict';
// The claim set: every claims/*.yaml of the team's content, read with js-yaml, and the nearest-claim
// search over the vectors of each claim's texts (the claim as people say it plus its phrasings).
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const yaml = require('js-yaml');

const DEFAULT_CLAIMS_DIR = path.resolve(__dirname, '../../../src/Microneedling.FactCheck/content/claims');

// Reads the claims in file-name order (so both worker processes list the texts in the same order)
// and returns them with the flat list of texts to embed: texts[i] belongs to claims[owner[i]].
function loadClaims(dir = process.env.PEER_CLAIMS_DIR || DEFAULT_CLAIMS_DIR) {
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw new Error(`claims: no *.yaml in ${dir} (set PEER_CLAIMS_DIR)`);
  const claims = [];
  const texts = [];
  const owner = [];
  for (const file of files) {
    const doc = yaml.load(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!doc || typeof doc.claim !== 'string' || typeof doc.answer !== 'string') {
      throw new Error(`claims: ${file} has no claim or answer`);
    }
    const index = claims.length;
    claims.push({ id: doc.id || path.basename(file, '.yaml'), claim: doc.claim.trim(), verdict: doc.verdict, answer: doc.answer.trim() });
    for (const text of [doc.claim, ...(doc.phrasings || [])]) {
      if (typeof text === 'string' && text.trim()) { texts.push(text.trim()); owner.push(index); }
    }
  }
  return { dir, claims, texts, owner: Int32Array.from(owner) };
}

// A cache key for the claim vectors: they depend on the model's bytes, the vocabulary, the texts and
// this code's way of embedding (bump VERSION when the tokenizer or pooling changes).
const VERSION = 'js-peer-1';
function vectorsKey(modelPath, vocabPath, texts) {
  const hash = crypto.createHash('sha256').update(VERSION);
  // The model is hashed in chunks so the primary process never holds its 90 MB at once.
  const fd = fs.openSync(modelPath, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let read;
    while ((read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  hash.update(fs.readFileSync(vocabPath));
  hash.update(JSON.stringify(texts));
  return hash.digest('hex').slice(0, 16);
}

// Nearest claim by cosine similarity: the vectors are normalised, so it is the largest dot product
// over every text (a claim's score is its best text's). About 3,200 texts of 384 dimensions: the
// loop is unrolled over four accumulators (384 is a multiple of 4), which breaks the dependency
// chain of one running sum: about 1.5 ms a message instead of 2 on this machine (plain JS has no
// SIMD; the host's scan has). Still a fifth of a turn's compute next to the model's ~6 ms.
function nearest(matrix, owner, dim, query) {
  let best = -Infinity;
  let bestText = -1;
  const count = owner.length;
  for (let i = 0, base = 0; i < count; i++, base += dim) {
    let a = 0, b = 0, c = 0, e = 0;
    for (let d = 0; d < dim; d += 4) {
      a += matrix[base + d] * query[d];
      b += matrix[base + d + 1] * query[d + 1];
      c += matrix[base + d + 2] * query[d + 2];
      e += matrix[base + d + 3] * query[d + 3];
    }
    const dot = (a + b) + (c + e);
    if (dot > best) { best = dot; bestText = i; }
  }
  return { claim: owner[bestText], text: bestText, score: best };
}

module.exports = { loadClaims, vectorsKey, nearest, DEFAULT_CLAIMS_DIR };
