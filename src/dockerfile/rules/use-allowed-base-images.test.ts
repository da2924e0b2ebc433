import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRuleTests } from '../../../test/rule-tester.ts';
import type { Rule } from '../../core/index.ts';
import { nullThrows } from '../../core/index.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { globToRegExp } from '../image-policy.ts';
import { useAllowedBaseImages } from './use-allowed-base-images.ts';

const options = { analyzer: dockerfileAnalyzer, path: 'Dockerfile' };

function configured(values: Readonly<Record<string, unknown>>): Rule {
  const result = useAllowedBaseImages.configure(values);
  assert.ok(result.ok);
  return result.value;
}

runRuleTests(useAllowedBaseImages, options, {
  pass: ['FROM evil.example.com/x:latest', 'FROM node'],
  fail: [],
});

runRuleTests(configured({ allowedRegistries: ['docker.io', 'ghcr.io'] }), options, {
  pass: [
    'FROM node:20',
    'FROM docker.io/library/node:20',
    'FROM index.docker.io/node:20',
    'FROM ghcr.io/acme/app:1',
    'FROM scratch',
    'FROM ghcr.io/x/y:1 AS build\nFROM build',
    'ARG BASE\nFROM $BASE',
  ],
  fail: [
    {
      code: 'FROM quay.io/acme/app:1.2',
      findings: [{ messageId: 'registry', line: 1, column: 6, endColumn: 13, message: 'Base image "quay.io/acme/app:1.2" comes from registry "quay.io", which is not one of the allowed registries (docker.io, ghcr.io).' }],
    },
    {
      code: 'FROM node:20 AS build\nFROM --platform=linux/amd64 localhost:5000/base:1 AS final\nFROM build',
      findings: [{ messageId: 'registry', line: 2, column: 29, endColumn: 43 }],
    },
    {
      code: 'ARG REG=quay.io\nFROM ${REG}/acme/app:1',
      findings: [{ messageId: 'registry', line: 2, column: 6, endColumn: 21 }],
    },
  ],
});

runRuleTests(configured({ allowedRegistries: ['ghcr.io'] }), options, {
  pass: ['FROM ghcr.io/acme/app:1'],
  fail: [{ code: 'FROM node:20', findings: [{ messageId: 'registry', line: 1, column: 6, endColumn: 10, message: 'Base image "node:20" comes from registry "docker.io", which is not one of the allowed registries (ghcr.io).' }] }],
});

runRuleTests(configured({ allowedImages: ['docker.io/library/*', 'ghcr.io/acme/**'] }), options, {
  pass: ['FROM node:20', 'FROM ghcr.io/acme/team/app:1', 'FROM docker.io/library/python:3.12'],
  fail: [
    {
      code: 'FROM bitnami/redis:7',
      findings: [{ messageId: 'image', line: 1, column: 6, endColumn: 19, message: 'Base image "bitnami/redis:7" (docker.io/bitnami/redis) matches none of the allowed images (docker.io/library/*, ghcr.io/acme/**).' }],
    },
    { code: 'FROM ghcr.io/other/app:1', findings: [{ messageId: 'image', line: 1, column: 6, endColumn: 23 }] },
  ],
});

runRuleTests(configured({ forbiddenTags: ['edge', 'nightly'] }), options, {
  pass: ['FROM alpine:3.20', 'FROM alpine'],
  fail: [{ code: 'FROM alpine:edge', findings: [{ messageId: 'tag', line: 1, column: 13, endColumn: 17, message: 'Base image "alpine:edge" uses the forbidden tag "edge".' }] }],
});

runRuleTests(configured({ requireDigest: true }), options, {
  pass: ['FROM node:20@sha256:0123456789abcdef', 'FROM scratch', 'FROM node@sha256:abc AS a\nFROM a'],
  fail: [
    { code: 'FROM node:20', findings: [{ messageId: 'digest', line: 1, column: 13, endColumn: 13, message: 'Base image "node:20" is not pinned by digest (`@sha256:…`), which the image policy requires.' }] },
    { code: 'FROM node AS base', findings: [{ messageId: 'digest', line: 1, column: 10, endColumn: 10 }] },
  ],
});

describe('use-allowed-base-images options', () => {
  it('rejects options of the wrong type, naming the option', () => {
    const result = useAllowedBaseImages.configure({ requireDigest: 'yes' });
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.error, ['requireDigest must be boolean']);
  });

  it('globs: * within a component, ** across components, ? one character', () => {
    const table: readonly (readonly [string, string, boolean])[] = [
      ['docker.io/library/*', 'docker.io/library/node', true],
      ['docker.io/library/*', 'docker.io/library/a/b', false],
      ['ghcr.io/**', 'ghcr.io/a/b/c', true],
      ['ghcr.io/ac?e/x', 'ghcr.io/acme/x', true],
      ['registry.local/a+b', 'registry.local/a+b', true],
    ];
    for (const [glob, name, expected] of table) assert.equal(globToRegExp(glob).test(name), expected, `${glob} ${name}`);
    assert.ok(nullThrows(globToRegExp('x'), 'regexp'));
  });
});
