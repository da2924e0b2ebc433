import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireImageTag } from './require-image-tag.ts';

runRuleTests(
  requireImageTag,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM node:20.11.1-alpine',
      'FROM node@sha256:0123456789abcdef',
      'FROM scratch',
      'FROM alpine:3.20 AS build\nFROM build',
      'FROM alpine:3.20 AS Build\nFROM build',
      'ARG TAG=1.2\nFROM node:${TAG}',
      'ARG IMAGE=node:20\nFROM ${IMAGE}',
      'FROM ${IMAGE}',
      'FROM node:$UNSET',
      'FROM node:latest',
    ],
    fail: [
      {
        code: 'FROM node',
        findings: [
          {
            messageId: 'untagged',
            line: 1,
            column: 6,
            endColumn: 10,
            message: 'Base image "node" has no tag or digest, so every build pulls whatever "latest" is at the time.',
          },
        ],
      },
      {
        code: 'FROM --platform=linux/amd64 gcr.io/distroless/static AS run',
        findings: [{ messageId: 'untagged', line: 1, column: 29, endColumn: 53 }],
      },
      {
        code: 'ARG BASE=ubuntu\nFROM ${BASE}',
        findings: [{ messageId: 'untagged', line: 2, column: 6, endColumn: 13, message: 'Base image "ubuntu" has no tag or digest, so every build pulls whatever "latest" is at the time.' }],
      },
      {
        code: 'FROM alpine:3.20 AS build\nFROM build-tools',
        findings: [{ messageId: 'untagged', line: 2, column: 6, endColumn: 17 }],
      },
      {
        code: 'FROM debian AS base\nFROM base\nFROM ubuntu',
        findings: [
          { messageId: 'untagged', line: 1, column: 6, endColumn: 12 },
          { messageId: 'untagged', line: 3, column: 6, endColumn: 12 },
        ],
      },
    ],
  },
);
