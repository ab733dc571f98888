// Counter-example markers (docs/contract.md, "How the hard cases are decided > Documentation"): which prose lines and
// which comment lines in a block say "not this". The default marker list is in markers.ts.

export const POSITIVE_MARKERS = ["✅", "✔", "✓", "☑"];

export interface MarkerMatcher {
  /** the text (already stripped of bullets, quote marks and emphasis) begins with a marker */
  leads(text: string): boolean;
  /**
   * a comment line inside a block is a marker line: the marker leads the comment, or stands out
   * in it (`# Current (WRONG)`, `# NEVER do this`, an emoji); a plain word in a sentence does not
   * (`# Run this before committing`)
   */
  inComment(text: string): boolean;
}

const matchers = new Map<string, MarkerMatcher>();

/** One set of compiled marker patterns per marker list, not one per file. */
export function cachedMatcher(markers: readonly string[]): MarkerMatcher {
  const key = markers.join("\u0000");
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = markerMatcher(markers)));
  return m;
}

function markerMatcher(markers: readonly string[]): MarkerMatcher {
  const trimmed = markers.map((m) => m.trim()).filter((m) => m !== "");
  if (trimmed.length === 0) return { leads: () => false, inComment: () => false };
  // A \p{...} class in a case-insensitive pattern is compiled with the case closure of every
  // letter: such patterns took 40 ms of a cold run to compile. So the case-insensitive patterns
  // hold literals only, and the word boundaries are tested on the one character around a match
  // with a class closed under case by hand: the same matches (test/unit/counter-examples.test.ts).
  const leaders = trimmed.map((m) => ({ pattern: new RegExp(`^(?:${literalPattern(m)})`, "iu"), wordEnd: WORD_CHAR.test(lastChar(m)) }));
  const leading = (text: string): boolean =>
    leaders.some(({ pattern, wordEnd }) => {
      const match = pattern.exec(text);
      return match !== null && !(wordEnd && FOLDED_WORD_CHAR.test(codePointAt(text, match[0].length)));
    });
  // Inside brackets a marker has no letter beside it: no boundary to test.
  const bracketed = new RegExp(`[([]\\s*(?:${trimmed.map(literalPattern).join("|")})\\s*[)\\]]`, "iu");
  const words = trimmed.filter((m) => WORD_CHAR.test(m[0]!));
  const emoji = trimmed.filter((m) => !WORD_CHAR.test(m[0]!));
  // A lookbehind over \p{L} is costly too (11 ms): the shouted words and the emoji are found as
  // literals and their boundaries tested around each hit.
  const anywhere = [...words.map((m) => literal(m.toUpperCase())), ...emoji.map(literal)];
  return {
    leads: leading,
    inComment: (text) => {
      const body = text.trimStart().replace(/^#+\s*/, "");
      return leading(body) || bracketed.test(body) || anywhere.some((l) => standsAlone(l, body));
    },
  };
}

/** A marker found anywhere in a line, case-sensitively; a letter, digit or `_` may not touch an end that is one too. */
interface Literal {
  readonly pattern: RegExp;
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

const literal = (marker: string): Literal => ({ pattern: new RegExp(literalPattern(marker), "gu"), wordStart: WORD_CHAR.test(marker[0]!), wordEnd: WORD_CHAR.test(lastChar(marker)) });

function standsAlone({ pattern, wordStart, wordEnd }: Literal, text: string): boolean {
  pattern.lastIndex = 0;
  for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
    const before = wordStart && WORD_CHAR.test(codePointBefore(text, hit.index));
    const after = wordEnd && WORD_CHAR.test(codePointAt(text, hit.index + hit[0].length));
    if (!before && !after) return true;
    pattern.lastIndex = hit.index + 1;
  }
  return false;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** WORD_CHAR as a case-insensitive pattern reads it: U+0345 is the one code point outside it that folds into it. */
const FOLDED_WORD_CHAR = /[\p{L}\p{N}_\u0345]/u;

/** The last UTF-16 unit, as the first is read by `m[0]`: an astral letter at either end sets no boundary. */
const lastChar = (s: string): string => s[s.length - 1]!;
const codePointAt = (s: string, i: number): string => (i < s.length ? String.fromCodePoint(s.codePointAt(i)!) : "");
/** The code point that ends just before `i` (a surrogate pair read whole, as a `u` lookbehind does). */
function codePointBefore(s: string, i: number): string {
  if (i === 0) return "";
  const low = s.charCodeAt(i - 1);
  const pair = i >= 2 && low >= 0xdc00 && low <= 0xdfff && s.charCodeAt(i - 2) >= 0xd800 && s.charCodeAt(i - 2) <= 0xdbff;
  return pair ? s.slice(i - 2, i) : s[i - 1]!;
}

/** The marker as a pattern: any apostrophe, any spacing, other characters as they are. */
function literalPattern(marker: string): string {
  let pattern = "";
  for (const ch of marker) {
    if (ch === "'" || ch === "’" || ch === "ʼ") pattern += "['’ʼ]";
    else if (/\s/.test(ch)) pattern += pattern.endsWith("\\s+") ? "" : "\\s+";
    else pattern += /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
  }
  return pattern;
}

/** Blockquote marks, list bullets and task boxes; with `emphasis`, also `*`/`_` wrappers. */
const CONTAINER_LEAD = /^(?:\s+|>|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\[[ xX]\](?=\s))/;
const EMPHASIS_LEAD = /^[*_]+/;

export function stripLead(text: string, emphasis: boolean): string {
  let rest = text;
  for (;;) {
    const match = CONTAINER_LEAD.exec(rest) ?? (emphasis ? EMPHASIS_LEAD.exec(rest) : null);
    if (!match) return rest;
    rest = rest.slice(match[0].length);
  }
}
