/** Stable names: unchanged where they fit, hashed where shortened, apart where their parts differ. */
import fc from 'fast-check';
import { budgetName, isSystemNamespace, nodeGroupName, poolResourceName, queueNames, stableName, stackNamespace } from '../../lib/plan/names';
import { CAPABILITIES } from '../../lib/plan/capabilities';

describe('stableName', () => {
  it('joins parts when they fit', () => {
    expect(stableName(['support-assistant', 'chat-small', 'spot'], 40)).toBe('support-assistant-chat-small-spot');
  });

  it('keeps a hash of every part when it must shorten, with the last part whole', () => {
    const a = stableName(['support-assistant', 'prod', 'chat-small', 'spot'], 30, { keepFrom: 2 });
    expect(a).toMatch(/^chat-small-[0-9a-f]{6}-spot$/);
    // Another stack or environment with the same model gets another name.
    expect(stableName(['other-assistant', 'prod', 'chat-small', 'spot'], 30, { keepFrom: 2 })).not.toBe(a);
    expect(stableName(['support-assistant', 'dev', 'chat-small', 'spot'], 30, { keepFrom: 2 })).not.toBe(a);
  });

  it('shows the leading parts by default', () => {
    expect(stableName(['s'.repeat(40), 'production-eu-west-1', 'requests'], 63)).toMatch(/^s{40}-produc-[0-9a-f]{6}-requests$/);
  });

  it('keeps a pool name that was already short enough unchanged (2 parts, stack cut, model whole)', () => {
    expect(stableName(['s'.repeat(40), 'm'.repeat(40)], 63)).toMatch(new RegExp(`^s{15}-[0-9a-f]{6}-m{40}$`));
  });

  it('AKS pool names: letters and digits only, hashed when dropping separators would lose information', () => {
    expect(stableName(['chatsmall', 'od'], 12, true)).toBe('chatsmallod');
    const hyphenated = stableName(['chat-small', 'od'], 12, true);
    expect(hyphenated).toMatch(/^chats[0-9a-z]{5}od$/);
    expect(hyphenated).not.toBe('chatsmallod');
    expect(stableName(['9x', 'od'], 12, true)).toMatch(/^p9x[0-9a-z]{5}od$/);
  });

  it('AKS pool names of 300 models stay apart (defect: the hash took the biased leading base-36 digits, and two pairs collided)', () => {
    const names = new Set<string>();
    for (let i = 0; i < 300; i++) for (const c of ['on-demand', 'spot'] as const) names.add(nodeGroupName(CAPABILITIES.azure, 'bench', 'prod', `model-${i}`, c));
    expect(names.size).toBe(600);
  });

  it('AKS hash characters are spread over all of base 36, not mostly 1, 2 and 3', () => {
    // 'abcde-<i>' keeps the head 'abcde', so the hash starts at character 5.
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const first = stableName([`abcde-${i}`, 'od'], 12, true)[5];
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    expect(counts.size).toBe(36);
    // Uniform is about 56 each; the leading digits of a 64-bit number gave 1, 2 and 3 about 500.
    expect(Math.max(...counts.values())).toBeLessThan(2.5 * (2000 / 36));
  });

  it('is stable: the same parts give the same name', () => {
    expect(stableName(['x'.repeat(50), 'y'.repeat(30), 'spot'], 40)).toBe(stableName(['x'.repeat(50), 'y'.repeat(30), 'spot'], 40));
    expect(stableName(['x'.repeat(50), 'y'.repeat(30), 'spot'], 40).length).toBeLessThanOrEqual(40);
  });
});

describe('derived names', () => {
  const long = 'a'.repeat(38);
  it('two 40-character stacks in one environment get different queue names (defect: shortening dropped the stack)', () => {
    const a = queueNames(`${long}-x`, 'production-eu-west-1');
    const b = queueNames(`${long}-y`, 'production-eu-west-1');
    expect(a.name).not.toBe(b.name);
    expect(a.deadLetterName).not.toBe(b.deadLetterName);
    for (const n of [a.name, a.deadLetterName, b.name, b.deadLetterName]) expect(n.length).toBeLessThanOrEqual(63);
  });

  it('names that fit keep their form: queue, budget, pool objects', () => {
    expect(queueNames('support-assistant', 'prod')).toEqual({ name: 'support-assistant-prod-requests', deadLetterName: 'support-assistant-prod-requests-dlq' });
    expect(budgetName('support-assistant', 'prod')).toBe('support-assistant-prod-budget');
    expect(poolResourceName('support-assistant', 'chat-small')).toBe('support-assistant-chat-small');
  });

  it('dev and prod of one spec get different namespaces and node pools on every cloud', () => {
    expect(stackNamespace('support-assistant', 'dev')).not.toBe(stackNamespace('support-assistant', 'prod'));
    for (const cap of Object.values(CAPABILITIES)) {
      expect(nodeGroupName(cap, 'support-assistant', 'dev', 'chat-small', 'spot')).not.toBe(nodeGroupName(cap, 'support-assistant', 'prod', 'chat-small', 'spot'));
    }
  });

  it('AKS: chat-small and chatsmall get different agent pools', () => {
    const azure = CAPABILITIES.azure;
    expect(nodeGroupName(azure, 'support-assistant', 'prod', 'chat-small', 'on-demand')).not.toBe(nodeGroupName(azure, 'support-assistant', 'prod', 'chatsmall', 'on-demand'));
  });

  it('recognises system namespaces', () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'keda', 'monitoring', 'kube-anything']) expect(isSystemNamespace(ns)).toBe(true);
    expect(isSystemNamespace('support-assistant-prod')).toBe(false);
  });
});

describe('node pool names are legal and unique on every cloud (property)', () => {
  const label = (max: number) => fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`));
  const env = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?$/);
  const legal: Record<string, RegExp> = {
    aws: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    gcp: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    azure: /^[a-z][a-z0-9]*$/,
  };

  it('every name fits its cloud, and distinct (stack, environment, model, capacity) give distinct names', () => {
    fc.assert(
      fc.property(label(40), env, fc.uniqueArray(label(40), { minLength: 2, maxLength: 6 }), (stack, environment, models) => {
        for (const cap of Object.values(CAPABILITIES)) {
          const names = models.flatMap((m) => (['on-demand', 'spot'] as const).map((c) => nodeGroupName(cap, stack, environment, m, c)));
          for (const n of names) {
            expect(n.length).toBeLessThanOrEqual(cap.nodePoolNameMaxLength);
            expect(n).toMatch(legal[cap.cloud]);
          }
          expect(new Set(names).size).toBe(names.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
