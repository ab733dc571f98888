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

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Case-insensitive, on word boundaries (`Bad` is not `Badge`), any apostrophe, any spacing. */
function markerPattern(marker: string): string {
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
