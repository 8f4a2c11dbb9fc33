'use strict';
// BERT "uncased" WordPiece tokenizer: what all-MiniLM-L6-v2 was trained with. Two stages, as in the
// original BERT code: a basic tokenizer (clean, lower-case, strip accents, split on whitespace and
// punctuation), then WordPiece on each word (greedy longest match first, "##" marking a piece that
// continues a word). Written for this peer; no tokenizer package, so its cost is plain JS.
const fs = require('fs');

const MAX_TOKENS = 256;        // the team's host caps a message at 256 tokens; [CLS] and [SEP] included
const MAX_WORD_CHARS = 100;    // BERT's limit: a longer "word" is one [UNK]

// Marks (accents) left after NFD, control characters (BERT replaces them by spaces; tab, newline and
// carriage return are whitespace anyway), and punctuation: every Unicode P* character plus the ASCII
// symbols BERT also treats as punctuation ($ + < = > ^ ` | ~ are S*, not P*, in Unicode).
const MARKS = /\p{Mn}/gu;
const CONTROLS = /[\p{Cc}\p{Cf}\u{FFFD}]/gu;
const PUNCTUATION = /[\p{P}!-/:-@[-`{-~]/u;
const WHITESPACE = /\s/u;
// BERT puts spaces around CJK ideographs so each is its own word.
const CJK = /[\u{4E00}-\u{9FFF}\u{3400}-\u{4DBF}\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B820}-\u{2CEAF}\u{F900}-\u{FAFF}\u{2F800}-\u{2FA1F}]/u;

class WordPieceTokenizer {
  constructor(vocabPath) {
    const lines = fs.readFileSync(vocabPath, 'utf8').split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    // A Map from piece to id: the id of a vocabulary entry is its line number.
    this.vocab = new Map(lines.map((token, id) => [token, id]));
    this.unk = this.id('[UNK]');
    this.cls = this.id('[CLS]');
    this.sep = this.id('[SEP]');
    this.pad = this.id('[PAD]');
    // Whole words repeat a lot (the same claims, the same questions): remember their pieces.
    this.wordCache = new Map();
  }

  id(token) {
    const id = this.vocab.get(token);
    if (id === undefined) throw new Error(`tokenizer: the vocabulary has no ${token}`);
    return id;
  }

  // The basic tokenizer: text to lower-case, accent-free words and punctuation marks.
  basicTokens(text) {
    const cleaned = text
      .replace(CONTROLS, ' ')
      // Curly apostrophes and quotes as straight ones ("don’t" must tokenize like "don't"), as the
      // team's host prepares text; the acute accent and backtick are apostrophes in practice too.
      .replace(/[\u2018\u2019\u00B4`]/g, "'")
      .replace(/[\u201C\u201D]/g, '"')
      .toLowerCase()
      .normalize('NFD')
      .replace(MARKS, '');
    const words = [];
    let word = '';
    for (const ch of cleaned) { // for..of walks code points, so emoji stay whole
      if (WHITESPACE.test(ch)) {
        if (word) { words.push(word); word = ''; }
      } else if (PUNCTUATION.test(ch) || CJK.test(ch)) {
        if (word) { words.push(word); word = ''; }
        words.push(ch);
      } else {
        word += ch;
      }
    }
    if (word) words.push(word);
    return words;
  }

  // WordPiece on one word: the longest vocabulary entry that starts the word, then the longest
  // "##" entry that continues it, and so on; a word that cannot be covered entirely is one [UNK].
  wordPieces(word) {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const chars = Array.from(word);
    let ids;
    if (chars.length > MAX_WORD_CHARS) {
      ids = [this.unk];
    } else {
      ids = [];
      let start = 0;
      while (start < chars.length) {
        let end = chars.length;
        let found;
        while (start < end) {
          const piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
          found = this.vocab.get(piece);
          if (found !== undefined) break;
          end--;
        }
        if (found === undefined) { ids = [this.unk]; break; }
        ids.push(found);
        start = end;
      }
    }
    if (this.wordCache.size < 200000) this.wordCache.set(word, ids);
    return ids;
  }

  // Token ids for the model: [CLS] pieces... [SEP], at most MAX_TOKENS in all (the tail is dropped).
  encode(text) {
    const ids = [this.cls];
    for (const word of this.basicTokens(text)) {
      for (const id of this.wordPieces(word)) {
        if (ids.length === MAX_TOKENS - 1) break;
        ids.push(id);
      }
      if (ids.length === MAX_TOKENS - 1) break;
    }
    ids.push(this.sep);
    return ids;
  }
}

module.exports = { WordPieceTokenizer, MAX_TOKENS };
