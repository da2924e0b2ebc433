// The Dockerfile parser (src/dockerfile/parse.ts): a typed model or one ScanError at a line of the file.
import { createSourceDocument } from '../../../src/core/index.ts';
import { parseDockerfile } from '../../../src/dockerfile/parse.ts';
import type { FuzzTarget } from '../harness.ts';
import { checkScanErrors, onlyCodedErrors, utf8 } from '../harness.ts';
import { fixture } from './shared.ts';

const HANDWRITTEN = [
  '# syntax=docker/dockerfile:1\n# escape=`\nARG BASE=alpine:3.19\nFROM ${BASE} AS build\nRUN apk add --no-cache curl `\n    && echo done\nCOPY --chown=1000:1000 --from=build /a /b\n',
  'FROM debian:12@sha256:0000000000000000000000000000000000000000000000000000000000000000\nRUN <<EOF\nset -eux\napt-get update\nEOF\nCOPY <<-"END" /etc/app.conf\n\tkey=value\n\tEND\nENV A=1 B="two words" C=\'x\'\nHEALTHCHECK --interval=30s CMD ["curl","-f","http://localhost/"]\nUSER 1000:1000\nONBUILD RUN echo hi\nSHELL ["/bin/bash","-c"]\nENTRYPOINT ["/app"]\n',
  'FROM scratch\nADD https://example.com/a.tgz /\nEXPOSE 80/tcp 443\nLABEL a=b "c d"="e f"\nVOLUME ["/data"]\nSTOPSIGNAL SIGTERM\nWORKDIR /app\nCMD app --flag \\\n  --other\n',
];

export const targets: readonly FuzzTarget[] = [
  {
    name: 'dockerfile',
    syntax: 'text',
    samples: [...HANDWRITTEN, fixture('Dockerfile'), fixture('examples/insecure-app/Dockerfile'), fixture('src/policy/test-runner/__fixtures__/passing/bad.dockerfile')],
    check(input) {
      const source = createSourceDocument('fuzz/Dockerfile', utf8(input));
      const result = onlyCodedErrors(() => parseDockerfile(source), []);
      if (result !== undefined && !result.ok) checkScanErrors([result.error], source.path, source.text);
    },
  },
];
