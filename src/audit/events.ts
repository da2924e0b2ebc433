import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Artifact, Location, ScanError } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import type { JsonObject, JsonValue } from '../kubernetes/json.ts';
import { isJsonArray, isJsonObject, toJsonValue } from '../kubernetes/json.ts';
import type { ModelValue, TargetModel } from '../policy/palisade-policy/index.ts';

/** One line of an audit log holding one audit.k8s.io Event (the log backend writes JSON lines). */
export interface AuditEventArtifact extends Artifact {
  readonly kind: 'audit-event';
  readonly line: number;
  readonly event: JsonObject;
}

/** Longer lines are reported and skipped: an Event with a RequestResponse body of a huge object. */
export const MAX_AUDIT_LINE_CHARS = 4 * 1024 * 1024;

/**
 * The model a policy sees for an AuditEvent: the Event as logged (verb, user, objectRef,
 * responseStatus, requestObject at Request level and above, annotations…). Findings point at its line.
 */
export function auditEventModel(artifact: AuditEventArtifact): TargetModel {
  return { target: 'AuditEvent', artifact, value: modelObject(artifact.event), ranges: new Map() };
}

function modelObject(object: JsonObject): { readonly [key: string]: ModelValue } {
  const result: Record<string, ModelValue> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) result[key] = modelValue(value);
  return result;
}

function modelValue(value: JsonValue): ModelValue {
  if (isJsonArray(value)) return value.map(modelValue);
  return isJsonObject(value) ? modelObject(value) : value;
}

export function auditEventArtifact(path: string, line: number, text: string, event: JsonObject): AuditEventArtifact {
  const source = createSourceDocument(path, text);
  const auditId = typeof event['auditID'] === 'string' ? event['auditID'] : `line ${line}`;
  const stage = typeof event['stage'] === 'string' ? event['stage'] : '';
  return {
    kind: 'audit-event',
    source,
    line,
    event,
    // Fingerprints follow the request (auditID), not the line: rotating a log does not make old findings new.
    identity: `${auditId} ${stage}`,
    locate(): Location {
      return { path, startLine: line, startColumn: 1 };
    },
  };
}

/** What `readAuditEvents` hands over per batch. */
export interface AuditBatch {
  readonly events: readonly AuditEventArtifact[];
  readonly errors: readonly ScanError[];
}

/**
 * Streams an audit log (JSON lines: one Event per line, or EventList lines as the webhook backend
 * posts them) in batches, so a log of any size is read in bounded memory. A line that is not JSON, not
 * an Event or too long becomes an error naming its line; the rest is read.
 */
export async function* readAuditEvents(file: string, displayPath: string, batchSize = 1000): AsyncGenerator<AuditBatch> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let events: AuditEventArtifact[] = [];
  let errors: ScanError[] = [];
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const parsed = parseLine(displayPath, number, text);
    if ('error' in parsed) errors.push(parsed.error);
    else events.push(...parsed.events);
    if (events.length >= batchSize) {
      yield { events, errors };
      events = [];
      errors = [];
    }
  }
  if (events.length > 0 || errors.length > 0) yield { events, errors };
}

function parseLine(path: string, line: number, text: string): { events: AuditEventArtifact[] } | { error: ScanError } {
  const error = (message: string): { error: ScanError } => ({ error: { path, code: 'PARSE_FAILED', message, startLine: line, startColumn: 1 } });
  if (text.length > MAX_AUDIT_LINE_CHARS) return error(`Audit log line of ${text.length} characters, over the limit of ${MAX_AUDIT_LINE_CHARS}; skipped.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return error(`Not a JSON line: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const json = toJsonValue(value);
  if (!isJsonObject(json)) return error('Not an audit event: expected a JSON object.');
  const items = json['kind'] === 'EventList' && Array.isArray(json['items']) ? json['items'] : [json];
  const events = items.filter(isJsonObject).filter(isAuditEvent);
  if (events.length === 0) return error('Not an audit event: expected apiVersion audit.k8s.io/v1 (kind Event or EventList) with verb, user and stage.');
  return { events: events.map((event) => auditEventArtifact(path, line, text, event)) };
}

function isAuditEvent(event: JsonObject): boolean {
  return typeof event['verb'] === 'string' && isJsonObject(event['user']) && typeof event['stage'] === 'string' && (event['apiVersion'] === undefined || String(event['apiVersion']).startsWith('audit.k8s.io/'));
}
