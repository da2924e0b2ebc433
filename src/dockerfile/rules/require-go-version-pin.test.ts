import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireGoVersionPin } from './require-go-version-pin.ts';

runRuleTests(requireGoVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    'FROM golang:1.23\nRUN go install example.com/pkg@v1.2.3',
    'FROM golang:1.23\nRUN go install /go/app/foobar ./app/foobar .',
    'FROM golang:1.23\nRUN go install tool foobar@v1.2.3',
    'FROM golang:1.23\nRUN go get -tool foobar@v1.2.3',
    'FROM golang:1.23\nRUN go run example.com/pkg@v1.2.3 --foo bar',
    'FROM golang:1.23\nRUN go build -o /app ./cmd/app',
    'FROM golang:1.23\nRUN go install',
  ],
  fail: [
    {
      code: 'FROM golang:1.23\nRUN go install example.com/pkg',
      findings: [{ messageId: 'unpinned', line: 2, column: 16, endColumn: 31, message: 'go install fetches "example.com/pkg" without a fixed version; write "example.com/pkg@<version>".' }],
    },
    { code: 'FROM golang:1.23\nRUN go install example.com/pkg@latest', findings: [{ messageId: 'unpinned', line: 2, column: 16, endColumn: 38, message: 'go install fetches "example.com/pkg@latest" without a fixed version; write "example.com/pkg@<version>".' }] },
    { code: 'FROM golang:1.23\nRUN go get -tool foobar', findings: [{ messageId: 'unpinned', line: 2, column: 18, endColumn: 24 }] },
    { code: 'FROM golang:1.23\nRUN go run example.com/pkg arg', findings: [{ messageId: 'unpinned', line: 2, column: 12, endColumn: 27 }] },
  ],
});
