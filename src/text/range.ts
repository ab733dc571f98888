/** Offsets are UTF-16 code units into a host file's text (BOM excluded). */
export type Offset = number;

export interface Range {
  readonly start: Offset;
  readonly end: Offset;
}

export interface Position {
  /** 1-based */
  readonly line: number;
  /** 1-based, UTF-16 code units */
  readonly column: number;
  readonly offset: Offset;
}

export function range(start: Offset, end: Offset): Range {
  return { start, end };
}

export function compareRanges(a: Range, b: Range): number {
  return a.start - b.start || a.end - b.end;
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Range, b: Range): boolean {
  // Two insertions at the same point conflict too: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

export function cover(a: Range, b: Range): Range {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
