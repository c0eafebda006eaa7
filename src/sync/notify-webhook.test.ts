import { describe, expect, it } from 'vitest';
import { makePromotions } from '../../test/support/factories.js';
import { slackEscape, webhookText } from './notify-webhook.js';

describe('webhook text', () => {
  it('escapes Slack control characters in text from the CRM, so names cannot ping or disguise links', () => {
    const summary = {
      ...makePromotions('<!channel> Acme', '<https://evil.example|Verify your account>'),
      newGaps: ['R&D <Labs>'],
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
