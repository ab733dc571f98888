import type { AnyRule } from "../engine/define-rule.js";

export type SeverityName = "off" | "warn" | "error";
/** ESLint's numbers are accepted too: 0 off, 1 warn, 2 error. */
export type SeveritySetting = SeverityName | 0 | 1 | 2;
export type RuleEntry = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];
export type InlineCodeSetting = "off" | "warn" | "error";
/** `auto`: the whole contract only under a `[tool.uv.workspace]` root; `required`: always */
export type WorkspaceSetting = "auto" | "required";

export interface ConfigFile {
  $schema?: string;
  rules?: Record<string, RuleEntry>;
  overrides?: { files: string[]; ignores?: string[]; rules: Record<string, RuleEntry> }[];
  ignores?: string[];
  markdown?: { counterExampleMarkers?: string[]; inlineCode?: InlineCodeSetting };
  defaultMember?: string;
  workspace?: WorkspaceSetting;
}

const SEVERITY = { enum: ["off", "warn", "error", 0, 1, 2] };
const GLOBS = { type: "array", items: { type: "string", minLength: 1 } };

/** JSON Schema of `.evio-lint.json`, built from the rules so ids and options cannot drift. */
export function configSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const options = {
      type: "object",
      additionalProperties: false,
      properties: rule.optionsSchema ?? {},
    };
    ruleProps[rule.id] = {
      description: rule.docs.summary,
      oneOf: [
        SEVERITY,
        { type: "array", prefixItems: [SEVERITY], minItems: 1, maxItems: 1, items: false },
        { type: "array", prefixItems: [SEVERITY, options], minItems: 2, maxItems: 2, items: false },
      ],
    };
  }
  const rulesObject = { type: "object", additionalProperties: false, properties: ruleProps };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://evio-lint.dev/schema/config.schema.json",
    title: "evio-lint configuration (.evio-lint.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      rules: rulesObject,
      overrides: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: { files: { ...GLOBS, minItems: 1 }, ignores: GLOBS, rules: rulesObject },
        },
      },
      ignores: { ...GLOBS, description: "picomatch globs, relative to the root, never linted" },
      markdown: {
        type: "object",
        additionalProperties: false,
        properties: {
          counterExampleMarkers: {
            ...GLOBS,
            description: "words or emoji that mark a line, list item, heading or lead-in as a counter-example",
          },
          inlineCode: { enum: ["off", "warn", "error"], description: "severity cap for command-like inline code spans" },
        },
      },
      defaultMember: {
        type: "string",
        // PEP 508's name rule (a member's `[project] name`)
        pattern: "^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$",
        description: "the member that owns commands whose directory does not name one (makes no-pip's fix safe)",
      },
      workspace: {
        enum: ["auto", "required"],
        description:
          "auto (default): with no [tool.uv.workspace] in the root pyproject.toml, run only the rules that need no workspace, on Python-looking files; required: always apply the whole contract",
      },
    },
  };
}
