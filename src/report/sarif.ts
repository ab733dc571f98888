import { pathToFileURL } from "node:url";
import type { AnyRule } from "../engine/define-rule.js";
import type { RelatedLocation } from "../engine/diagnostic.js";
import { renderRuleDoc } from "../engine/rule-docs.js";
import type { TextEdit } from "../text/edit.js";
import type { Position, Range } from "../text/range.js";
import { SourceFile } from "../text/source-file.js";
import { fingerprints } from "./fingerprint.js";
import type { RunResult } from "./result.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/evio-lint/evio-lint";
const SRCROOT = "%SRCROOT%";
/** The partialFingerprints key: bump the suffix if the hashed inputs ever change. */
export const FINGERPRINT_KEY = "evioLint/v1";

export function ruleHelpUri(id: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${id}.md`;
}

/**
 * SARIF 2.1.0, one run, for GitHub code scanning and other SARIF viewers. Regions and offsets are
 * UTF-16 code units in the file without its BOM (the JSON contract's currency), declared by
 * `columnKind`; every rule is listed so a viewer can show the docs of any result.
 */
export function formatSarif(result: RunResult, rules: readonly AnyRule[]): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const empty = new SourceFile("", "");
  const prints = fingerprints(result);

  const results = result.diagnostics.map((d, i) => {
    const source = result.sources.get(d.file) ?? empty;
    const ruleIndex = index.get(d.rule);
    const fixes = [
      ...(d.fix ? [fix(d.file, source, `${d.fix.description} (${d.fix.safety} fix)`, d.fix.edits, { safety: d.fix.safety })] : []),
      ...d.suggestions.map((s) => fix(d.file, source, `${s.description} (suggestion)`, s.edits, { safety: "suggestion" })),
    ];
    return {
      ruleId: d.rule,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: d.severity,
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(d.file), region: region(source, d.range) } }],
      ...(d.related ? { relatedLocations: d.related.map(relatedLocation) } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i]! },
      ...(fixes.length > 0 ? { fixes } : {}),
      properties: { origin: d.origin },
    };
  });

  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "evio-lint",
            version: result.version,
            semanticVersion: result.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(descriptor),
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(result.root) } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

function descriptor(rule: AnyRule) {
  const help = renderRuleDoc(rule, { banner: false });
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sentence(rule.docs.summary) },
    fullDescription: { text: rule.docs.why },
    help: { text: help, markdown: help },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: rule.severity },
    properties: { fixKind: rule.fix },
  };
}

function fix(file: string, source: SourceFile, description: string, edits: readonly TextEdit[], properties: { safety: string }) {
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: artifact(file),
        replacements: edits.map((e) => ({ deletedRegion: region(source, e.range), insertedContent: { text: e.text } })),
      },
    ],
    properties,
  };
}

function artifact(file: string) {
  return { uri: encodeUriPath(file), uriBaseId: SRCROOT };
}

function relatedLocation(r: RelatedLocation, id: number) {
  return { id, physicalLocation: { artifactLocation: artifact(r.file), region: positionRegion(r.range.start, r.range.end) }, message: { text: r.message } };
}

function region(source: SourceFile, r: Range) {
  return positionRegion(source.positionAt(r.start), source.positionAt(r.end));
}

function positionRegion(start: Position, end: Position) {
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    charOffset: start.offset,
    charLength: end.offset - start.offset,
  };
}

/** A relative URI reference for a posix path: each segment percent-encoded, slashes kept. */
function encodeUriPath(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
