// Java archives in images: the Maven coordinates of `META-INF/maven/<group>/<artifact>/pom.properties`
// inside `.jar`/`.war`/`.ear` files, and inside the archives they nest one level deep (Spring Boot's
// `BOOT-INF/lib/*.jar`, a war's `WEB-INF/lib/*.jar`, an ear's modules); deeper archives are named
// in the problems, not opened. Read from memory with yauzl;
// every entry is size-capped, inflated no further than its declared size and CRC-checked.
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Analyzer, SourceDocument } from '../../core/index.ts';
import { defineAnalyzer } from '../../core/index.ts';
import type { PackageEntry, PackageInventoryArtifact } from '../../packages/index.ts';
import { createPackageInventory, formatPurl } from '../../packages/index.ts';
import { MAX_NESTED_ARCHIVE_DEPTH } from '../limits.ts';
import type { ContentExtractor, ExtractProblem, Extracted } from './extract.ts';
import { MAX_EXTRACT_BYTES, describeError, readSummary, summaryMarker, writeSummary } from './extract.ts';

const KIND = 'maven-jar';
const ARCHIVE = /\.(?:jar|war|ear)$/i;
const NESTED_ARCHIVE = /\.(?:jar|war)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/([^/]+)\/([^/]+)\/pom\.properties$/;
const MAX_PROPERTIES_BYTES = 64 * 1024;
/** Nested archives inflated for one outer archive, in total (a zip bomb stops here). */
const MAX_NESTED_BYTES = 256 * 1024 * 1024;
/** Archives nested too deep are named one by one up to this many per outer archive, then counted. */
const MAX_DEEP_NAMED = 20;

export interface MavenCoordinates {
  readonly group: string;
  readonly artifact: string;
  readonly version: string;
  /** The properties file inside the archive (`BOOT-INF/lib/x.jar!/META-INF/maven/g/a/pom.properties`). */
  readonly in: string;
}

interface Walk {
  readonly found: MavenCoordinates[];
  readonly problems: ExtractProblem[];
  nestedBudget: number;
  /** Nested archives not opened because they lie deeper than MAX_NESTED_ARCHIVE_DEPTH. */
  tooDeep: number;
}

/** `key=value` / `key: value` lines of a Java properties file (comments and blank lines skipped). */
export function parseProperties(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const separator = line.search(/[=:]/);
    if (separator === -1) continue;
    values.set(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  return values;
}

function levels(count: number): string {
  return count === 1 ? '1 level' : `${count} levels`;
}

function entryName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
}

/** The entry's bytes: stored or deflated, never inflated past the declared size, CRC-checked. */
async function readEntry(zip: ZipFile, archive: Buffer, entry: Entry): Promise<Buffer> {
  if (entry.isEncrypted()) throw new Error('encrypted entry');
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  if (fileDataStart + entry.compressedSize > archive.length) throw new Error('entry data runs past the end of the archive');
  const raw = archive.subarray(fileDataStart, fileDataStart + entry.compressedSize);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  const data = entry.compressionMethod === 0 ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  if (data.length !== entry.uncompressedSize) throw new Error(`${data.length} bytes where the directory says ${entry.uncompressedSize}`);
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) throw new Error('CRC-32 mismatch');
  return data;
}

function coordinates(name: string, text: string, where: string): MavenCoordinates | undefined {
  const path = POM_PROPERTIES.exec(name);
  const properties = parseProperties(text);
  const group = properties.get('groupId') ?? path?.[1] ?? '';
  const artifact = properties.get('artifactId') ?? path?.[2] ?? '';
  const version = properties.get('version') ?? '';
  if (group === '' || artifact === '' || version === '') return undefined;
  return { group, artifact, version, in: where };
}

/** One entry of an archive: a pom.properties is read, a nested archive is walked (up to MAX_NESTED_ARCHIVE_DEPTH, else named). */
async function visitEntry(zip: ZipFile, archive: Buffer, entry: Entry, prefix: string, depth: number, walk: Walk): Promise<void> {
  const name = entryName(entry);
  const where = `${prefix}${name}`;
  if (POM_PROPERTIES.test(name)) {
    if (entry.uncompressedSize > MAX_PROPERTIES_BYTES) throw new Error(`${entry.uncompressedSize} bytes, over the ${MAX_PROPERTIES_BYTES} allowed for pom.properties`);
    const found = coordinates(name, (await readEntry(zip, archive, entry)).toString('utf8'), where);
    if (found !== undefined) walk.found.push(found);
    return;
  }
  if (!NESTED_ARCHIVE.test(name)) return;
  if (depth >= MAX_NESTED_ARCHIVE_DEPTH) {
    walk.tooDeep += 1;
    if (walk.tooDeep <= MAX_DEEP_NAMED) walk.problems.push({ code: 'LIMIT_EXCEEDED', message: `Nested archive ${where} lies ${depth + 1} levels deep, more than the ${levels(MAX_NESTED_ARCHIVE_DEPTH)} opened for packages; its packages are not listed` });
    return;
  }
  if (entry.uncompressedSize > MAX_EXTRACT_BYTES || entry.uncompressedSize > walk.nestedBudget) {
    walk.problems.push({ code: 'FILE_TOO_LARGE', message: `Nested archive ${where} is ${entry.uncompressedSize} bytes, over the limit for nested archives; its packages are not listed` });
    return;
  }
  walk.nestedBudget -= entry.uncompressedSize;
  await walkArchive(await readEntry(zip, archive, entry), `${where}!/`, depth + 1, walk);
}

async function walkArchive(archive: Buffer, prefix: string, depth: number, walk: Walk): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(archive, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    walk.problems.push({ code: 'PARSE_FAILED', message: `${prefix === '' ? 'The archive' : `Nested archive ${prefix.slice(0, -2)}`} is not a readable zip (${describeError(error)}); its packages are not listed` });
    return;
  }
  try {
    for await (const entry of zip.eachEntry()) {
      try {
        await visitEntry(zip, archive, entry, prefix, depth, walk);
      } catch (error) {
        walk.problems.push({ code: 'PARSE_FAILED', message: `Entry ${prefix}${entryName(entry)} could not be read (${describeError(error)}); skipped` });
      }
    }
  } catch (error) {
    walk.problems.push({ code: 'PARSE_FAILED', message: `${prefix === '' ? 'The archive' : `Nested archive ${prefix.slice(0, -2)}`} is corrupt (${describeError(error)}); packages after the damage are not listed` });
  } finally {
    if (zip.isOpen) zip.close();
  }
}

/** The Maven coordinates a Java archive records, sorted and without repeats. */
export async function readJar(bytes: Buffer): Promise<{ readonly packages: readonly MavenCoordinates[]; readonly problems: readonly ExtractProblem[] }> {
  const walk: Walk = { found: [], problems: [], nestedBudget: MAX_NESTED_BYTES, tooDeep: 0 };
  await walkArchive(bytes, '', 0, walk);
  if (walk.tooDeep > MAX_DEEP_NAMED) walk.problems.push({ code: 'LIMIT_EXCEEDED', message: `${walk.tooDeep - MAX_DEEP_NAMED} more nested archives lie more than ${levels(MAX_NESTED_ARCHIVE_DEPTH)} deep; their packages are not listed` });
  const unique = new Map<string, MavenCoordinates>();
  for (const found of walk.found) {
    const key = `${found.group}:${found.artifact}:${found.version}`;
    if (!unique.has(key)) unique.set(key, found);
  }
  const packages = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, found]) => found);
  return { packages, problems: walk.problems };
}

export const jarExtractor: ContentExtractor = Object.freeze({
  id: 'image/maven-jar',
  version: 1,
  wants: (path: string) => ARCHIVE.test(path),
  async extract(bytes: Buffer): Promise<Extracted> {
    const { packages, problems } = await readJar(bytes);
    return { summary: packages.length === 0 ? undefined : writeSummary(KIND, { packages }), problems };
  },
});

function isCoordinates(value: unknown): value is MavenCoordinates {
  if (typeof value !== 'object' || value === null) return false;
  const record: Readonly<Record<string, unknown>> = { ...value };
  return typeof record['group'] === 'string' && typeof record['artifact'] === 'string' && typeof record['version'] === 'string' && typeof record['in'] === 'string';
}

function summaryPackages(document: SourceDocument): MavenCoordinates[] {
  const value = readSummary(KIND, document.text);
  const packages: unknown = typeof value === 'object' && value !== null && 'packages' in value ? value.packages : undefined;
  return Array.isArray(packages) ? packages.filter(isCoordinates) : [];
}

/** Reads the summary the jar extractor left in place of a Java archive. */
export const installedMavenAnalyzer: Analyzer<PackageInventoryArtifact> = defineAnalyzer<PackageInventoryArtifact>({
  id: 'image/maven-installed',
  version: 1,
  produces: 'package-inventory',
  matches: (_file, sniff) => sniff().startsWith(summaryMarker(KIND)),
  analyze(document) {
    const found = summaryPackages(document);
    if (found.length === 0) return { artifacts: [], errors: [] };
    const range = document.lines.rangeOf(0, 0);
    const packages: PackageEntry[] = found.map((item) => ({
      name: `${item.group}:${item.artifact}`,
      version: item.version,
      purl: formatPurl({ type: 'maven', namespace: item.group, name: item.artifact, version: item.version }),
      direct: undefined,
      scope: undefined,
      range,
      dependencies: [],
    }));
    return { artifacts: [createPackageInventory(document, { ecosystem: 'Maven', format: 'jar-pom-properties', packages })], errors: [] };
  },
});
