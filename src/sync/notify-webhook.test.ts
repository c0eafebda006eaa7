import { describe, expect, it } from 'vitest';
import type { ChangeSummary } from './change-summary.js';
import { slackEscape, webhookText } from './notify-webhook.js';

const change = (partner: string) => ({
  partnerId: 'p1',
  partner,
  cell: 'finance|cloud',
  label: 'Finance × Cloud',
  from: 'Proven',
  to: 'Specialist',
  reasons: [],
});

describe('webhook text', () => {
  it('escapes Slack control characters in text from the CRM, so names cannot ping or disguise links', () => {
    const summary: ChangeSummary = {
      since: null,
      counts: { promoted: 2, demoted: 0, newGaps: 1, closedGaps: 0, coverageMoved: 0 },
      promoted: [change('<!channel> Acme'), change('<https://evil.example|Verify your account>')],
      demoted: [],
      newGaps: ['R&D <Labs>'],
      closedGaps: [],
      coverageMoved: [],
    };
    const text = webhookText({ runId: 'abcdef1234', status: 'succeeded', summary, writeback: [] });
    expect(text).toContain('⬆ &lt;!channel&gt; Acme: Finance × Cloud Proven → Specialist');
    expect(text).toContain('&lt;https://evil.example|Verify your account&gt;');
    expect(text).toContain('New gaps: R&amp;D &lt;Labs&gt;');
    expect(text).not.toMatch(/<[!h]/);
  });

  it('escapes ampersands first, so an escaped sequence is not unescaped twice', () => {
    expect(slackEscape('&lt;')).toBe('&amp;lt;');
  });
});
