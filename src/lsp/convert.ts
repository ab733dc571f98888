import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node.js";
import type { Diagnostic, RelatedLocation } from "../engine/diagnostic.js";
import { UNUSED_DIRECTIVE } from "../engine/run.js";
import type { FixSafety, TextEdit } from "../fix/edit.js";
import type { Range } from "../text/range.js";
import type { SourceFile } from "../text/source-file.js";

export const SOURCE = "evio-lint";
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

/**
 * What a published diagnostic carries for its code actions, already in LSP positions: the client
 * hands it back in `codeAction`, so actions need no second lint. `version` is the document
 * version the edits apply to; a stale diagnostic offers nothing.
 */
export interface DiagnosticData {
  readonly version: number;
  readonly fix?: { readonly safety: FixSafety; readonly description: string; readonly edits: LspTextEdit[] };
  readonly suggestions: readonly { readonly description: string; readonly edits: LspTextEdit[] }[];
}

/**
 * Offsets -> LSP positions (0-based line, UTF-16 character). SourceFile drops a BOM that the
 * editor's text may still hold; it sits on the first line, so only that line shifts.
 */
export function lspRange(source: SourceFile, r: Range): LspRange {
  const at = (offset: number) => {
    const p = source.positionAt(offset);
    return { line: p.line - 1, character: p.column - 1 + (source.bom && p.line === 1 ? 1 : 0) };
  };
  return { start: at(r.start), end: at(r.end) };
}

function lspEdits(source: SourceFile, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: lspRange(source, e.range), newText: e.text }));
}

/**
 * A related location for the editor. One in the linted document counts as its ranges do (a BOM the
 * editor keeps shifts the first line); one in another file is placed by its line and column.
 */
function lspRelated(r: RelatedLocation, d: Diagnostic, source: SourceFile, uriOf: (file: string) => string): DiagnosticRelatedInformation {
  const range =
    r.file === d.file
      ? lspRange(source, { start: r.range.start.offset, end: r.range.end.offset })
      : { start: { line: r.range.start.line - 1, character: r.range.start.column - 1 }, end: { line: r.range.end.line - 1, character: r.range.end.column - 1 } };
  return { location: { uri: uriOf(r.file), range }, message: r.message };
}

/** `uriOf` turns a root-relative path into the client's URI; without it (a client that shows no related information) none is sent. */
export function toLspDiagnostic(d: Diagnostic, source: SourceFile, version: number, docsUrl: (rule: string) => string, uriOf?: (file: string) => string): LspDiagnostic {
  const data: DiagnosticData = {
    version,
    ...(d.fix ? { fix: { safety: d.fix.safety, description: d.fix.description, edits: lspEdits(source, d.fix.edits) } } : {}),
    suggestions: d.suggestions.map((s) => ({ description: s.description, edits: lspEdits(source, s.edits) })),
  };
  return {
    range: lspRange(source, d.range),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: d.rule,
    codeDescription: { href: docsUrl(d.rule) },
    message: d.message,
    // Editors fade an unused directive, as they do unused code.
    ...(d.rule === UNUSED_DIRECTIVE ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(d.related && uriOf ? { relatedInformation: d.related.map((r) => lspRelated(r, d, source, uriOf)) } : {}),
    data,
  };
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  const d = x as Partial<DiagnosticData> | null;
  return typeof d === "object" && d !== null && typeof d.version === "number" && Array.isArray(d.suggestions);
}

/** How an edit reaches the client: versioned when it can check the version, plain otherwise. */
export type EditFor = (edits: LspTextEdit[]) => WorkspaceEdit;

/** The quick fixes of one published diagnostic: its fix (preferred when safe), then its suggestions. */
export function quickFixes(diagnostic: LspDiagnostic, data: DiagnosticData, editFor: EditFor): CodeAction[] {
  const actions: CodeAction[] = [];
  if (data.fix) {
    const safe = data.fix.safety === "safe";
    actions.push({
      title: safe ? data.fix.description : `${data.fix.description} (unsafe)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: safe,
      edit: editFor(data.fix.edits),
    });
  }
  for (const s of data.suggestions) {
    actions.push({ title: s.description, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(s.edits) });
  }
  return actions;
}

/** Whether a client's `only` filter asks for `kind` (kinds are dot-separated hierarchies). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  return only === undefined || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}
