import type { Artifact, Location, ReportTarget, Rule, SourceDocument, SourceRange } from '../core/index.ts';
import { locationFromRange, ok } from '../core/index.ts';

/** One pattern line of a `.dockerignore` (comments and blank lines are not kept). */
export interface DockerignorePattern {
  /** Trimmed, without the leading `!`. */
  readonly pattern: string;
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  readonly negated: boolean;
  readonly range: SourceRange;
}

/**
 * A `.dockerignore` (or `<name>.Dockerfile.dockerignore`), yielded by the Dockerfile analyzer so that
 * project rules see it beside the Dockerfiles. It has the artifact kind `dockerfile`, told apart by
 * `variant`; per-file Dockerfile rules never receive it (`dockerfilesOnly`).
 */
export interface DockerignoreArtifact extends Artifact {
  readonly kind: 'dockerfile';
  readonly variant: 'dockerignore';
  /** The directory it sits in, relative to the scan root (`''` for the root). */
  readonly directory: string;
  /** For `Dockerfile.dockerignore` / `api.Dockerfile.dockerignore`: the Dockerfile's base name it belongs to; undefined for `.dockerignore`. */
  readonly dockerfileName: string | undefined;
  readonly patterns: readonly DockerignorePattern[];
}

/** `.dockerignore`, or `<Dockerfile name>.dockerignore` (BuildKit reads it for that Dockerfile first). */
export function isDockerignoreName(path: string): boolean {
  const base = path.split('/').at(-1) ?? '';
  return base === '.dockerignore' || (base.toLowerCase().endsWith('.dockerignore') && base.length > '.dockerignore'.length);
}

export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function createDockerignoreArtifact(source: SourceDocument): DockerignoreArtifact {
  const base = source.path.split('/').at(-1) ?? '';
  const patterns: DockerignorePattern[] = [];
  source.text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const start = line.indexOf(trimmed) + 1;
    const range = { start: { line: index + 1, column: start }, end: { line: index + 1, column: start + trimmed.length } };
    patterns.push({ pattern: trimmed.replace(/^!\s*/, ''), negated: trimmed.startsWith('!'), range });
  });
  return Object.freeze({
    kind: 'dockerfile',
    variant: 'dockerignore',
    source,
    identity: 'dockerignore',
    directory: directoryOf(source.path),
    dockerfileName: base === '.dockerignore' ? undefined : base.slice(0, -'.dockerignore'.length),
    patterns,
    locate(target: ReportTarget): Location {
      return 'range' in target ? locationFromRange(source.path, target.range) : { path: source.path };
    },
  });
}

export function isDockerignoreArtifact(artifact: Artifact): artifact is DockerignoreArtifact {
  return artifact.kind === 'dockerfile' && 'variant' in artifact && artifact.variant === 'dockerignore';
}

/**
 * The rule, except that its per-file `check` never sees a `.dockerignore` artifact (it reads the
 * Dockerfile model, which that variant does not have). Project rules see both variants and pick.
 */
export function dockerfilesOnly(rule: Rule): Rule {
  if (rule.project) return rule;
  return Object.freeze({
    meta: rule.meta,
    project: false,
    check(sink: Parameters<Rule['check']>[0], artifact: Parameters<Rule['check']>[1]): void {
      if (!isDockerignoreArtifact(artifact)) rule.check(sink, artifact);
    },
    checkProject(sink: Parameters<Rule['checkProject']>[0], artifacts: Parameters<Rule['checkProject']>[1]): void {
      rule.checkProject(sink, artifacts);
    },
    configure(values: Readonly<Record<string, unknown>>): ReturnType<Rule['configure']> {
      const configured = rule.configure(values);
      return configured.ok ? ok(dockerfilesOnly(configured.value)) : configured;
    },
  });
}
