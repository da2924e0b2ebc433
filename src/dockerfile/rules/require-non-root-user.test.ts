import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireNonRootUser } from './require-non-root-user.ts';

runRuleTests(
  requireNonRootUser,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM node:20\nUSER node',
      'FROM node:20\nUSER root\nRUN make\nUSER 1000:1000',
      'FROM node:20 AS base\nUSER app\nFROM base\nCMD ["node"]',
      'FROM node:20 AS build\nUSER root\nFROM alpine:3.20\nUSER app',
      'FROM node:20\nUSER ${APP_USER}',
      'FROM node:20\nUSER rootless',
    ],
    fail: [
      {
        code: 'FROM node:20\nRUN make',
        findings: [
          {
            messageId: 'missingUser',
            line: 1,
            column: 6,
            endColumn: 13,
            message: 'The final stage (FROM node:20) sets no USER, so the container runs as root.',
          },
        ],
      },
      {
        code: 'FROM node:20\nUSER app\nUSER root',
        findings: [
          { messageId: 'rootUser', line: 3, column: 6, endColumn: 10, message: 'The last USER of the final stage is "root", so the container runs as root.' },
        ],
      },
      {
        code: 'FROM node:20\nUSER 0:0',
        findings: [{ messageId: 'rootUser', line: 2, column: 6, endColumn: 9 }],
      },
      {
        code: 'FROM node:20 AS base\nUSER root\nFROM base',
        findings: [{ messageId: 'rootUser', line: 2, column: 6, endColumn: 10 }],
      },
      {
        code: 'FROM node:20\nUSER app\nFROM alpine:3.20',
        findings: [{ messageId: 'missingUser', line: 3, column: 6, endColumn: 17 }],
      },
      {
        code: 'FROM scratch',
        findings: [{ messageId: 'missingUser', line: 1, column: 6, endColumn: 13, message: 'The final stage (FROM scratch) sets no USER, so the container runs as root.' }],
      },
    ],
  },
);
