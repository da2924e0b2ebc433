import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../core/index.ts';
import type { XmlElement } from './__fixtures__/xml.ts';
import { parseXml } from './__fixtures__/xml.ts';
import { canonicalReport, cleanReport, kubernetesFinding, scanError } from './__fixtures__/report.ts';
import { assertSnapshot } from './__fixtures__/snapshot.ts';
import { junitReporter } from './junit.ts';
import { escapeXmlAttribute, escapeXmlText } from './xml.ts';

const options = { color: false };
const render = (report: Report): string => junitReporter(report, options);

/** Element names, attributes and text, children nested: the exact structure, readable in a diff. */
interface Shape {
  readonly [name: string]: unknown;
}
function shapeOf(element: XmlElement): Shape {
  const text = element.text.trim();
  return {
    [element.name]: {
      ...element.attributes,
      ...(text === '' ? {} : { '#text': element.text }),
      ...(element.children.length === 0 ? {} : { children: element.children.map(shapeOf) }),
    },
  };
}

describe('junitReporter', () => {
  it('is well-formed XML with exactly the expected suites, cases, failures, skips and errors', () => {
    assert.deepEqual(shapeOf(parseXml(render(canonicalReport))), {
      testsuites: {
        name: 'palisade', tests: '5', failures: '3', errors: '1', skipped: '1',
        children: [
          {
            testsuite: {
              name: 'deploy/app.yaml', tests: '1', failures: '1', errors: '0', skipped: '0',
              children: [
                {
                  testcase: {
                    classname: 'deploy/app.yaml', name: 'K8S-0001 no-privileged-container', file: 'deploy/app.yaml',
                    children: [
                      {
                        failure: {
                          message: 'Container runs privileged (1 finding)',
                          type: 'critical',
                          '#text': '21:25 Container "web<1> & `sidecar`" sets privileged: true.',
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          {
            testsuite: {
              name: 'deploy/broken.yaml', tests: '1', failures: '0', errors: '1', skipped: '0',
              children: [
                {
                  testcase: {
                    classname: 'deploy/broken.yaml', name: 'scan error', file: 'deploy/broken.yaml',
                    children: [
                      {
                        error: {
                          message: 'Unexpected "<" & "\\x1b[31m" in a block mapping\\u202e: bad indentation',
                          type: 'PARSE_FAILED',
                          '#text': '3:5 PARSE_FAILED Unexpected "<" & "\\x1b[31m" in a block mapping\\u202e: bad indentation',
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          {
            testsuite: {
              name: 'services/café api/Dockerfile', tests: '2', failures: '1', errors: '0', skipped: '1',
              children: [
                {
                  testcase: {
                    classname: 'services/café api/Dockerfile', name: 'DKR-0001 no-latest-tag', file: 'services/café api/Dockerfile',
                    children: [
                      {
                        failure: {
                          message: 'Base image uses a mutable tag (2 findings)',
                          type: 'high',
                          '#text':
                            '1:11 Image "node:latest" resolves to the mutable tag "latest".\n' +
                            '12:6 Image "python|3" resolves to the mutable tag "latest".',
                        },
                      },
                    ],
                  },
                },
                {
                  testcase: {
                    classname: 'services/café api/Dockerfile', name: 'DKR-0002 require-non-root-user', file: 'services/café api/Dockerfile',
                    children: [{ skipped: { message: 'waived: Build stage only | final image is "distroless" & <nonroot>' } }],
                  },
                },
              ],
            },
          },
          {
            testsuite: {
              name: 'web/package-lock.json', tests: '1', failures: '1', errors: '0', skipped: '0',
              children: [
                {
                  testcase: {
                    classname: 'web/package-lock.json', name: 'VLN-0001 no-vulnerable-packages', file: 'web/package-lock.json',
                    children: [
                      {
                        failure: {
                          message: 'Package has a known vulnerability (1 finding)',
                          type: 'high',
                          '#text': '120:5 lodash@4.17.20 is affected by GHSA-35jh-r3h4-6jhm.\\nCommand Injection in lodash (CVE-2021-23337).',
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('matches the snapshot', () => {
    assertSnapshot(render(canonicalReport), 'junit.xml');
  });

  it('writes an empty but valid document for a clean scan', () => {
    assert.equal(
      render(cleanReport),
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="palisade" tests="0" failures="0" errors="0" skipped="0">\n</testsuites>\n',
    );
    parseXml(render(cleanReport));
  });

  it('lists waived occurrences in system-out when the rule also fails in that file', () => {
    const waived = { ...kubernetesFinding, location: { path: 'deploy/app.yaml', startLine: 40, startColumn: 9 }, suppression: { kind: 'inline' as const } };
    const root = parseXml(render({ ...cleanReport, findings: [kubernetesFinding, waived] }));
    assert.deepEqual(shapeOf(root.children[0]?.children[0] ?? root), {
      testcase: {
        classname: 'deploy/app.yaml', name: 'K8S-0001 no-privileged-container', file: 'deploy/app.yaml',
        children: [
          { failure: { message: 'Container runs privileged (1 finding)', type: 'critical', '#text': '21:25 Container "web<1> & `sidecar`" sets privileged: true.' } },
          { 'system-out': { '#text': '40:9 Container "web<1> & `sidecar`" sets privileged: true. (waived: inline)' } },
        ],
      },
    });
  });

  it('stays well-formed with hostile text in every field', () => {
    const hostile = 'a\u0000b\u0008c\u000bd\u001be\ufffef\ud800g]]>h<i>&j"k\'l\r\nm\tn';
    const finding = {
      ...kubernetesFinding,
      ruleId: hostile, slug: hostile, title: hostile, message: hostile,
      location: { path: hostile, startLine: 1 },
    };
    const error = { ...scanError, path: hostile, message: hostile };
    const root = parseXml(render({ ...cleanReport, findings: [finding, { ...finding, suppression: { kind: 'baseline' as const, reason: hostile } }], errors: [error] }));
    assert.equal(root.children.length, 1);
    const [suite] = root.children;
    assert.equal(suite?.attributes['name'], 'a\\x00b\\x08c\\x0bd\\x1be\ufffdf\ufffdg]]>h<i>&j"k\'l\\r\\nm\\tn');
    assert.equal(suite?.children[0]?.children[0]?.attributes['message'], 'a\\x00b\\x08c\\x0bd\\x1be\ufffdf\ufffdg]]>h<i>&j"k\'l\\r\\nm\\tn (1 finding)');
  });

  it('handles a huge report', () => {
    const findings = Array.from({ length: 5000 }, (_, index) => ({
      ...kubernetesFinding,
      location: { path: `deploy/app-${index % 50}.yaml`, startLine: index + 1, startColumn: 1 },
    }));
    const root = parseXml(render({ ...cleanReport, findings }));
    assert.equal(root.attributes['tests'], '50');
    assert.equal(root.children[0]?.children[0]?.children[0]?.attributes['message'], 'Container runs privileged (100 findings)');
  });
});

describe('XML escaping', () => {
  const textCases = [
    ['plain', 'plain'],
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    [']]>', ']]&gt;'],
    ['"quotes" \'stay\'', '"quotes" \'stay\''],
    ['line\nbreak\ttab', 'line\nbreak\ttab'],
    ['cr\r', 'cr&#13;'],
    ['bell\u0007 nul\u0000 fffe\ufffe lone\udc00', 'bell\ufffd nul\ufffd fffe\ufffd lone\ufffd'],
    ['emoji 😀 é', 'emoji 😀 é'],
  ] as const;
  for (const [input, expected] of textCases) {
    it(`text ${JSON.stringify(input)}`, () => assert.equal(escapeXmlText(input), expected));
  }

  const attributeCases = [
    ['a "b" \'c\'', 'a &quot;b&quot; &apos;c&apos;'],
    ['x\ny\tz\r', 'x&#10;y&#9;z&#13;'],
    ['<&>', '&lt;&amp;&gt;'],
    ['esc\u001b', 'esc\ufffd'],
  ] as const;
  for (const [input, expected] of attributeCases) {
    it(`attribute ${JSON.stringify(input)}`, () => assert.equal(escapeXmlAttribute(input), expected));
  }
});

describe('parseXml (the test helper) rejects malformed XML', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const cases = [
    ['no declaration', '<a/>', /missing XML declaration/],
    ['unclosed element', `${head}<a><b></b>`, /unclosed <a>/],
    ['crossed tags', `${head}<a><b></a></b>`, /does not close <b>/],
    ['two roots', `${head}<a/><b/>`, /second root/],
    ['raw ampersand in text', `${head}<a>x & y</a>`, /bare "&"/],
    ['unknown entity', `${head}<a>&nbsp;</a>`, /bare "&"/],
    ['raw < in attribute', `${head}<a b="<"/>`, /raw "<"/],
    ['duplicate attribute', `${head}<a b="1" b="2"/>`, /duplicate attribute b/],
    ['single-quoted attribute', `${head}<a b='1'/>`, /malformed tag <a>/],
    ['control character', `${head}<a>\u0001</a>`, /U\+1 is not allowed/],
    ['reference to a control character', `${head}<a>&#1;</a>`, /forbids/],
    ['CDATA end in text', `${head}<a>]]></a>`, /"]]>"/],
    ['text after the root', `${head}<a/>tail`, /outside the root/],
    ['comment (not written by the reporter)', `${head}<a><!-- x --></a>`, /malformed tag/],
  ] as const;
  for (const [name, xml, error] of cases) {
    it(name, () => assert.throws(() => parseXml(xml), error));
  }

  it('decodes references', () => {
    assert.equal(parseXml(`${head}<a b="&quot;&#10;&#x41;">&lt;&amp;&gt;&apos;</a>`).attributes['b'], '"\nA');
    assert.equal(parseXml(`${head}<a>&lt;&amp;&gt;&apos;</a>`).text, "<&>'");
  });
});
