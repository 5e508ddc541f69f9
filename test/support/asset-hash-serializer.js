// Replaces CDK asset hashes (64 hex chars) in snapshots so they stay stable across builds.
const HASH = /[0-9a-f]{64}(\.zip|\.json)?/g;
module.exports = {
  test: (val) => typeof val === 'string' && /[0-9a-f]{64}/.test(val),
  serialize: (val) => JSON.stringify(val.replace(HASH, (_m, ext) => `[ASSET-HASH]${ext ?? ''}`)),
};
