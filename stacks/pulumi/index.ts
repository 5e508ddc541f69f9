/**
 * Entry point of the Pulumi program (`Pulumi.yaml` `main`). The Pulumi Node.js host calls the
 * exported function and publishes what it returns as the stack outputs. See program.ts.
 */
import { deployFromConfig } from './program';

export = async () => deployFromConfig();
