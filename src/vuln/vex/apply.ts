// Applies VEX statements to vulnerability findings. A statement applies to a finding when one of its
// ids (vulnerability name, aliases) is the finding's vulnerability id or one of its aliases, and one
// of its products (or a product's subcomponents) names the finding's package purl. Of the statements
// that apply, the latest (timestamp, then document order) decides: not_affected and fixed suppress
// the finding; affected and under_investigation leave it reported.
import type { Finding, Suppression } from '../../core/index.ts';
import type { VexProduct, VexStatement } from './model.ts';
import { productMatches } from './purl.ts';

export interface ApplyVexOptions {
  /**
   * Identifiers (purls, image references) of what was scanned. A product without subcomponents that
   * names one of them applies to every finding of the vulnerability; a product that names none of
   * them does not apply its subcomponents. Without this list, subcomponents apply whatever the product.
   */
  readonly artifacts?: readonly string[];
}

export interface ApplyVexResult {
  readonly findings: Finding[];
  /** How many findings a not_affected or fixed statement suppressed. */
  readonly suppressed: number;
  readonly notes: string[];
}

function idsOf(finding: Finding): Set<string> {
  const ids = [finding.vulnerability?.id ?? finding.ruleId, ...(finding.vulnerability?.aliases ?? [])];
  return new Set(ids.map((id) => id.toUpperCase()));
}

function productApplies(product: VexProduct, purl: string, artifacts: readonly string[] | undefined): boolean {
  if (productMatches(product.id, purl)) return true;
  const isArtifact = artifacts === undefined ? undefined : artifacts.some((artifact) => productMatches(product.id, artifact));
  if (product.subcomponents.length === 0) return isArtifact === true;
  if (isArtifact === false) return false;
  return product.subcomponents.some((sub) => productMatches(sub, purl));
}

function statementApplies(statement: VexStatement, finding: Finding, ids: ReadonlySet<string>, artifacts: readonly string[] | undefined): boolean {
  const purl = finding.package?.purl;
  if (purl === undefined) return false;
  const named = [statement.vulnerability, ...statement.aliases].some((id) => ids.has(id.toUpperCase()));
  return named && statement.products.some((product) => productApplies(product, purl, artifacts));
}

/** Latest timestamp wins; equal or missing timestamps: the later statement wins. */
function decisive(statements: readonly VexStatement[]): VexStatement | undefined {
  let best: VexStatement | undefined;
  for (const statement of statements) {
    if (best === undefined || (statement.timestamp ?? '') >= (best.timestamp ?? '')) best = statement;
  }
  return best;
}

function suppressionOf(statement: VexStatement): Suppression | undefined {
  if (statement.status === 'fixed') return { kind: 'exception', reason: statement.detail === undefined ? 'VEX fixed' : `VEX fixed: ${statement.detail}`, source: statement.source };
  if (statement.status !== 'not_affected') return undefined;
  const why = statement.justification ?? statement.detail ?? 'no justification given';
  return { kind: 'exception', reason: `VEX not_affected: ${why}`, source: statement.source };
}

export function applyVex(findings: readonly Finding[], statements: readonly VexStatement[], options: ApplyVexOptions = {}): ApplyVexResult {
  const notes: string[] = [];
  const usable = statements.filter((statement) => statement.products.length > 0);
  const productless = statements.length - usable.length;
  if (productless > 0) notes.push(`VEX statements without products ignored: ${productless}`);
  let suppressed = 0;
  const result = findings.map((finding) => {
    if (finding.kind !== 'vulnerability' || finding.suppression !== undefined) return finding;
    const ids = idsOf(finding);
    const statement = decisive(usable.filter((candidate) => statementApplies(candidate, finding, ids, options.artifacts)));
    const suppression = statement === undefined ? undefined : suppressionOf(statement);
    if (suppression === undefined) return finding;
    suppressed += 1;
    return { ...finding, suppression };
  });
  return { findings: result, suppressed, notes };
}
