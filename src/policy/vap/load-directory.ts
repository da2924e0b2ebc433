import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanError } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { createKubernetesObjectArtifact, loadManifests } from '../../kubernetes/index.ts';

export interface PolicyFiles {
  /** Every object of the files: policies, bindings, params, CRDs, Namespaces, Palisade policies. */
  readonly artifacts: readonly KubernetesObjectArtifact[];
  readonly errors: readonly ScanError[];
}

/** Policy files larger than this are refused. */
export const MAX_POLICY_FILE_SIZE = 4 * 1024 * 1024;

const POLICY_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Reads a policy folder (`--policy DIR`, recursively) or one policy file. Paths in artifacts and
 * errors are the folder as given joined with the file's relative path. A file that does not parse,
 * or holds no object with `apiVersion` and `kind`, is a POLICY_INVALID error; the other files are read.
 */
export function loadPolicyFiles(location: string): PolicyFiles {
  const artifacts: KubernetesObjectArtifact[] = [];
  const errors: ScanError[] = [];
  let files: string[];
  try {
    files = statSync(location).isDirectory() ? policyFilesIn(location) : [location];
  } catch (error) {
    return { artifacts, errors: [{ path: location, code: 'POLICY_INVALID', message: `Cannot read policies: ${messageOf(error)}` }] };
  }
  for (const path of files) {
    const loaded = loadPolicyFile(path);
    artifacts.push(...loaded.artifacts);
    errors.push(...loaded.errors);
  }
  return { artifacts, errors };
}

/** Reads one policy file (YAML or JSON, several documents allowed). */
export function loadPolicyFile(path: string): PolicyFiles {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_POLICY_FILE_SIZE) return { artifacts: [], errors: [{ path, code: 'POLICY_INVALID', message: `Policy file is ${size} bytes, over the limit of ${MAX_POLICY_FILE_SIZE}` }] };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { artifacts: [], errors: [{ path, code: 'POLICY_INVALID', message: `Cannot read policy file: ${messageOf(error)}` }] };
  }
  return parsePolicyText(path, text);
}

/** Parses policy text as read from `path`. */
export function parsePolicyText(path: string, text: string): PolicyFiles {
  const document = createSourceDocument(path, text);
  const { objects, errors } = loadManifests(document);
  const artifacts = objects.map((loaded) => createKubernetesObjectArtifact(document, loaded));
  const policyErrors: ScanError[] = errors.map((error) => ({ ...error, code: 'POLICY_INVALID' }));
  if (artifacts.length === 0 && policyErrors.length === 0) {
    policyErrors.push({ path, code: 'POLICY_INVALID', message: 'The file holds no policy: no YAML or JSON object with apiVersion and kind', startLine: 1, startColumn: 1 });
  }
  return { artifacts, errors: policyErrors };
}

function policyFilesIn(directory: string): string[] {
  const entries = readdirSync(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && POLICY_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension)))
    .map((entry) => join(entry.parentPath, entry.name).replaceAll('\\', '/'))
    .sort();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
