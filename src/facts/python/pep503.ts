/** PEP 503 name normalization: `Evio.Core`, `evio_core` and `evio-core` all become `evio-core`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}
