import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Artifact, Rule, RuleMeta } from '../core/index.ts';
import { createSourceDocument, defineRule } from '../core/index.ts';
import { loadConfigDocument } from './load.ts';
import { resolveRuleOptions } from './rule-options.ts';

const baseMeta = {
  severity: 'medium',
  kind: 'misconfig',
  stability: 'stable',
  since: '0.1.0',
  target: 'dockerfile',
  description: 'd',
  remediation: 'R.',
  references: [],
  aliases: [],
  compliance: [],
  messages: { seen: 'limit {limit}, registries {registries}' },
} as const;

interface Options {
  readonly limit: number;
  readonly registries: readonly string[];
}

const withOptions = defineRule<Artifact, 'seen', Options>({
  meta: {
    ...baseMeta,
    id: 'TST-0001',
    slug: 'use-limits',
    title: 't',
    packs: ['policy-pack'],
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1 }, registries: { type: 'array', items: { type: 'string' } } },
      },
      defaults: { limit: 3, registries: [] },
    },
  },
  check(context) {
    context.report({ messageId: 'seen', at: { pointer: '' }, data: { limit: context.options.limit, registries: context.options.registries.join('+') } });
  },
});

const withoutOptions = defineRule<Artifact, 'seen'>({
  meta: { ...baseMeta, id: 'TST-0002', slug: 'no-options', title: 't', packs: ['policy-pack'], messages: { seen: 'seen' } },
  check(context) {
    context.report({ messageId: 'seen', at: { pointer: '' } });
  },
});

const all = [withOptions, withoutOptions];
const matches = (meta: RuleMeta, selector: string): boolean => meta.slug === selector || meta.packs.includes(selector);

function optionsSeen(rule: Rule): string[] {
  const messages: string[] = [];
  const artifact: Artifact = { kind: 'dockerfile', source: createSourceDocument('Dockerfile', ''), identity: 'x', locate: () => ({ path: 'Dockerfile' }) };
  rule.check({ report: (descriptor) => messages.push(JSON.stringify(descriptor.data ?? {})) }, artifact);
  return messages;
}

function resolve(text: string, selected: readonly Rule[] = all): ReturnType<typeof resolveRuleOptions> {
  const loaded = loadConfigDocument('.palisade.yaml', text);
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
  return resolveRuleOptions({ path: '.palisade.yaml', source: loaded.value.source, ruleOptions: loaded.value.config.ruleOptions ?? {}, all, selected, matches });
}

describe('rule options', () => {
  it('uses the defaults when nothing is configured', () => {
    assert.deepEqual(optionsSeen(withOptions), ['{"limit":3,"registries":""}']);
  });

  it('applies options by slug or pack, over the defaults, only to rules that declare them', () => {
    const result = resolve('ruleOptions:\n  policy-pack:\n    registries: [ghcr.io/acme]\n  use-limits:\n    limit: 7\n');
    assert.ok(result.ok);
    assert.deepEqual(result.value.map(optionsSeen), [['{"limit":7,"registries":"ghcr.io/acme"}'], ['{}']]);
  });

  it('names the line of a selector that matches no rule', () => {
    const result = resolve('failOn: high\nruleOptions:\n  use-limitz:\n    limit: 2\n');
    assert.ok(!result.ok);
    assert.equal(result.error.message, '.palisade.yaml:3:3: no rule matches "use-limitz"');
  });

  it('names the line of an option no matching rule declares, listing the options', () => {
    const result = resolve('ruleOptions:\n  no-options:\n    limit: 2\n');
    assert.ok(!result.ok);
    assert.equal(result.error.message, '.palisade.yaml:3:5: "limit" is not an option of no-options (no options)');
  });

  it('names the line of a value the rule schema rejects', () => {
    const result = resolve('ruleOptions:\n  use-limits:\n    limit: 0\n    registries: nope\n');
    assert.ok(!result.ok);
    assert.equal(result.error.message, ['.palisade.yaml:3:12: use-limits: limit must be >= 1', '.palisade.yaml:3:12: use-limits: registries must be array'].join('\n'));
  });

  it('configures only the selected rules, and leaves others as they are', () => {
    const result = resolve('ruleOptions:\n  use-limits:\n    limit: 9\n', [withoutOptions]);
    assert.ok(result.ok);
    assert.deepEqual(result.value, [withoutOptions]);
  });

  it('refuses options for a rule without options when configured directly', () => {
    const result = withoutOptions.configure({ x: 1 });
    assert.deepEqual(result, { ok: false, error: ['rule no-options has no options'] });
  });
});
