// Keeps docs/configuration.md in step with the schema and the defaults.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_DEFAULTS } from './defaults.ts';
import { loadConfig } from './load.ts';
import { configSchema } from './schema.ts';

const DEFAULTS: Readonly<Record<string, unknown>> = CONFIG_DEFAULTS;
const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'configuration.md'), 'utf8');

function codeBlocks(language: string): string[] {
  return [...DOC.matchAll(new RegExp(`^\`\`\`${language}\\n(.*?)^\`\`\`$`, 'gms'))].map((match) => match[1] ?? '');
}

function section(key: string): string {
  const start = DOC.indexOf(`### \`${key}\``);
  assert.notEqual(start, -1, `docs/configuration.md has no section for ${key}`);
  const end = DOC.indexOf('\n#', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end);
}

function asFlowYaml(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
}

describe('docs/configuration.md', () => {
  it('shows the schema Palisade validates with', () => {
    const [schema] = codeBlocks('json');
    assert.deepEqual(JSON.parse(schema ?? ''), JSON.parse(JSON.stringify(configSchema)));
  });

  it('has a section with type and default for every key', () => {
    for (const key of Object.keys(configSchema.properties)) {
      const text = section(key);
      assert.match(text, /\*\*Type:\*\* /, key);
      const fallback = DEFAULTS[key];
      const expected = fallback === undefined ? '**Default:** none' : `**Default:** \`${asFlowYaml(fallback)}\``;
      assert.ok(text.includes(expected), `${key}: expected "${expected}"`);
    }
  });

  it('has examples that load', () => {
    for (const example of codeBlocks('yaml')) {
      const result = loadConfig('.palisade.yaml', example);
      assert.ok(result.ok, result.ok ? '' : result.error.message);
    }
  });
});
