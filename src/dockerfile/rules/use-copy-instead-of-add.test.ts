import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useCopyInsteadOfAdd } from './use-copy-instead-of-add.ts';

runRuleTests(
  useCopyInsteadOfAdd,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM alpine:3.20\nCOPY . /app',
      'FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/',
      'FROM alpine:3.20\nADD rootfs.tar.xz /',
      'FROM alpine:3.20\nADD app.tgz data.tar.gz /opt/',
      'FROM alpine:3.20\nADD git@github.com:org/repo.git /src',
      'FROM alpine:3.20\nADD --checksum=sha256:0123 https://example.com/file /file',
      'FROM alpine:3.20\nADD ${ARCHIVE_URL} /opt/',
      'FROM alpine:3.20\nONBUILD ADD . /app',
    ],
    fail: [
      {
        code: 'FROM alpine:3.20\nADD . /app',
        findings: [
          {
            messageId: 'useCopy',
            line: 2,
            column: 1,
            endColumn: 4,
            message: 'ADD copies the local path "."; COPY does the same without fetching URLs or extracting archives.',
          },
        ],
      },
      {
        code: 'FROM alpine:3.20\nADD app.tar.gz config.json /opt/',
        findings: [{ messageId: 'useCopy', line: 2, column: 1, endColumn: 4, message: 'ADD copies the local path "config.json"; COPY does the same without fetching URLs or extracting archives.' }],
      },
      {
        code: 'FROM alpine:3.20\nADD --chown=app ["my file", "/dst/"]',
        findings: [{ messageId: 'useCopy', line: 2, column: 1, endColumn: 4 }],
      },
      {
        code: 'FROM alpine:3.20\nadd app.zip /opt/',
        findings: [{ messageId: 'useCopy', line: 2, column: 1, endColumn: 4 }],
      },
      {
        code: 'FROM alpine:3.20 AS build\nADD src /src\nFROM alpine:3.20\nADD bin /bin',
        findings: [
          { messageId: 'useCopy', line: 2, column: 1, endColumn: 4 },
          { messageId: 'useCopy', line: 4, column: 1, endColumn: 4 },
        ],
      },
    ],
  },
);
