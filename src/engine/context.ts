import { cleanPath } from "../discover/file-source.js";
import type { FileKind } from "../discover/kind.js";
import type { Escaper, Origin } from "../embed/snippet.js";
import type { WorkspaceModel } from "../facts/python/workspace.js";
import { sortEdits, validEdits, type Fix, type Suggestion, type TextEdit } from "../text/edit.js";
import type { Range } from "../text/range.js";
import { SourceFile } from "../text/source-file.js";
import type { AnyRule, FixInput, RelatedInput, RepoIndex, ReportOptions, RuleContext, Severity, SuggestionInput } from "./define-rule.js";
import type { Diagnostic, RelatedLocation } from "./diagnostic.js";

/** A finding before the config gives its severity; `severity` caps it when the rule asked for less. */
export type RawDiagnostic = Omit<Diagnostic, "severity"> & { readonly severity?: Severity };

/** A rule broke its own contract (undeclared fix kind, bad edits): a bug, reported as internal. */
export class RuleContractError extends Error {}

export interface ContextInit {
  readonly rule: AnyRule;
  readonly file: SourceFile;
  readonly kind: FileKind;
  readonly origin: Origin;
  readonly inDocs: boolean;
  readonly escape: Escaper;
  readonly workspace: WorkspaceModel;
  readonly repo: RepoIndex;
  readonly options: Readonly<Record<string, unknown>>;
  readonly defaultMember: string | undefined;
  readonly sink: (d: RawDiagnostic) => void;
  /** paths the file announces as to be created (Markdown `Create: path`), as written */
  readonly announced?: readonly string[];
}

export function makeContext(init: ContextInit): RuleContext<Record<string, string>, Record<string, unknown>> {
  const { rule, file } = init;
  const eolize = (text: string): string => (file.eol === "\r\n" ? text.replace(/\r?\n/g, "\r\n") : text);
  return {
    file,
    kind: init.kind,
    origin: init.origin,
    inDocs: init.inDocs,
    workspace: init.workspace,
    repo: init.repo,
    options: init.options,
    defaultMember: init.defaultMember,
    report(range, messageId, data, options?: ReportOptions) {
      const template = rule.messages[messageId];
      if (template === undefined) throw new RuleContractError(`${rule.id}: unknown message id "${messageId}"`);
      checkDeclared(rule, options);
      const fix = options?.fix ? toFix(options.fix) : undefined;
      const suggestions = (options?.suggest ?? []).map(toSuggestion).filter((s): s is Suggestion => s !== undefined);
      const related = (options?.related ?? []).flatMap(toRelated);
      init.sink({
        rule: rule.id,
        messageId,
        message: fill(template, data ?? {}),
        file: file.path,
        range,
        origin: init.origin,
        ...(fix ? { fix } : {}),
        suggestions,
        ...(related.length > 0 ? { related } : {}),
        ...(options?.severity ? { severity: options.severity } : {}),
      });
    },
    replace(range: Range, text: string): TextEdit | null {
      const escaped = init.escape(text);
      return escaped === null ? null : { range, text: eolize(escaped) };
    },
    insert(at: number, text: string): TextEdit | null {
      const escaped = init.escape(text);
      return escaped === null ? null : { range: { start: at, end: at }, text: eolize(escaped) };
    },
    remove(range: Range): TextEdit {
      return { range, text: "" };
    },
    text(range: Range): string {
      return file.text.slice(range.start, range.end);
    },
    announced(path: string): boolean {
      const wanted = cleanPath(path);
      return (init.announced ?? []).some((a) => {
        const dir = cleanPath(a);
        return wanted === dir || wanted.startsWith(`${dir}/`);
      });
    },
  };

  function toFix(input: FixInput): Fix | undefined {
    const edits = complete(input.edits);
    return edits ? { safety: input.safety, description: input.description, edits } : undefined;
  }

  function toSuggestion(input: SuggestionInput): Suggestion | undefined {
    const edits = complete(input.edits);
    return edits ? { description: input.description, edits } : undefined;
  }

  function toRelated(input: RelatedInput): RelatedLocation[] {
    const elsewhere = input.in !== undefined && input.in.path !== file.path;
    // The linted file as the model read it from disk, while an editor lints unsaved text: its offsets point elsewhere.
    if (input.in && !elsewhere && input.in.text !== file.text) return [];
    const source = elsewhere ? sourceOf(input.in!.path, input.in!.text) : file;
    const { start, end } = input.range;
    if (!(start >= 0 && start <= end && end <= source.text.length)) {
      throw new RuleContractError(`${rule.id}: related location ${start}-${end} falls outside ${source.path}`);
    }
    return [{ message: input.message, file: source.path, range: { start: source.positionAt(start), end: source.positionAt(end) } }];
  }

  /** All edits writable, or none: half a fix is worse than no fix. */
  function complete(edits: readonly (TextEdit | null)[]): TextEdit[] | undefined {
    if (edits.length === 0 || edits.some((e) => e === null)) return undefined;
    const sorted = sortEdits(edits as TextEdit[]);
    if (!validEdits(sorted, file.text.length)) {
      throw new RuleContractError(`${rule.id}: edits overlap or fall outside ${file.path}`);
    }
    return sorted;
  }
}

function checkDeclared(rule: AnyRule, options: ReportOptions | undefined): void {
  const fix = options?.fix;
  const suggests = (options?.suggest?.length ?? 0) > 0;
  const declared = rule.fix;
  const bad =
    (declared === "none" && (fix || suggests)) ||
    (declared === "suggestion" && fix) ||
    (declared === "safe" && fix && fix.safety !== "safe") ||
    (declared === "unsafe" && fix && fix.safety !== "unsafe");
  if (bad) {
    throw new RuleContractError(
      `${rule.id} declares fix "${declared}" but reported ${fix ? `a ${fix.safety} fix` : "a suggestion"}`,
    );
  }
}

/** Findings of one rule tend to point at the same pyproject: keep its line index for the next one. */
let lastOther: SourceFile | undefined;
function sourceOf(path: string, text: string): SourceFile {
  if (lastOther?.path !== path || lastOther.text !== text) lastOther = new SourceFile(path, text);
  return lastOther;
}

function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in data ? String(data[name]) : `{{${name}}}`));
}
