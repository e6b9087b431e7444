import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoInstant } from '../../../src/core/exceptions';

void describe('parseIsoInstant (exception dates)', () => {
  void it('reads a bare date as midnight UTC and a date-time with its zone', () => {
    assert.equal(parseIsoInstant('2025-03-01'), Date.UTC(2025, 2, 1));
    assert.equal(parseIsoInstant('2025-03-01T10:30Z'), Date.UTC(2025, 2, 1, 10, 30));
    assert.equal(parseIsoInstant('2025-03-01T10:30:15.250+02:00'),
      Date.UTC(2025, 2, 1, 8, 30, 15, 250));
  });

  void it('refuses dates the calendar does not have instead of rolling them over', () => {
    assert.equal(parseIsoInstant('2024-02-29'), Date.UTC(2024, 1, 29));
    for (const text of ['2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10']) {
      assert.equal(parseIsoInstant(text), undefined, text);
    }
  });

  void it('refuses a time without a zone, other shapes and impossible times', () => {
    for (const text of ['2025-03-01T10:30', '2025-03-01 10:30Z', '20250301', '2025-3-1',
      'March 1, 2025', '2025-03-01T24:00Z', '2025-03-01T10:60Z', '2025-03-01T10:30+19:00', '']) {
      assert.equal(parseIsoInstant(text), undefined, text);
    }
  });
});
