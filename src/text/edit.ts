import { overlaps, type Range } from "../text/range.js";

/** Replace `range` of the host file with `text`. */
export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

export type FixSafety = "safe" | "unsafe";

export interface Fix {
  readonly safety: FixSafety;
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

export interface Suggestion {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

/** Sorted, non-overlapping, inside the text: anything else is a bug in the rule. */
export function validEdits(edits: readonly TextEdit[], length: number): boolean {
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    if (e.range.start < 0 || e.range.end > length || e.range.start > e.range.end) return false;
    if (i > 0 && (edits[i - 1]!.range.end > e.range.start || overlaps(edits[i - 1]!.range, e.range))) return false;
  }
  return true;
}

export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Apply sorted, non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = "";
  let cursor = 0;
  for (const e of edits) {
    out += text.slice(cursor, e.range.start) + e.text;
    cursor = e.range.end;
  }
  return out + text.slice(cursor);
}

export function fixRange(edits: readonly TextEdit[]): Range {
  return {
    start: Math.min(...edits.map((e) => e.range.start)),
    end: Math.max(...edits.map((e) => e.range.end)),
  };
}
