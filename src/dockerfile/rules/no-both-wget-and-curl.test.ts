import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noBothWgetAndCurl } from './no-both-wget-and-curl.ts';

runRuleTests(noBothWgetAndCurl, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN curl -fsSLO https://a\nFROM debian:12\nRUN wget -q https://b",
    "FROM debian:12\nRUN curl -fsSLO https://a\nRUN curl -fsSLO https://b",
  ],
  fail: [
    { code: "FROM debian:12\nRUN curl -fsSLO https://a\nRUN wget -q https://b", findings: [{ messageId: 'both', line: 3, column: 5, endColumn: 9, message: "RUN uses \"wget\" in a stage that already uses curl; use only one of wget and curl." }] },
    { code: "FROM debian:12\nRUN curl -fsSLO https://a && wget -q https://b", findings: [{ messageId: 'both', line: 2, column: 5, endColumn: 9 }] },
  ],
});
