/**
 * Acknowledging policy-validation findings in code, each with its reason.
 *
 * aws-cdk-lib's `Validations.of(scope).acknowledge()` records the acknowledgement as construct
 * metadata; cdk-nag v3 (`AwsSolutions-*` ids, optionally narrowed as `Rule[Finding]`) and the CDK
 * policy-validation report (for plugins such as @cdklabs/cdk-validator-cfnguard, ids qualified as
 * `<plugin-name>::<rule>`) both read it, so the library needs neither as a runtime dependency.
 * See cdk-nag MIGRATION.md ("Acknowledging (Suppressing) Rules", v3).
 */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Name under which @cdklabs/cdk-validator-cfnguard reports, used to qualify its rule ids. */
export const CFN_GUARD_PLUGIN = 'cdk-validator-cfnguard';

/** One acknowledgement: the rule (or rule[finding]) and why it does not apply or is accepted. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

/**
 * Acknowledge cdk-nag rules (`AwsSolutions-IAM4[Policy::...]`) on a construct and its children.
 *
 * aws-cdk-lib before 2.276 reserves `::` in rule ids for `<plugin>::<rule>` and throws on a
 * finding that contains it (every IAM4 finding names a policy ARN). There the rule itself is
 * acknowledged on this one construct instead, and the reason says that it covers the whole rule.
 */
export function acknowledge(scope: IConstruct, ...acks: Acknowledgement[]): void {
  for (const a of acks) {
    try {
      Validations.of(scope).acknowledge({ id: a.id, reason: a.reason });
    } catch (e) {
      const rule = a.id.replace(/\[.*\]$/, '');
      if (rule === a.id) throw e;
      Validations.of(scope).acknowledge({ id: rule, reason: `${a.reason} (acknowledged for the whole rule on this construct: this aws-cdk-lib cannot name the finding ${a.id})` });
    }
  }
}

/**
 * Control Tower proactive controls by id, with the name of the cfn-guard rule that implements
 * each (the `rule <name> when is_cfn_template` line of the bundled `ct-*.guard` files); the
 * policy-validation report names violations by rule name.
 */
export const GUARD_RULES = {
  'CT.CLOUDWATCH.PR.1': 'cloudwatch_alarm_action_check',
  'CT.EC2.PR.11': 'subnet_auto_assign_public_ip_disabled_check',
  'CT.EKS.PR.1': 'eks_endpoint_no_public_access_check',
  'CT.LAMBDA.PR.3': 'lambda_inside_vpc_check',
  'CT.SQS.PR.1': 'sqs_dlq_check',
} as const;

/** Acknowledge a Control Tower proactive control (e.g. `CT.SQS.PR.1`) reported by cfn-guard. */
export function acknowledgeGuard(scope: IConstruct, control: keyof typeof GUARD_RULES, reason: string): void {
  Validations.of(scope).acknowledge({ id: `${CFN_GUARD_PLUGIN}::${GUARD_RULES[control]}`, reason: `${control}: ${reason}` });
}
