/** A line of text by offsets, for the line-oriented embedders (Makefile, Dockerfile). */
export interface Line {
  readonly start: number;
  /** end of the content, before `\r\n` or `\n` */
  readonly end: number;
  /** offset of the `\n` that ends the line, or -1 on the last line */
  readonly lf: number;
}

export function physicalLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const lf = text.indexOf("\n", start);
    const stop = lf === -1 ? text.length : lf;
    lines.push({ start, end: stop > start && text[stop - 1] === "\r" ? stop - 1 : stop, lf });
    if (lf === -1) break;
    start = lf + 1;
  }
  return lines;
}
