/**
 * A Cloud Billing budget for one deployment: the spec's thresholds of actual spend plus a
 * forecast rule, counting only the project's costs that carry the deployment's label, sent to one
 * email notification channel per address.
 *
 * Fields: @pulumi/gcp 9.37.0 `billing.Budget` (amount.specifiedAmount.{currencyCode, units,
 * nanos}, thresholdRules[].{thresholdPercent (1.0 = 100%), spendBasis CURRENT_SPEND |
 * FORECASTED_SPEND}, budgetFilter.{projects ["projects/<number>"], labels (one label and value),
 * calendarPeriod}, allUpdatesRule.monitoringNotificationChannels (at most 5)) and
 * `monitoring.NotificationChannel` (type `email`, labels.email_address).
 */
import * as pulumi from '@pulumi/pulumi';
import * as billing from '@pulumi/gcp/billing';
import * as monitoring from '@pulumi/gcp/monitoring';
import * as organizations from '@pulumi/gcp/organizations';
import { InferencePlan } from '../plan/types';
import { ArgProblem, assertValidArgs } from './errors';
import { withCostLabels } from './labels';

/** Monitoring notification channels one budget may notify (allUpdatesRule.monitoringNotificationChannels). */
export const MAX_BUDGET_CHANNELS = 5;

/** Arguments of {@link InferenceBudget}. */
export interface InferenceBudgetArgs {
  /** Cloud Billing account id, `XXXXXX-XXXXXX-XXXXXX`. */
  readonly billingAccount: pulumi.Input<string>;
  /** GCP project whose costs count, and where the notification channels live. */
  readonly project: string;
  /**
   * The project's number, for the budget filter (`projects/<number>`).
   * @default - looked up with `organizations.getProject`
   */
  readonly projectNumber?: pulumi.Input<string>;
  /**
   * Budget name in the Billing console.
   * @default - the component's name
   */
  readonly displayName?: string;
  /** Monthly limit in USD (the billing account must be billed in USD). */
  readonly monthlyUsd: number;
  /**
   * Percentages of the limit at which actual spend notifies.
   * @default [50, 80, 100]
   */
  readonly thresholdsPercent?: readonly number[];
  /**
   * Also notify when the forecast for the month passes 100%.
   * @default true
   */
  readonly forecastAlert?: boolean;
  /**
   * Addresses notified through Cloud Monitoring email channels (at most 5). Billing account
   * administrators and users are notified as well, as Cloud Billing does by default.
   * @default - none: only the billing account's administrators and users
   */
  readonly notifyEmails?: readonly string[];
  /**
   * Count only costs that carry this label (one label and value: the Budget API's limit).
   * @default - every cost of the project
   */
  readonly filterLabel?: { readonly key: string; readonly value: string };
  /**
   * Cost labels for the notification channels (`userLabels`).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** USD as the Budget API's Money: whole units as a string and nanos. */
export function budgetAmount(usd: number): { currencyCode: string; units: string; nanos: number } {
  const units = Math.floor(usd);
  return { currencyCode: 'USD', units: String(units), nanos: Math.round((usd - units) * 1e9) };
}

/** Threshold rules: one per actual-spend percentage (ascending, 1.0 = 100%), then the forecast at 100%. */
export function thresholdRules(thresholdsPercent: readonly number[], forecastAlert: boolean): { thresholdPercent: number; spendBasis: string }[] {
  return [
    ...[...new Set(thresholdsPercent)].sort((a, b) => a - b).map((p) => ({ thresholdPercent: p / 100, spendBasis: 'CURRENT_SPEND' })),
    ...(forecastAlert ? [{ thresholdPercent: 1, spendBasis: 'FORECASTED_SPEND' }] : []),
  ];
}

/**
 * A monthly budget with email notification channels.
 *
 * Budgets filtered by a label count only labelled costs: Cloud NAT, network egress and logging
 * carry no resource labels and are left out. Costs reach Cloud Billing hours after they occur.
 */
export class InferenceBudget extends pulumi.ComponentResource {
  /** Args rendering the plan's budget (name, limit, thresholds, forecast, emails, deployment label). */
  static argsFromPlan(plan: InferencePlan): Omit<InferenceBudgetArgs, 'billingAccount' | 'projectNumber' | 'labels'> {
    const b = plan.budget;
    if (!b) throw new Error(`the ${plan.cloud} plan of ${plan.name} has no budget`);
    return {
      project: plan.project ?? '',
      displayName: b.name,
      monthlyUsd: b.monthlyUsd,
      thresholdsPercent: b.alertThresholdsPercent,
      forecastAlert: b.forecastAlert,
      notifyEmails: b.notifyEmails,
      filterLabel: b.filterTag,
    };
  }

  /** The Cloud Billing budget. */
  readonly budget: billing.Budget;
  /** One email channel per `notifyEmails` address, in order. */
  readonly notificationChannels: readonly monitoring.NotificationChannel[];

  constructor(name: string, args: InferenceBudgetArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const labels = args.labels ?? {};
    super('inferstack:gcp:InferenceBudget', name, {}, withCostLabels(opts, labels));
    const thresholds = args.thresholdsPercent ?? [50, 80, 100];
    const forecast = args.forecastAlert ?? true;
    const emails = args.notifyEmails ?? [];
    const problems: ArgProblem[] = [];
    if (typeof args.billingAccount === 'string' && !BILLING_ACCOUNT.test(args.billingAccount)) {
      problems.push({ path: 'args.billingAccount', reason: `'${args.billingAccount}' is not a billing account id (XXXXXX-XXXXXX-XXXXXX, uppercase hex; gcloud billing accounts list)` });
    }
    if (args.billingAccount === undefined || args.billingAccount === null || args.billingAccount === '') problems.push({ path: 'args.billingAccount', reason: 'is required (config inferstack:billingAccount)' });
    if (!args.project) problems.push({ path: 'args.project', reason: 'is required (the GCP project id)' });
    if (!(args.monthlyUsd > 0)) problems.push({ path: 'args.monthlyUsd', reason: `must be positive, got ${args.monthlyUsd}` });
    thresholds.forEach((t, i) => {
      if (!(t > 0)) problems.push({ path: `args.thresholdsPercent[${i}]`, reason: `must be a positive percentage, got ${t}` });
    });
    if (emails.length > MAX_BUDGET_CHANNELS) problems.push({ path: 'args.notifyEmails', reason: `a budget notifies at most ${MAX_BUDGET_CHANNELS} channels, got ${emails.length} addresses; use a group address` });
    emails.forEach((e, i) => {
      if (!EMAIL.test(e)) problems.push({ path: `args.notifyEmails[${i}]`, reason: `'${e}' is not an email address` });
    });
    if (new Set(emails).size !== emails.length) problems.push({ path: 'args.notifyEmails', reason: 'lists an address twice' });
    assertValidArgs('InferenceBudget', name, problems);

    const { project } = args;
    const child = { parent: this };
    const displayName = args.displayName ?? name;
    this.notificationChannels = emails.map(
      (address, i) =>
        new monitoring.NotificationChannel(`${name}-email-${i + 1}`, { project, type: 'email', displayName: `${displayName}: ${address}`, labels: { email_address: address } }, child),
    );
    const projectNumber = args.projectNumber ?? organizations.getProjectOutput({ projectId: project }, child).apply((p) => p.number);
    this.budget = new billing.Budget(
      `${name}-billing`,
      {
        billingAccount: args.billingAccount,
        displayName,
        amount: { specifiedAmount: budgetAmount(args.monthlyUsd) },
        budgetFilter: {
          projects: [pulumi.interpolate`projects/${projectNumber}`],
          ...(args.filterLabel ? { labels: { [args.filterLabel.key]: args.filterLabel.value } } : {}),
          calendarPeriod: 'MONTH',
        },
        thresholdRules: thresholdRules(thresholds, forecast),
        ...(this.notificationChannels.length ? { allUpdatesRule: { monitoringNotificationChannels: this.notificationChannels.map((c) => c.id), disableDefaultIamRecipients: false } } : {}),
      },
      child,
    );
    this.registerOutputs({ budget: this.budget.id });
  }
}
