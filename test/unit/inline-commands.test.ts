import { describe, expect, it } from "vitest";
import { asciiWords, PROSE_PATTERNS } from "../../src/embed/markdown/inline-commands.js";
import { synthDocs } from "../../tools/synth-docs.js";

// The prose patterns of src/embed/markdown/inline-commands.ts bound their words with
// `[A-Za-z0-9_]` on asciiWords' copy of the prose. These are the patterns as they were, bounding
// with `[\p{L}\p{N}_]` under /iu on the prose as it is: both must decide every text alike.
const W = String.raw`[\p{L}\p{N}_]`;
const OLD = {
  negatedBefore: new RegExp(
    String.raw`(?<!${W})(?:not|never|don['’]t|doesn['’]t|avoid|avoiding|instead\s+of|rather\s+than|disallows?|forbids?|forbidden|bans?|banned|without|replaces?|replacing|unlike|vs\.?|versus|deprecated|no\s+more|no\s+longer)(?!${W})`,
    "iu",
  ),
  namedBefore: new RegExp(String.raw`(?<!${W})(?:as|like|of)\s*$`, "iu"),
  negatedAfter: new RegExp(String.raw`^\s*(?:->|→|=>|⟶|(?:is|are|was|were|becomes?|bypasses|breaks|won['’]t|doesn['’]t|does\s+not|can['’]t|cannot|never)(?!${W}))`, "iu"),
  clauseLead: new RegExp(String.raw`^(?:\s|§|,|\/|>|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\[[ xX]\]|[*_]+|✅|✔|✓|☑|(?:and|or)(?!${W}))+`, "iu"),
};
const A = "[A-Za-z0-9_]";
const NEW: typeof OLD = PROSE_PATTERNS;

function decide(patterns: typeof OLD, text: string): string {
  return [patterns.negatedBefore.test(text), patterns.namedBefore.test(text), patterns.negatedAfter.test(text), text.replace(patterns.clauseLead, "") === ""].join();
}

describe("asciiWords keeps what the prose patterns decide", () => {
  it("the shipped patterns are the old ones with `[A-Za-z0-9_]` for `[\\p{L}\\p{N}_]`", () => {
    for (const [name, old] of Object.entries(OLD)) {
      const shipped = PROSE_PATTERNS[name as keyof typeof OLD];
      expect(shipped.source, name).toBe(old.source.replaceAll(W, A));
      expect(shipped.flags, name).toBe(old.flags);
    }
  });

  it("every code point is a word character for `[A-Za-z0-9_]`/iu after it exactly when it is one for `[\\p{L}\\p{N}_]`/iu before", () => {
    const before = new RegExp(`^${W}$`, "iu");
    const after = new RegExp(`^${A}+$`, "iu");
    const wrong: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (before.test(ch) !== after.test(asciiWords(ch))) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it("changes no ASCII text, and keeps every character that is no letter or digit", () => {
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
    expect(asciiWords(ascii)).toBe(ascii);
    expect(asciiWords("don’t → ✅ §\u00a0x")).toBe("don’t → ✅ §\u00a0x");
    expect(asciiWords("élan ſ \u212A 𝐀")).toBe("qlan ſ \u212A q");
  });

  it("the patterns decide alike on the words around every code point and on random prose", () => {
    const around = ["never", "not", "as", "of", "is", "and", "vs.", "don’t", "instead of"];
    for (let c = 0; c <= 0x10ffff; c += c < 0x800 ? 1 : 251) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      for (const w of around) {
        for (const text of [`${ch}${w}`, `${w}${ch}`, `${ch} ${w}`, `${w} ${ch}`]) {
          expect(decide(NEW, asciiWords(text)), JSON.stringify(text)).toBe(decide(OLD, text));
        }
      }
    }
    const alphabet = ["never", "not", "no", "more", "ban", "q", "ª", "as", "like", "of", "is", "breaks", "and", "or", " ", "\u00a0", "-", "->", "→", "§", "*", "1.", "[x]", "’", "'", "é", "ſ", "\u212A", "\u0345", "𝐀", "٣", "_", ".", ",", "vs", "t", "S"];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length;
    for (let n = 0; n < 20000; n++) {
      const text = Array.from({ length: 1 + (n % 9) }, () => alphabet[next()]).join("");
      expect(decide(NEW, asciiWords(text)), JSON.stringify(text)).toBe(decide(OLD, text));
    }
  });

  it("the patterns decide alike on every line of 300 KB of synthetic docs", () => {
    for (const doc of synthDocs(300_000)) {
      for (const line of doc.split("\n")) expect(decide(NEW, asciiWords(line)), line).toBe(decide(OLD, line));
    }
  });
});
