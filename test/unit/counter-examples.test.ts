import { describe, expect, it } from "vitest";
import { cachedMatcher, type MarkerMatcher } from "../../src/embed/markdown/counter-examples.js";
import { DEFAULT_COUNTER_EXAMPLE_MARKERS } from "../../src/embed/markdown/markers.js";

// The marker matcher avoids \p{...} classes in case-insensitive patterns and in lookbehinds
// (they cost 40 ms of a cold run to compile): it must decide every line as the patterns with
// lookarounds did. That first version is kept here as the oracle.

function oracle(markers: readonly string[]): MarkerMatcher {
  const WORD_CHAR = /[\p{L}\p{N}_]/u;
  const markerPattern = (marker: string): string => {
    const trimmed = marker.trim();
    let pattern = "";
    for (const ch of trimmed) {
      if (ch === "'" || ch === "’" || ch === "ʼ") pattern += "['’ʼ]";
      else if (/\s/.test(ch)) pattern += pattern.endsWith("\\s+") ? "" : "\\s+";
      else pattern += /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
    }
    if (WORD_CHAR.test(trimmed[0]!)) pattern = `(?<![\\p{L}\\p{N}_])${pattern}`;
    if (WORD_CHAR.test(trimmed[trimmed.length - 1]!)) pattern += "(?![\\p{L}\\p{N}_])";
    return pattern;
  };
  const patterns = markers.filter((m) => m.trim() !== "").map(markerPattern);
  if (patterns.length === 0) return { leads: () => false, inComment: () => false };
  const any = patterns.join("|");
  const leading = new RegExp(`^(?:${any})`, "iu");
  const bracketed = new RegExp(`[([]\\s*(?:${any})\\s*[)\\]]`, "iu");
  const words = markers.filter((m) => WORD_CHAR.test(m.trim()[0] ?? ""));
  const emoji = markers.filter((m) => m.trim() !== "" && !WORD_CHAR.test(m.trim()[0]!));
  const shouted = words.length > 0 ? new RegExp(`(?:${words.map((m) => markerPattern(m.toUpperCase())).join("|")})`, "u") : null;
  const emojiAnywhere = emoji.length > 0 ? new RegExp(`(?:${emoji.map(markerPattern).join("|")})`, "u") : null;
  return {
    leads: (text) => leading.test(text),
    inComment: (text) => {
      const body = text.trimStart().replace(/^#+\s*/, "");
      return leading.test(body) || bracketed.test(body) || (shouted?.test(body) ?? false) || (emojiAnywhere?.test(body) ?? false);
    },
  };
}

/** A small deterministic generator, so that a failure names a line that can be replayed. */
function lines(count: number, pieces: readonly string[], seed: number): string[] {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let line = "";
    for (let k = 1 + next(6); k > 0; k--) line += pieces[next(pieces.length)];
    out.push(line);
  }
  return out;
}

// Around the markers: letters (an astral one, one that folds to a letter), digits, `_`, apostrophes,
// spacing, brackets, comment marks, and case variants that only a case-insensitive match takes.
const AROUND = ["a", "Z", "7", "_", "\u0345", "𝐀", "é", " ", "  ", "\t", "(", ")", "[", "]", "# ", "## ", "-", ".", ":", "'", "’", "ʼ", "ſ", "K", "k", "\u212a"];

const MARKER_LISTS: Record<string, readonly string[]> = {
  default: DEFAULT_COUNTER_EXAMPLE_MARKERS,
  custom: ["Stop", "kill", "⚠ Warn", "x.", "Don't", "Do  not", "(old)", "🚫", "✗x", "Über", "Straße", "  ", ""],
};

describe("counter-example markers decide each line as the lookaround patterns did", () => {
  for (const [name, markers] of Object.entries(MARKER_LISTS)) {
    it(`${name} markers: 20,000 generated lines, leads and inComment`, () => {
      const variants = markers.flatMap((m) => [m, m.toUpperCase(), m.toLowerCase(), m.replace(/ /g, "   "), m.replace(/'/g, "’")]);
      const matcher = cachedMatcher(markers);
      const expected = oracle(markers);
      const mismatches: string[] = [];
      for (const line of lines(20_000, [...AROUND, ...variants, ...variants], name.length)) {
        if (matcher.leads(line) !== expected.leads(line)) mismatches.push(`leads ${JSON.stringify(line)}`);
        if (matcher.inComment(line) !== expected.inComment(line)) mismatches.push(`inComment ${JSON.stringify(line)}`);
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
    });
  }

  it("the cases that need care: a folded letter after a marker, an astral letter before a shouted word", () => {
    const m = cachedMatcher(DEFAULT_COUNTER_EXAMPLE_MARKERS);
    expect(m.leads("Never do this")).toBe(true);
    expect(m.leads("Nevermind")).toBe(false);
    // U+0345 folds to a Greek letter: a case-insensitive boundary sees a letter there.
    expect(m.leads("Never\u0345")).toBe(false);
    expect(m.inComment("# run it, NEVER twice")).toBe(true);
    expect(m.inComment("# 𝐀NEVER")).toBe(false);
    expect(m.inComment("# NEVER𝐀")).toBe(false);
    expect(m.inComment("# Current (WRONG)")).toBe(true);
    expect(m.inComment("# Run this before committing")).toBe(false);
  });
});
