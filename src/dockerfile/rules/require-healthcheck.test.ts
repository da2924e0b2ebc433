import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireHealthcheck } from './require-healthcheck.ts';

runRuleTests(
  requireHealthcheck,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
      'FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base',
      'FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK --interval=30s CMD true',
    ],
    fail: [
      {
        code: 'FROM node:20\nCMD ["node", "server.js"]',
        findings: [{ messageId: 'missing', line: 1, column: 6, endColumn: 13, message: 'The final stage (FROM node:20) defines no HEALTHCHECK.' }],
      },
      {
        code: 'FROM node:20\nHEALTHCHECK NONE',
        findings: [{ messageId: 'disabled', line: 2, column: 13, endColumn: 17, message: 'HEALTHCHECK NONE turns off the health check of the final image.' }],
      },
      {
        code: 'FROM nginx:1.27\nHEALTHCHECK CMD true\nFROM alpine:3.20',
        findings: [{ messageId: 'missing', line: 3, column: 6, endColumn: 17 }],
      },
    ],
  },
);
