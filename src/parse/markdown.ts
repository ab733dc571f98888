import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";

export type MarkdownRoot = Root;

/**
 * CommonMark only (no GFM): what decides where fences open and close. Never fails; every node
 * carries `position.start.offset`/`end.offset` in UTF-16 code units of `text`, so with a
 * SourceFile's BOM-less text they are host offsets.
 */
export function parseMarkdown(text: string): MarkdownRoot {
  return fromMarkdown(text);
}
