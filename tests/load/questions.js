'use strict';
// The load scripts' texts (run.sh for the host, peer.sh for the JS peer, so both send the same): every
// question of the evaluation sets, once, one per line, whitespace folded. The wrk script varies each
// with openings and endings so no text repeats.
// Usage: node tests/load/questions.js <eval folder> <output file>
const fs = require('fs');
const path = require('path');
const [dir, output] = process.argv.slice(2);
if (!dir || !output) {
  console.error('usage: node questions.js <eval folder> <output file>');
  process.exit(2);
}
const seen = new Set();
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.jsonl')).sort())
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n'))
    if (line.trim()) seen.add(JSON.parse(line).q.replace(/\s+/g, ' ').trim());
fs.writeFileSync(output, [...seen].join('\n') + '\n');
