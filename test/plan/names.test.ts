import { stableName } from '../../lib/plan/names';

describe('stableName', () => {
  it('joins parts when they fit', () => {
    expect(stableName(['support-assistant', 'chat-small', 'spot'], 40)).toBe('support-assistant-chat-small-spot');
  });
  it('drops the stack prefix before truncating (node pools live in one cluster)', () => {
    expect(stableName(['support-assistant', 'chat-small', 'od'], 12, true)).toBe('chatsmallod');
  });
  it('keeps the capacity suffix whole and stays unique when it must truncate', () => {
    const a = stableName(['support-assistant', 'chat-small', 'spot'], 12, true);
    const b = stableName(['support-assistant', 'chat-smaller', 'spot'], 12, true);
    expect(a).toMatch(/^chats[0-9a-f]{3}spot$/);
    expect(a).not.toBe(b);
    expect(a).toHaveLength(12);
  });
  it('starts AKS pool names with a letter', () => {
    expect(stableName(['9x', 'od'], 12, true)).toBe('p9xod');
  });
  it('is stable: the same parts give the same name', () => {
    expect(stableName(['x'.repeat(50), 'y'.repeat(30), 'spot'], 40)).toBe(stableName(['x'.repeat(50), 'y'.repeat(30), 'spot'], 40));
    expect(stableName(['x'.repeat(50), 'y'.repeat(30), 'spot'], 40).length).toBeLessThanOrEqual(40);
  });
});
