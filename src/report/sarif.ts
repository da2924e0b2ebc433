import type { Finding, Location, Report, ScanError, Suppression } from '../core/index.ts';
import { nullThrows } from '../core/index.ts';
import { formatObjectRef } from './common.ts';
import type { ReporterOptions } from './reporter.ts';
import { SARIF_LEVELS, sarifRules } from './sarif-rules.ts';

/** The OASIS SARIF 2.1.0 schema (errata 01) the output is written for and tested against. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_INFORMATION_URI = 'https://github.com/palisade-dev/palisade';
/** The key of Palisade's own fingerprint in `partialFingerprints`; bump the suffix if its meaning changes. */
export const SARIF_FINGERPRINT_KEY = 'palisadeFingerprint/v1';
/** Paths are relative to the scan root; consumers (GitHub code scanning) resolve them against the repository. */
export const SARIF_SRCROOT = '%SRCROOT%';

type PropertyBag = Readonly<Record<string, unknown>>;

interface SarifRegion {
  readonly startLine: number;
  readonly startColumn?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
  readonly region?: SarifRegion;
}

interface SarifLocation {
  readonly physicalLocation: SarifPhysicalLocation;
  readonly logicalLocations?: readonly { readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }[];
  readonly properties?: PropertyBag;
}

interface SarifSuppression {
  readonly kind: 'inSource' | 'external';
  readonly status: 'accepted';
  readonly justification?: string;
  readonly location?: SarifLocation;
  readonly properties: PropertyBag;
}

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: readonly SarifSuppression[];
  readonly properties: PropertyBag;
}

/** SARIF 2.1.0, one run, as GitHub code scanning and other SARIF viewers read it. */
export function sarifReporter(report: Report, _options: ReporterOptions): string {
  const rules = sarifRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return `${JSON.stringify(sarifLog(report, rules, report.findings.map((finding) => toResult(finding, ruleIndex))), null, 2)}\n`;
}

/** The run's `results` key as `JSON.stringify(log, null, 2)` writes it: the only key six spaces deep that is named so (the run's). */
const EMPTY_RESULTS = '\n      "results": [],';
const RESULT_INDENT = '\n        ';

/**
 * The SARIF log in consecutive pieces (about one per result), produced as they are asked for, so
 * that a caller can write the log as it is built: together, exactly the text of `sarifReporter`.
 * Each result is stringified on its own and indented into place. V8 takes about 1.4 s of CPU to
 * stringify a 33 MB log (20,000 findings) at once, and to join pieces into one string as long; the
 * pieces written in 16K chunks take about 0.5 s.
 */
export function* sarifReportParts(report: Report): Generator<string> {
  const rules = sarifRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const text = JSON.stringify(sarifLog(report, rules, []), null, 2);
  const at = text.indexOf(EMPTY_RESULTS);
  if (at === -1) throw new Error('The SARIF log has no empty results array to fill');
  if (report.findings.length === 0) {
    yield `${text}\n`;
    return;
  }
  yield `${text.slice(0, at)}\n      "results": [`;
  for (let index = 0; index < report.findings.length; index += 1) {
    const result = JSON.stringify(toResult(nullThrows(report.findings[index], 'a finding'), ruleIndex), null, 2);
    yield `${index === 0 ? '' : ','}${RESULT_INDENT}${result.replaceAll('\n', RESULT_INDENT)}`;
  }
  yield `\n      ],${text.slice(at + EMPTY_RESULTS.length)}\n`;
}

function sarifLog(report: Report, rules: ReturnType<typeof sarifRules>, results: readonly SarifResult[]): unknown {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: SARIF_INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map(toNotification),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { schemaVersion: report.schemaVersion, target: report.target, summary: report.summary },
      },
    ],
  };
}

function toResult(finding: Finding, ruleIndex: ReadonlyMap<string, number>): SarifResult {
  const { suppression } = finding;
  return {
    ruleId: finding.ruleId,
    ruleIndex: nullThrows(ruleIndex.get(finding.ruleId), 'sarifRules() describes the rule of every finding'),
    level: SARIF_LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [toLocation(finding.location)],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    ...(suppression === undefined ? {} : { suppressions: [toSuppression(suppression)] }),
    properties: resultProperties(finding),
  };
}

function resultProperties(finding: Finding): PropertyBag {
  return {
    severity: finding.severity,
    kind: finding.kind,
    messageId: finding.messageId,
    ...(finding.evidence === undefined ? {} : { evidence: finding.evidence }),
    ...(finding.package === undefined ? {} : { package: finding.package }),
    ...(finding.vulnerability === undefined ? {} : { vulnerability: finding.vulnerability }),
  };
}

/** A physical location, plus the Kubernetes object as a logical location and the JSON pointer as a property. */
function toLocation(location: Location): SarifLocation {
  const { object, jsonPointer } = location;
  return {
    physicalLocation: toPhysicalLocation(location),
    ...(object === undefined
      ? {}
      : {
          logicalLocations: [
            {
              name: object.name ?? object.kind,
              fullyQualifiedName: `${object.apiVersion} ${formatObjectRef(object)}`,
              kind: 'resource',
            },
          ],
        }),
    ...(object === undefined && jsonPointer === undefined
      ? {}
      : {
          properties: {
            ...(object === undefined ? {} : { kubernetesObject: object }),
            ...(jsonPointer === undefined ? {} : { jsonPointer }),
          },
        }),
  };
}

function toPhysicalLocation(location: Pick<Location, 'path' | 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>): SarifPhysicalLocation {
  const artifactLocation = { uri: encodePath(location.path), uriBaseId: SARIF_SRCROOT };
  const region = toRegion(location);
  return region === undefined ? { artifactLocation } : { artifactLocation, region };
}

/** Only the known fields: SARIF needs a start line for a text region, the rest is optional. */
function toRegion(location: Pick<Location, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>): SarifRegion | undefined {
  const { startLine, startColumn, endLine, endColumn } = location;
  if (startLine === undefined) return undefined;
  return {
    startLine,
    ...(startColumn === undefined ? {} : { startColumn }),
    ...(endLine === undefined ? {} : { endLine }),
    ...(endColumn === undefined ? {} : { endColumn }),
  };
}

/** A relative URI reference: each `/`-separated segment percent-encoded (spaces, `%`, `#`, `?`, `:`, non-ASCII). */
export function encodePath(path: string): string {
  return path.toWellFormed().split('/').map(encodeURIComponent).join('/');
}

function toSuppression(suppression: Suppression): SarifSuppression {
  const { source } = suppression;
  const justification = suppression.reason ?? suppression.kind;
  return {
    kind: suppression.kind === 'inline' ? 'inSource' : 'external',
    status: 'accepted',
    justification,
    ...(source === undefined ? {} : { location: toLocation(source) }),
    properties: {
      palisadeKind: suppression.kind,
      ...(suppression.owner === undefined ? {} : { owner: suppression.owner }),
      ...(suppression.ticket === undefined ? {} : { ticket: suppression.ticket }),
      ...(suppression.expires === undefined ? {} : { expires: suppression.expires }),
    },
  };
}

function toNotification(error: ScanError): Readonly<Record<string, unknown>> {
  const location = toPhysicalLocation({
    path: error.path,
    ...(error.startLine === undefined ? {} : { startLine: error.startLine }),
    ...(error.startColumn === undefined ? {} : { startColumn: error.startColumn }),
  });
  return {
    level: 'error',
    message: { text: error.message },
    descriptor: { id: error.code },
    locations: [{ physicalLocation: location }],
  };
}
