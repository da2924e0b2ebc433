import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Analyzer, Rule, ScanError, Threshold } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import { analyzers as allAnalyzers } from '../catalog.ts';
import type { ExceptionSet } from '../gate/index.ts';
import { loadExceptions } from '../gate/index.ts';
import type { KubernetesObjectArtifact } from '../kubernetes/index.ts';
import { compileAdmissionPolicies, loadPolicyFiles } from '../policy/index.ts';
import type { ScanOptions, ScanSettings } from '../scan/settings.ts';
import { displayPath, resolveSettings } from '../scan/settings.ts';

export interface AdmissionEngineOptions {
  /** The folder whose `.palisade.yaml` and `.palisade/exceptions.yaml` apply when not named (default: the working directory). */
  readonly root?: string;
  /** `--config`: the configuration file (as `palisade scan --config`). */
  readonly configPath?: string;
  /** `--policy` folders or files, added to the configuration's `policies`. */
  readonly policies?: readonly string[];
  /** `--exceptions`: the exceptions file (then it must exist). */
  readonly exceptionsPath?: string;
  /** Rule options given as flags (e.g. `{ 'pod-security': { level: 'baseline' } }`), over the configuration's. */
  readonly ruleOptions?: NonNullable<ScanOptions['ruleOptions']>;
  /** As `palisade scan --fail-on`, `--rules`, `--skip-rules`, `--scanners`. */
  readonly failOn?: NonNullable<ScanOptions['failOn']>;
  readonly rules?: NonNullable<ScanOptions['rules']>;
  readonly skipRules?: NonNullable<ScanOptions['skipRules']>;
  readonly scanners?: NonNullable<ScanOptions['scanners']>;
}

/**
 * Everything the decision needs, loaded once: the scan settings (rules configured with their options,
 * failOn, severity overrides), the policy objects and their compiled ValidatingAdmissionPolicies, and the
 * exceptions file. Loading it is what `palisade scan` does before it reads a file.
 */
export interface AdmissionEngine {
  readonly settings: ScanSettings;
  /**
   * The rules that read an admitted object's document: per-object rules, and project rules, which see
   * the admitted object alone (as `palisade scan` of a file holding only that object).
   */
  readonly rules: readonly Rule[];
  /** The analyzers an admitted object's document may go through (Kubernetes objects, text for secrets). */
  readonly analyzers: readonly Analyzer[];
  readonly policyArtifacts: readonly KubernetesObjectArtifact[];
  /** The policies of `policyArtifacts`, compiled once (an admitted policy object makes the decision compile again, as a scan would). */
  readonly compiled: ReturnType<typeof compileAdmissionPolicies>;
  /** Policy files that could not be read or compiled. */
  readonly loadErrors: readonly ScanError[];
  readonly exceptions: ExceptionSet | undefined;
  readonly failOn: Threshold;
}

/** Loads the engine as `palisade scan` resolves its settings; configuration problems throw a PalisadeError. */
export async function loadAdmissionEngine(options: AdmissionEngineOptions = {}): Promise<AdmissionEngine> {
  const root = resolve(options.root ?? '.');
  const { root: _root, ...scanOptions } = options;
  const settings = await resolveSettings({ ...scanOptions, target: root });
  const targets = new Set(['kubernetes-object', 'text']);
  const rules = settings.rules.filter((rule) => targets.has(rule.meta.target));
  const needed = new Set(rules.map((rule) => rule.meta.target));
  // Always read as a Kubernetes object, even when no selected rule needs it: an object the loader cannot read is denied.
  needed.add('kubernetes-object');
  const analyzers = allAnalyzers.filter((analyzer) => needed.has(analyzer.produces));
  const policyArtifacts: KubernetesObjectArtifact[] = [];
  const loadErrors: ScanError[] = [];
  if (settings.scanners.includes('policy')) {
    for (const path of settings.policyPaths) {
      const loaded = loadPolicyFiles(path);
      policyArtifacts.push(...loaded.artifacts);
      loadErrors.push(...loaded.errors);
    }
  }
  const compiled = compileAdmissionPolicies(policyArtifacts);
  loadErrors.push(...compiled.errors);
  return {
    settings,
    rules,
    analyzers,
    policyArtifacts,
    compiled,
    loadErrors,
    exceptions: await loadExceptionsFile(settings),
    failOn: settings.failOn,
  };
}

/** The exceptions file as a scan reads it: the named one (which must exist), else `.palisade/exceptions.yaml` when present. */
async function loadExceptionsFile(settings: ScanSettings): Promise<ExceptionSet | undefined> {
  const path = settings.exceptionsPath ?? join(settings.root, settings.config.exceptions);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (settings.exceptionsPath === undefined) return undefined;
    throw new PalisadeError('EXCEPTIONS_INVALID', `Cannot read exceptions file "${path}"`, { cause: error, position: { path } });
  }
  const loaded = loadExceptions(displayPath(settings.root, path), text);
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}
