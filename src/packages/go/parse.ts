import type { ScanError, SourceDocument, SourceRange } from '../../core/index.ts';
import type { PackageEntry, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { golangPurl } from '../purl.ts';
import { conflictMarker, linesWithOffsets } from '../shared/text.ts';

interface Requirement {
  readonly path: string;
  readonly version: string;
  readonly indirect: boolean;
  readonly range: SourceRange;
}

interface Replacement {
  readonly path: string;
  readonly version: string | undefined;
  readonly local: boolean;
}

/** OSV Go versions have no `v` prefix; the purl keeps the go.mod form. */
export function osvGoVersion(version: string): string {
  return version.replace(/^v/, '');
}

function goEntry(path: string, version: string, direct: boolean | undefined, range: SourceRange, skipReason?: SkipReason): PackageEntry {
  return {
    name: path,
    version: osvGoVersion(version),
    purl: golangPurl(path, version),
    direct,
    scope: undefined,
    range,
    dependencies: [],
    ...(skipReason === undefined ? {} : { skipReason }),
  };
}

function unquote(token: string): string {
  return token.startsWith('"') && token.endsWith('"') ? token.slice(1, -1) : token.replaceAll('`', '');
}

/** Parses `go.mod`: requirements (direct unless `// indirect`), `replace` applied, the `go`/`toolchain` line as `stdlib`. */
export function parseGoMod(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const requirements: Requirement[] = [];
  const replacements = new Map<string, Replacement>();
  const errors: ScanError[] = [];
  let block: string | undefined;
  let goVersion: { version: string; range: SourceRange } | undefined;
  let toolchain: { version: string; range: SourceRange } | undefined;
  for (const line of linesWithOffsets(source.text)) {
    const comment = line.text.indexOf('//');
    const code = (comment === -1 ? line.text : line.text.slice(0, comment)).trim();
    const indirect = comment !== -1 && /\bindirect\b/.test(line.text.slice(comment));
    if (code === '') continue;
    if (code === ')') {
      block = undefined;
      continue;
    }
    const blockOpen = /^(require|replace|exclude|retract|tool|godebug|ignore)\s*\($/.exec(code);
    if (blockOpen !== null) {
      block = blockOpen[1];
      continue;
    }
    const leading = /^(require|replace|exclude|retract|go|toolchain|module|tool|godebug|ignore)\s+(.*)$/.exec(code);
    const verb = block ?? leading?.[1];
    const rest = block === undefined ? (leading?.[2] ?? '') : code;
    const range = source.lines.rangeOf(line.start + (line.text.length - line.text.trimStart().length), line.start + line.text.trimEnd().length);
    if (verb === 'go') goVersion = { version: rest, range };
    else if (verb === 'toolchain') toolchain = { version: rest.replace(/^go/, '').replace(/[+-].*$/, ''), range };
    else if (verb === 'require') {
      const [path, version] = rest.split(/\s+/).map(unquote);
      if (path === undefined || version === undefined) errors.push(entryError(source, line.start, `Malformed require "${rest}"; skipped.`));
      else requirements.push({ path, version, indirect, range });
    } else if (verb === 'replace') {
      const match = /^(\S+)(?:\s+(\S+))?\s*=>\s*(\S+)(?:\s+(\S+))?$/.exec(rest);
      if (match === null) errors.push(entryError(source, line.start, `Malformed replace "${rest}"; skipped.`));
      else {
        const target = unquote(match[3] ?? '');
        const key = match[2] === undefined ? unquote(match[1] ?? '') : `${unquote(match[1] ?? '')}@${match[2]}`;
        replacements.set(key, { path: target, version: match[4], local: /^\.{0,2}\/|^\//.test(target) });
      }
    } else if (verb === undefined) errors.push(entryError(source, line.start, `Unknown go.mod directive "${code.slice(0, 40)}"; skipped.`));
  }
  const packages = requirements.map((requirement) => {
    const replacement = replacements.get(`${requirement.path}@${requirement.version}`) ?? replacements.get(requirement.path);
    if (replacement === undefined) return goEntry(requirement.path, requirement.version, !requirement.indirect, requirement.range);
    if (replacement.local) return goEntry(requirement.path, '', !requirement.indirect, requirement.range, 'local-path');
    return goEntry(replacement.path, replacement.version ?? requirement.version, !requirement.indirect, requirement.range);
  });
  const stdlib = toolchain ?? goVersion;
  if (stdlib !== undefined) packages.push({ ...goEntry('stdlib', stdlib.version, undefined, stdlib.range), purl: golangPurl('stdlib', stdlib.version) });
  return { artifact: createPackageInventory(source, { ecosystem: 'Go', format: 'go.mod', packages }), errors };
}

/** Parses `go.sum`: one entry per module version with a content hash (`/go.mod`-only lines are not in the build). */
export function parseGoSum(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  for (const line of linesWithOffsets(source.text)) {
    if (line.text.trim() === '') continue;
    const [path, version, hash, extra] = line.text.trim().split(/\s+/);
    if (path === undefined || version === undefined || hash === undefined || extra !== undefined || !hash.startsWith('h1:')) {
      errors.push(entryError(source, line.start, `Malformed go.sum line; skipped.`));
      continue;
    }
    if (version.endsWith('/go.mod') || seen.has(`${path}@${version}`)) continue;
    seen.add(`${path}@${version}`);
    const range = source.lines.rangeOf(line.start, line.start + line.text.length);
    packages.push({ ...goEntry(path, version, undefined, range), integrity: hash });
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'Go', format: 'go.sum', packages }), errors };
}
