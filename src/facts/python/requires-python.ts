import { satisfies, validRange } from "@renovatebot/pep440";

/**
 * `requires-python` questions answered by testing versions against the PEP 440 specifiers
 * (@renovatebot/pep440): each release series and every version a specifier names, with its
 * neighbours, so a bound like `>3.11.4,<3.11.6` is found as well as `>=3.11`.
 */

/** Versions worth testing: the edges of every series, and every version the specifiers name and their neighbours. */
function candidates(specs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const major of [2, 3]) {
    for (let minor = 0; minor <= 30; minor++) for (const patch of [0, 1, 99]) out.add(`${major}.${minor}.${patch}`);
  }
  for (const spec of specs) {
    for (const m of spec.matchAll(/\d+(?:\.\d+)*/g)) {
      const parts = m[0].split(".").map(Number);
      while (parts.length < 3) parts.push(0);
      for (const delta of [-1, 0, 1]) {
        const v = [...parts];
        v[2] = Math.max(0, v[2]! + delta);
        out.add(v.join("."));
      }
    }
  }
  return [...out];
}

export function isValidRequiresPython(spec: string): boolean {
  return validRange(spec);
}

/** Some release of the `major.minor` series satisfies the specifier; undefined when it does not parse. */
export function allowsSeries(spec: string, series: string): boolean | undefined {
  const key = `${spec}\u0000${series}`;
  if (seriesAnswers.has(key)) return seriesAnswers.get(key);
  const answer = !isValidRequiresPython(spec) ? undefined : candidates([spec]).some((v) => (v === series || v.startsWith(`${series}.`)) && satisfies(v, spec));
  seriesAnswers.set(key, answer);
  return answer;
}

/**
 * Answers depend only on the specifier strings, and a workspace repeats the same few: remember
 * them, so comparing every member with every other stays cheap at a thousand members.
 */
const intersections = new Map<string, boolean | undefined>();
const seriesAnswers = new Map<string, boolean | undefined>();

/** Some version satisfies both specifiers; undefined when one does not parse. */
export function rangesIntersect(a: string, b: string): boolean | undefined {
  const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  if (intersections.has(key)) return intersections.get(key);
  const answer = !isValidRequiresPython(a) || !isValidRequiresPython(b) ? undefined : candidates([a, b]).some((v) => satisfies(v, a) && satisfies(v, b));
  intersections.set(key, answer);
  return answer;
}

/** The lowest Python 3 series nixpkgs still packages (3.10 up) that every specifier allows (for suggesting `python311`). */
export function lowestCommonSeries(specs: readonly string[]): string | undefined {
  for (let minor = 10; minor <= 14; minor++) {
    const series = `3.${minor}`;
    if (specs.every((s) => allowsSeries(s, series) !== false)) return series;
  }
  return undefined;
}
