/**
 * Words a fix writes into a shell command. Some come from files a stranger controls (a member's
 * `[project] name`, a folder name): `a$(touch /tmp/pwn)` must never reach a shell unquoted. Every
 * such word goes through here; `ctx.replace` then runs the result through the snippet's escaper
 * for its host (a Nix string, a YAML scalar, a JSON string, a Makefile recipe), or drops the fix
 * when the host cannot hold it.
 */

/** What a POSIX shell reads literally in an unquoted word: no expansion, glob, tilde, brace or operator. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `value` as one shell word with that exact value: itself when plain, else in single quotes. */
export function shellWord(value: string): string {
  return PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `value` as one shell word in the quoting of a word already written: `"..."`, `'...'`, or bare. */
export function shellWordLike(quote: '"' | "'" | "", value: string): string {
  if (quote === '"') return `"${value.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
  if (quote === "'") return `'${value.replace(/'/g, `'\\''`)}'`;
  return shellWord(value);
}

/** PEP 508: letters and digits, with `.`, `_`, `-` inside. Such a name is a plain shell word. */
const PACKAGE_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/**
 * A member's name as a fix writes it (`--package NAME`): the name when it is a valid PEP 508 name,
 * else null, and the finding gets no fix. uv refuses such a project anyway.
 */
export function packageWord(name: string): string | null {
  return PACKAGE_NAME.test(name) ? name : null;
}
