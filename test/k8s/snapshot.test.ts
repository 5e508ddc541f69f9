/** The synth output (manifest files) of every example x cloud, as YAML snapshots. */
import { manifestFiles, renderWorkload } from '../../lib/k8s';
import { cases } from './support/fixtures';

describe.each(cases().map((c) => [`${c.example}/${c.cloud}`, c] as const))('%s', (_name, c) => {
  const files = manifestFiles(c.rendered);

  test.each(files.map((f) => [f.path, f.content] as const))('%s', (_path, content) => {
    expect(content).toMatchSnapshot();
  });

  test('rendering is deterministic', () => {
    expect(manifestFiles(renderWorkload(c.plan))).toEqual(files);
  });
});
