import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule, RuleMeta } from '../core/index.ts';
import { editDistance } from '../core/index.ts';
import { ruleManifest } from '../lazy-catalog.ts';
import { findRuleMeta, packsOf, ruleMatchesSelector, selectRules } from './select-rules.ts';

function ruleOf(overrides: Partial<RuleMeta>): Rule {
  const meta: RuleMeta = {
    id: 'DKR-0001',
    slug: 'no-latest-tag',
    title: 't',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'd',
    remediation: 'R.',
    references: [],
    aliases: [{ tool: 'hadolint', id: 'DL3007', relation: 'same' }],
    compliance: ['cis-docker-1.6:4.2'],
    packs: ['supply-chain'],
    messages: { m: 'm' },
    ...overrides,
  };
  return { meta, project: false, check: () => undefined, checkProject: () => undefined, configure: () => ({ ok: false, error: ['not configurable'] }) };
}

const latest = ruleOf({});
const privileged = ruleOf({ id: 'K8S-0002', slug: 'no-privileged-container', target: 'kubernetes-object', aliases: [{ tool: 'pss', id: 'privileged', relation: 'same' }], compliance: ['cis-k8s-1.9:5.2.2'], packs: ['pss-baseline'] });
const nursery = ruleOf({ id: 'K8S-0003', slug: 'require-probes', target: 'kubernetes-object', stability: 'experimental', aliases: [], compliance: [], packs: [] });
const all = [latest, privileged, nursery];

function slugs(rules: readonly Rule[]): string[] {
  return rules.map((rule) => rule.meta.slug);
}

describe('rule selectors', () => {
  const cases = [
    ['DKR-0001', true],
    ['dkr-0001', true],
    ['no-latest-tag', true],
    ['hadolint:DL3007', true],
    ['HADOLINT:dl3007', true],
    ['dockerfile', true],
    ['supply-chain', true],
    ['cis-docker-1.6', true],
    ['recommended', true],
    ['all', true],
    ['kubernetes', false],
    ['DL3007', false],
    ['no-latest', false],
  ] as const;
  for (const [selector, expected] of cases) {
    it(`${selector} ${expected ? 'matches' : 'does not match'} no-latest-tag`, () => assert.equal(ruleMatchesSelector(latest.meta, selector), expected));
  }

  it('derives packs', () => {
    assert.deepEqual(packsOf(privileged.meta), ['all', 'cis-k8s-1.9', 'kubernetes', 'pss-baseline', 'recommended']);
    assert.deepEqual(packsOf(nursery.meta), ['all', 'kubernetes']);
  });

  it('matches a pack name exactly when packsOf lists it, for every rule of the manifest', () => {
    const manifest = ruleManifest();
    const names = new Set(['', 'ALL', 'dockerfile:', 'cis', 'cis-k8s-1.9:5.2.2', 'stable', 'experimental', ...manifest.flatMap((entry) => [...packsOf(entry), ...entry.compliance])]);
    for (const entry of [...manifest, privileged.meta, nursery.meta]) {
      const packs = packsOf(entry);
      for (const name of names) {
        const named = [entry.id.toLowerCase(), entry.slug, ...entry.aliases.map((alias) => `${alias.tool}:${alias.id}`.toLowerCase())].includes(name.trim().toLowerCase());
        assert.equal(ruleMatchesSelector(entry, name), named || packs.includes(name.trim().toLowerCase()), `${entry.id} ${name}`);
      }
    }
  });
});

describe('selectRules', () => {
  it('runs the stable rules by default', () => {
    const selected = selectRules(all, {});
    assert.ok(selected.ok);
    assert.deepEqual(slugs(selected.value), ['no-latest-tag', 'no-privileged-container']);
  });

  it('runs experimental rules only when selected', () => {
    const selected = selectRules(all, { include: ['kubernetes'] });
    assert.ok(selected.ok);
    assert.deepEqual(slugs(selected.value), ['no-privileged-container', 'require-probes']);
  });

  it('skips rules by alias', () => {
    const selected = selectRules(all, { exclude: ['pss:privileged'] });
    assert.ok(selected.ok);
    assert.deepEqual(slugs(selected.value), ['no-latest-tag']);
  });

  it('rejects an unknown selector with a suggestion', () => {
    const selected = selectRules(all, { include: ['no-privileged-containers'] });
    assert.ok(!selected.ok);
    assert.equal(selected.error.code, 'RULE_UNKNOWN');
    assert.equal(selected.error.message, 'Unknown rule selector: "no-privileged-containers" (did you mean "no-privileged-container"?)');
  });

  it('rejects an unknown selector without a close match', () => {
    const selected = selectRules(all, { exclude: ['zzz', 'qqq'] });
    assert.ok(!selected.ok);
    assert.equal(selected.error.message, 'Unknown rule selectors: "zzz", "qqq". Run `palisade rules list` to see every rule.');
  });

  it('finds a rule by id, slug or alias', () => {
    const metas = all.map((rule) => rule.meta);
    assert.equal(findRuleMeta(metas, 'hadolint:dl3007'), latest.meta);
    assert.equal(findRuleMeta(metas, 'K8S-0002'), privileged.meta);
    assert.equal(findRuleMeta(metas, 'nope'), undefined);
  });

  it('measures edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });
});
