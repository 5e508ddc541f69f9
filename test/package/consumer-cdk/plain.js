// Plain JavaScript: require() both entry points and validate a spec.
const { loadSpecFile, resolvePlan, costReport } = require('inferstack');
const aws = require('inferstack/aws');
const spec = loadSpecFile('inference.yaml');
const report = costReport(spec, [resolvePlan(spec, 'aws')]);
console.log(JSON.stringify({ constructs: typeof aws.InferenceDeployment, apiVersion: report.apiVersion }));
