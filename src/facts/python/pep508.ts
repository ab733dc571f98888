import { validRange } from "@renovatebot/pep440";
import type { Range } from "../../text/range.js";
import { normalizeName } from "./pep503.js";

/** A PEP 508 dependency specification, e.g. `requests[socks]>=2.0; python_version < "3.12"`. */
export interface Requirement {
  name: string;
  normalizedName: string;
  extras: string[];
  /** version specifier as written, without surrounding parentheses; "" when absent */
  specifier: string;
  /** environment marker after `;`, trimmed; "" when absent */
  marker: string;
  /** the URL of a `name @ URL` requirement */
  url?: string;
  /** where the name sits within the requirement string */
  nameRange: Range;
}

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const WHOLE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** Null when the text is not a PEP 508 requirement. */
export function parseRequirement(text: string): Requirement | null {
  let pos = skipSpace(text, 0);
  NAME.lastIndex = pos;
  const name = NAME.exec(text)?.[0];
  if (name === undefined) return null;
  const nameRange = { start: pos, end: pos + name.length };
  pos = skipSpace(text, nameRange.end);

  let extras: string[] = [];
  if (text[pos] === "[") {
    const close = text.indexOf("]", pos);
    if (close === -1) return null;
    const inner = text.slice(pos + 1, close).trim();
    extras = inner === "" ? [] : inner.split(",").map((extra) => extra.trim());
    if (!extras.every((extra) => WHOLE_NAME.test(extra))) return null;
    pos = skipSpace(text, close + 1);
  }

  const base = { name, normalizedName: normalizeName(name), extras, nameRange };
  if (text[pos] === "@") {
    const rest = text.slice(pos + 1).trim();
    // The URL runs to the first space: PEP 508 asks for whitespace before a `;` that follows it.
    const url = rest.split(/\s/, 1)[0]!;
    if (!URL_SCHEME.test(url)) return null;
    const tail = rest.slice(url.length).trim();
    if (tail !== "" && !tail.startsWith(";")) return null;
    const marker = tail.slice(1).trim();
    if (tail !== "" && !isValidMarker(marker)) return null;
    return { ...base, specifier: "", marker, url };
  }

  const semicolon = text.indexOf(";", pos);
  let specifier = (semicolon === -1 ? text.slice(pos) : text.slice(pos, semicolon)).trim();
  if (specifier.startsWith("(")) {
    if (!specifier.endsWith(")")) return null;
    specifier = specifier.slice(1, -1).trim();
  }
  if (specifier !== "" && !validRange(specifier)) return null;
  const marker = semicolon === -1 ? "" : text.slice(semicolon + 1).trim();
  if (semicolon !== -1 && !isValidMarker(marker)) return null;
  return { ...base, specifier, marker };
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === " " || text[pos] === "\t")) pos++;
  return pos;
}

const MARKER_VARIABLES = new Set([
  "python_version",
  "python_full_version",
  "os_name",
  "sys_platform",
  "platform_release",
  "platform_system",
  "platform_version",
  "platform_machine",
  "platform_python_implementation",
  "implementation_name",
  "implementation_version",
  "extra",
  "extras",
  "dependency_groups",
  // legacy spellings that packaging still accepts
  "os.name",
  "sys.platform",
  "platform.version",
  "platform.machine",
  "platform.python_implementation",
  "python_implementation",
]);
const MARKER_TOKEN = /\s*(\(|\)|'[^']*'|"[^"]*"|===|==|!=|<=|>=|~=|<|>|[A-Za-z_][A-Za-z0-9_.]*)/y;
const COMPARISON = new Set(["===", "==", "!=", "<=", ">=", "~=", "<", ">", "in"]);

/** PEP 508 marker grammar: `or` of `and` of `value op value` or a parenthesised marker. */
function isValidMarker(marker: string): boolean {
  const tokens = markerTokens(marker.trim());
  if (!tokens) return false;
  let i = 0;
  const isValue = (token: string | undefined) =>
    token !== undefined && (/^["']/.test(token) || MARKER_VARIABLES.has(token));
  const orExpr = (): boolean => {
    if (!andExpr()) return false;
    while (tokens[i] === "or") {
      i++;
      if (!andExpr()) return false;
    }
    return true;
  };
  const andExpr = (): boolean => {
    if (!atom()) return false;
    while (tokens[i] === "and") {
      i++;
      if (!atom()) return false;
    }
    return true;
  };
  const atom = (): boolean => {
    if (tokens[i] === "(") {
      i++;
      if (!orExpr() || tokens[i] !== ")") return false;
      i++;
      return true;
    }
    if (!isValue(tokens[i])) return false;
    i++;
    if (tokens[i] === "not" && tokens[i + 1] === "in") i += 2;
    else if (COMPARISON.has(tokens[i] ?? "")) i++;
    else return false;
    if (!isValue(tokens[i])) return false;
    i++;
    return true;
  };
  return tokens.length > 0 && orExpr() && i === tokens.length;
}

function markerTokens(marker: string): string[] | null {
  const tokens: string[] = [];
  MARKER_TOKEN.lastIndex = 0;
  while (MARKER_TOKEN.lastIndex < marker.length) {
    const match = MARKER_TOKEN.exec(marker);
    if (!match) return null;
    tokens.push(match[1]!);
  }
  return tokens;
}
