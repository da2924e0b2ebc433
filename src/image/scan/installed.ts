// Installed-package metadata that images carry besides lockfiles: npm packages under node_modules,
// Python distributions (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`) and RubyGems specifications;
// Java archives (jar.ts) and Go executables (go-binary.ts) through the extractors of extract.ts.
import type { Analyzer, SourceDocument, SourceRange } from '../../core/index.ts';
import { defineAnalyzer } from '../../core/index.ts';
import type { PackageEcosystem, PackageEntry, PackageInventoryArtifact } from '../../packages/index.ts';
import { createPackageInventory, formatPurl, npmPurl } from '../../packages/index.ts';
import type { ContentExtractor } from './extract.ts';
import { goBinaryExtractor, installedGoAnalyzer } from './go-binary.ts';
import { installedMavenAnalyzer, jarExtractor } from './jar.ts';
import { nodeAt, parseJsonWithPositions } from './json-positions.ts';

/** `node_modules/<name>/package.json` or `node_modules/@scope/<name>/package.json`, at any depth. */
const NODE_MODULE_MANIFEST = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/;
const PYTHON_METADATA = /(?:^|\/)[^/]+\.(?:dist-info\/METADATA|egg-info\/PKG-INFO)$/;
const GEMSPEC = /(?:^|\/)specifications\/[^/]+\.gemspec$/;

interface Found {
  readonly name: string;
  readonly version: string;
  readonly range: SourceRange;
  readonly dependencies?: PackageEntry['dependencies'];
}

function inventoryOf(document: SourceDocument, ecosystem: PackageEcosystem, format: string, found: Found | undefined, purl: (name: string, version: string) => string): { artifacts: PackageInventoryArtifact[]; errors: [] } {
  if (found === undefined || found.name === '' || found.version === '') return { artifacts: [], errors: [] };
  const entry: PackageEntry = { name: found.name, version: found.version, purl: purl(found.name, found.version), direct: undefined, scope: undefined, range: found.range, dependencies: found.dependencies ?? [] };
  return { artifacts: [createPackageInventory(document, { ecosystem, format, packages: [entry] })], errors: [] };
}

function npmManifest(document: SourceDocument): Found | undefined {
  const parsed = parseJsonWithPositions(document.text);
  if (!parsed.ok) return undefined;
  const name = nodeAt(parsed.root, ['name']);
  const version = nodeAt(parsed.root, ['version']);
  if (typeof name?.value !== 'string' || typeof version?.value !== 'string') return undefined;
  const dependencies = [...(nodeAt(parsed.root, ['dependencies'])?.members ?? new Map())].flatMap(([dependency, node]) => (typeof node.value === 'string' ? [{ name: dependency, requirement: node.value }] : []));
  return { name: name.value, version: version.value, range: document.lines.rangeOf(version.start, version.end), dependencies };
}

/** The `Name:` and `Version:` headers of core metadata (RFC 822 style, before the first blank line). */
function pythonMetadata(document: SourceDocument): Found | undefined {
  const headerEnd = document.text.search(/\r?\n\r?\n/);
  const headers = headerEnd === -1 ? document.text : document.text.slice(0, headerEnd);
  const name = /^Name:[ \t]*(\S.*?)\s*$/m.exec(headers);
  const version = /^Version:[ \t]*(\S.*?)\s*$/m.exec(headers);
  if (name === null || version === null) return undefined;
  const start = version.index;
  return { name: name[1] ?? '', version: version[1] ?? '', range: document.lines.rangeOf(start, start + version[0].trimEnd().length) };
}

/** `s.name = "rack"` and `s.version = "3.0.8"` of an installed gem specification. */
function gemspec(document: SourceDocument): Found | undefined {
  const name = /\.name\s*=\s*["']([^"']+)["']/.exec(document.text);
  const version = /\.version\s*=\s*(?:Gem::Version\.new\()?\s*["']([^"']+)["']/.exec(document.text);
  if (name === null || version === null) return undefined;
  return { name: name[1] ?? '', version: version[1] ?? '', range: document.lines.rangeOf(version.index, version.index + version[0].length) };
}

export const installedNpmAnalyzer: Analyzer<PackageInventoryArtifact> = defineAnalyzer<PackageInventoryArtifact>({
  id: 'image/npm-installed',
  version: 1,
  produces: 'package-inventory',
  matches: (file) => NODE_MODULE_MANIFEST.test(file.path),
  analyze: (document) => inventoryOf(document, 'npm', 'npm-package-json', npmManifest(document), npmPurl),
});

export const installedPythonAnalyzer: Analyzer<PackageInventoryArtifact> = defineAnalyzer<PackageInventoryArtifact>({
  id: 'image/python-installed',
  version: 1,
  produces: 'package-inventory',
  matches: (file) => PYTHON_METADATA.test(file.path),
  analyze: (document) => inventoryOf(document, 'PyPI', 'python-metadata', pythonMetadata(document), (name, version) => formatPurl({ type: 'pypi', name, version })),
});

export const installedGemAnalyzer: Analyzer<PackageInventoryArtifact> = defineAnalyzer<PackageInventoryArtifact>({
  id: 'image/gem-installed',
  version: 1,
  produces: 'package-inventory',
  matches: (file) => GEMSPEC.test(file.path),
  analyze: (document) => inventoryOf(document, 'RubyGems', 'gemspec', gemspec(document), (name, version) => formatPurl({ type: 'gem', name, version })),
});

/** Analyzers of installed packages' own metadata (and of the summaries the extractors leave for jars and Go executables), run by the image scan. */
export const installedPackageAnalyzers: readonly Analyzer<PackageInventoryArtifact>[] = Object.freeze([installedGemAnalyzer, installedGoAnalyzer, installedMavenAnalyzer, installedNpmAnalyzer, installedPythonAnalyzer]);

/** Read binary files whole during the layer pass and leave a package summary for the analyzers above. */
export const installedBinaryExtractors: readonly ContentExtractor[] = Object.freeze([goBinaryExtractor, jarExtractor]);
