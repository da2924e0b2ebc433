// How the store keys packages: the bare OSV ecosystem and the package name as OSV compares it.

/** `Debian:12` → `Debian`, `Red Hat:enterprise_linux:9::appstream` → `Red Hat`, `npm` → `npm`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * Names OSV compares after normalising: PyPI names per PEP 503 (lowercase, runs of `-`, `_`, `.`
 * become one `-`). Every other ecosystem compares names exactly, as OSV's own matcher does.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  if (baseEcosystem(ecosystem) === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}
