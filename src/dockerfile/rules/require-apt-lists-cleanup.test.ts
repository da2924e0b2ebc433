import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireAptListsCleanup } from './require-apt-lists-cleanup.ts';

runRuleTests(requireAptListsCleanup, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean",
    "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl",
    "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM alpine:3.20\nCOPY --from=build /x /x",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt-get update && apt-get install -y curl", findings: [{ messageId: 'listsKept', line: 2, column: 5, endColumn: 12, message: "apt-get update leaves /var/lib/apt/lists in the layer; delete it in the same RUN." }] },
    { code: "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN echo hi", findings: [{ messageId: 'listsKept', line: 2, column: 5, endColumn: 12 }] },
  ],
});
