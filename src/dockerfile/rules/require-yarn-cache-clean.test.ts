import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireYarnCacheClean } from './require-yarn-cache-clean.ts';

runRuleTests(requireYarnCacheClean, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean",
    "FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile",
    "FROM node:22\nRUN yarn build",
  ],
  fail: [
    { code: "FROM node:22\nRUN yarn install --frozen-lockfile", findings: [{ messageId: 'cache', line: 2, column: 5, endColumn: 9, message: "yarn install leaves its cache in the layer; run \"yarn cache clean\" in the same RUN." }] },
    { code: "FROM node:22\nRUN yarn cache clean && \\\n    yarn install", findings: [{ messageId: 'cache', line: 3, column: 5, endColumn: 9 }] },
  ],
});
