// Unit: how write-back values reach HubSpot: text, multi-value checkboxes joined with `;`, null clears.
import { describe, expect, it } from 'vitest';
import { toHubSpotValue } from './write.js';

describe('toHubSpotValue', () => {
  it('formats each kind of value as HubSpot stores it', () => {
    expect(toHubSpotValue(['a|b|c', 'd|e|f'])).toBe('a|b|c;d|e|f');
    expect(toHubSpotValue(true)).toBe('true');
    expect(toHubSpotValue(0.75)).toBe('0.75');
    expect(toHubSpotValue(null)).toBe('');
    expect(toHubSpotValue('2026-01-15T10:00:00.000Z')).toBe('2026-01-15T10:00:00.000Z');
  });
});
