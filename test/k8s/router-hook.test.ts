/**
 * Runs the generated LiteLLM hook (Python) against the generated routing.json, with small stand-ins
 * for the three modules it imports (litellm's token counter and CustomLogger base, prometheus_client's
 * Counter), so the routing decision itself is tested, not a TypeScript copy of it.
 * Needs python3 on PATH; without it these tests are skipped and say so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferencePlan } from '../../lib/plan/types';
import { routerConfigFiles } from '../../lib/k8s';
import { caseOf } from './support/fixtures';

const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
const describeWithPython = python ? describe : describe.skip;
if (!python) console.warn('router-hook tests skipped: no python3 on PATH');

/** Stand-ins: one token per whitespace-separated word; a Counter that records its values. */
const STUBS: Record<string, string> = {
  'litellm/__init__.py': `
def token_counter(model="", text=None, messages=None, **kwargs):
    if messages is not None:
        text = " ".join(str(m.get("content", "")) for m in messages)
    return len((text or "").split())
`,
  'litellm/integrations/__init__.py': '',
  'litellm/integrations/custom_logger.py': 'class CustomLogger:\n    pass\n',
  'prometheus_client.py': `
VALUES = {}

class _Child:
    def __init__(self, key):
        self.key = key
        VALUES.setdefault(key, 0)

    def inc(self, amount=1):
        VALUES[self.key] += amount

class Counter:
    def __init__(self, name, documentation, labelnames):
        self.name = name

    def labels(self, **labels):
        return _Child((self.name,) + tuple(sorted(labels.items())))
`,
};

const DRIVER = `
import asyncio, json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import prometheus_client
import inferstack_router as hook
initial = {key[1][1]: value for key, value in prometheus_client.VALUES.items()}

async def route(case):
    data = {"model": case["model"], "messages": [{"role": "user", "content": case.get("prompt", "hi")}],
            "proxy_server_request": {"headers": case.get("headers", {})}}
    out = await hook.proxy_handler_instance.async_pre_call_hook(None, None, data, "completion")
    return out["model"]

cases = json.loads(sys.stdin.read())
routed = [asyncio.run(route(c)) for c in cases]
counts = {key[1][1]: value for key, value in prometheus_client.VALUES.items()}
print(json.dumps({"initial": initial, "routed": routed, "counts": counts}))
`;

function runHook(plan: InferencePlan, requests: { model: string; prompt?: string; headers?: Record<string, string> }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'inferstack-hook-'));
  try {
    const config = join(dir, 'config');
    const stubs = join(dir, 'stubs');
    mkdirSync(config);
    for (const [name, content] of Object.entries(routerConfigFiles(plan))) writeFileSync(join(config, name), content);
    for (const [name, content] of Object.entries(STUBS)) {
      mkdirSync(join(stubs, name, '..'), { recursive: true });
      writeFileSync(join(stubs, name), content);
    }
    writeFileSync(join(dir, 'driver.py'), DRIVER);
    const out = spawnSync(python!, [join(dir, 'driver.py'), stubs, config], { input: JSON.stringify(requests), encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout) as { initial: Record<string, number>; routed: string[]; counts: Record<string, number> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeWithPython('the generated router hook', () => {
  const long = Array.from({ length: 4500 }, (_, i) => `w${i}`).join(' ');
  let result: ReturnType<typeof runHook>;
  beforeAll(() => {
    result = runHook(caseOf('support-assistant', 'aws').plan, [
      { model: 'chat-small', prompt: 'short question' },
      { model: 'chat-small', prompt: long },
      { model: 'chat-small', headers: { 'X-Quality': 'high' } },
      { model: 'chat-small', headers: { 'x-quality': 'low' } },
      { model: 'chat-large', prompt: 'asked for by name' },
      { model: 'not-a-pool' },
    ]);
  });

  test('routes long prompts and the quality header to the large model, the rest to the default', () => {
    expect(result.routed).toEqual(['chat-small', 'chat-large', 'chat-large', 'chat-small', 'chat-large', 'not-a-pool']);
  });

  test('counts requests per pool from zero, so a pool at zero replicas sees the first one', () => {
    expect(result.initial).toEqual({ 'chat-small': 0, 'chat-large': 0 });
    expect(result.counts).toEqual({ 'chat-small': 2, 'chat-large': 3 });
  });

  test('a single-model stack routes everything to its model', () => {
    const single = runHook(caseOf('minimal-aws', 'aws').plan, [{ model: 'chat', prompt: long, headers: { 'x-quality': 'high' } }]);
    expect(single.routed).toEqual(['chat']);
  });
});
