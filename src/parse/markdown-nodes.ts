// The few Markdown nodes the embedder reads; offsets are UTF-16 code units of the parsed text.

export interface MarkdownRoot {
  readonly children: MdBlock[];
}

export type MdBlock = MdParagraph | MdHeading | MdCode | MdList | MdBlockquote | MdOther;

/** `from`..`to`: the inline content, without leading and trailing whitespace. */
export interface MdParagraph {
  readonly type: "paragraph";
  readonly from: number;
  readonly to: number;
  readonly codes: MdInlineCode[];
}

/** `from`..`to`: the inline content (no `#` marks, no setext underline); empty for `#` alone. */
export interface MdHeading {
  readonly type: "heading";
  readonly depth: number;
  readonly from: number;
  readonly to: number;
  readonly codes: MdInlineCode[];
}

export interface MdCode {
  readonly type: "code";
  readonly fenced: boolean;
  /** the info string's first word, backslash escapes and numeric references decoded; null when none */
  readonly lang: string | null;
  /** the content lines as CommonMark gives them, joined with `\n`, no final line break */
  readonly value: string;
  /** start of the opening fence (of the first line, for an indented block) */
  readonly from: number;
  readonly to: number;
}

export interface MdList {
  readonly type: "list";
  readonly items: MdBlock[][];
}

export interface MdBlockquote {
  readonly type: "blockquote";
  readonly children: MdBlock[];
}

/** A thematic break, an HTML block, a link reference definition: no content the linter reads. */
export interface MdOther {
  readonly type: "other";
  readonly from: number;
  readonly to: number;
}

/** `from`..`to` covers the backticks; `value` is CommonMark's (line breaks as spaces, one padding space stripped). */
export interface MdInlineCode {
  readonly from: number;
  readonly to: number;
  readonly value: string;
}
