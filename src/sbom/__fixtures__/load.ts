// Test helpers: the fixture projects, built into SBOMs with a fixed clock and serial number.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSbom } from '../build.ts';
import { collectInventories } from '../collect.ts';
import type { CollectedInventories } from '../collect.ts';
import type { SbomFormat } from '../model.ts';

export const FIXTURES = import.meta.dirname;
export const FIXED = { timestamp: new Date('2026-01-02T03:04:05.678Z'), uuid: '00000000-0000-4000-8000-000000000000', toolVersion: '0.1.0' } as const;
export const PROJECTS = ['npm-app', 'poetry-app', 'go-app', 'rootfs'] as const;

export function collectFixture(name: string): Promise<CollectedInventories> {
  return collectInventories(join(FIXTURES, name));
}

export async function buildFixture(name: string, format: SbomFormat): Promise<string> {
  const collected = await collectFixture(name);
  return buildSbom(collected.inventories, { name: collected.name, kind: collected.kind }, format, FIXED);
}

export function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  return Object.fromEntries(Object.entries(value));
}

export function listOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error('expected an array');
  return value.map((item: unknown) => (typeof item === 'object' && item !== null ? Object.fromEntries(Object.entries(item)) : {}));
}

/** The SPDX 2.3 JSON schema from ../shared/corpora, when present. */
export function spdxSchema(): Record<string, unknown> | undefined {
  const path = join(FIXTURES, '..', '..', '..', '..', 'shared', 'corpora', 'schemas', 'spdx', 'spdx-schema-2.3.json');
  return existsSync(path) ? parseObject(readFileSync(path, 'utf8')) : undefined;
}
