import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdmissionMetrics } from './metrics.ts';

test('renders counters and cumulative histograms in the Prometheus text format', () => {
  const metrics = new AdmissionMetrics();
  metrics.increment('palisade_admission_requests_total', { decision: 'denied', mode: 'enforce' });
  metrics.increment('palisade_admission_requests_total', { mode: 'enforce', decision: 'denied' });
  metrics.increment('palisade_admission_bad_requests_total', { reason: 'say "hi"\\\n' });
  metrics.observe('palisade_admission_request_duration_seconds', { decision: 'allowed' }, 0.003);
  metrics.observe('palisade_admission_request_duration_seconds', { decision: 'allowed' }, 20);
  assert.equal(metrics.counter('palisade_admission_requests_total', { mode: 'enforce', decision: 'denied' }), 2);
  const text = metrics.render();
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(0, 6), [
    '# HELP palisade_admission_bad_requests_total Requests refused with 400 (malformed, oversized or not an AdmissionReview), by reason.',
    '# TYPE palisade_admission_bad_requests_total counter',
    'palisade_admission_bad_requests_total{reason="say \\"hi\\"\\\\\\n"} 1',
    '# HELP palisade_admission_requests_total Admission requests answered, by decision, mode and dry run.',
    '# TYPE palisade_admission_requests_total counter',
    'palisade_admission_requests_total{decision="denied",mode="enforce"} 2',
  ]);
  assert.ok(lines.includes('palisade_admission_request_duration_seconds_bucket{decision="allowed",le="0.0025"} 0'));
  assert.ok(lines.includes('palisade_admission_request_duration_seconds_bucket{decision="allowed",le="0.005"} 1'));
  assert.ok(lines.includes('palisade_admission_request_duration_seconds_bucket{decision="allowed",le="10"} 1'));
  assert.ok(lines.includes('palisade_admission_request_duration_seconds_bucket{decision="allowed",le="+Inf"} 2'));
  assert.ok(lines.includes('palisade_admission_request_duration_seconds_sum{decision="allowed"} 20.003'));
  assert.ok(lines.includes('palisade_admission_request_duration_seconds_count{decision="allowed"} 2'));
  assert.ok(text.endsWith('\n'));
});
