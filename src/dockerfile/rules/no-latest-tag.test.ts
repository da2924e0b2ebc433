import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noLatestTag } from './no-latest-tag.ts';

runRuleTests(
  noLatestTag,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM node:20.11.1-alpine',
      'FROM node',
      'FROM node:latest@sha256:0123456789abcdef',
      'FROM scratch',
      'ARG TAG=1.2\nFROM node:${TAG}',
      'FROM node:${TAG}',
      'FROM node:Latest',
    ],
    fail: [
      {
        code: 'FROM node:latest',
        findings: [{ messageId: 'latestTag', line: 1, column: 11, endColumn: 17, message: 'Base image "node" uses the mutable tag "latest".' }],
      },
      {
        code: 'ARG TAG=latest\nFROM node:${TAG} AS app',
        findings: [{ messageId: 'latestTag', line: 2, column: 11, endColumn: 17 }],
      },
      {
        code: 'FROM ${REGISTRY}/app:latest',
        findings: [{ messageId: 'latestTag', line: 1, column: 22, endColumn: 28, message: 'Base image "${REGISTRY}/app" uses the mutable tag "latest".' }],
      },
      {
        code: 'FROM localhost:5000/team/app:latest AS a\nFROM a',
        findings: [{ messageId: 'latestTag', line: 1, column: 30, endColumn: 36 }],
      },
    ],
  },
);
