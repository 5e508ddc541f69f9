/**
 * A monthly cost budget (`consumption.Budget`, API 2024-08-01) on a resource group or a
 * subscription: one Actual notification per threshold and a Forecasted one, emailed, counting
 * only costs carrying the deployment's tag.
 *
 * Rules (https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update): at most five
 * notifications; thresholds are percent, 0-1000; the start date is the first of a month, not
 * before the current month when the budget is created (terraform-provider-azurerm#12121) and
 * cannot be changed afterwards ("Start date of budgets cannot be updated"), so the budget
 * ignores later changes to it. Tag filters see tags on usage records: the cost tags are on every
 * resource, agent pool scale sets included.
 */
import * as pulumi from '@pulumi/pulumi';
import * as consumption from '@pulumi/azure-native/consumption';
import { BudgetPlan } from '../plan/types';
import { ArgChecks } from './private/args';

/** Most notifications one Azure budget may have. */
export const MAX_BUDGET_NOTIFICATIONS = 5;

/** The first day of the current UTC month, `YYYY-MM-01`. */
export function firstOfThisMonth(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** Arguments of {@link InferenceBudget}. */
export interface InferenceBudgetArgs {
  /** ARM id of the resource group (`/subscriptions/<id>/resourceGroups/<name>`) or subscription (`/subscriptions/<id>`). */
  readonly scope: pulumi.Input<string>;
  /** Budget name, unique in its scope. */
  readonly budgetName: string;
  /** Monthly amount in the billing currency (USD for inferstack's figures). */
  readonly amount: number;
  /**
   * Percentages of the amount at which actual cost notifies.
   * @default [50, 80, 100]
   */
  readonly actualThresholdsPercent?: readonly number[];
  /**
   * Also notify when Azure forecasts the month to end above `forecastThresholdPercent`.
   * @default true
   */
  readonly forecastAlert?: boolean;
  /** @default 100 */
  readonly forecastThresholdPercent?: number;
  /** Email addresses every notification goes to (at least one). */
  readonly contactEmails: readonly string[];
  /**
   * Count only costs carrying this tag.
   * @default - every cost in the scope
   */
  readonly filterTag?: { readonly key: string; readonly value: string };
  /**
   * First day of the first budgeted month, `YYYY-MM-01`. Fixed at creation: later changes are ignored.
   * @default - the first day of the current UTC month when the program runs
   */
  readonly startDate?: string;
}

/** A monthly Azure budget with Actual and Forecasted email notifications. */
export class InferenceBudget extends pulumi.ComponentResource {
  /** Args rendering the plan's budget on `scope` (the `inferstack-deployment` tag filter included). */
  static argsFromPlan(budget: BudgetPlan, scope: pulumi.Input<string>, startDate?: string): InferenceBudgetArgs {
    return {
      scope,
      budgetName: budget.name,
      amount: budget.monthlyUsd,
      actualThresholdsPercent: budget.alertThresholdsPercent,
      forecastAlert: budget.forecastAlert,
      contactEmails: budget.notifyEmails,
      filterTag: budget.filterTag,
      ...(startDate ? { startDate } : {}),
    };
  }

  /** The Azure budget. */
  readonly budget: consumption.Budget;
  /** The start date set, `YYYY-MM-01`. */
  readonly startDate: string;

  constructor(name: string, args: InferenceBudgetArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:InferenceBudget', name, {}, opts);
    const thresholds = [...(args.actualThresholdsPercent ?? [50, 80, 100])];
    const forecast = args.forecastAlert ?? true;
    const forecastAt = args.forecastThresholdPercent ?? 100;
    const start = args.startDate ?? firstOfThisMonth();
    const count = thresholds.length + (forecast ? 1 : 0);
    const pct = (t: number) => Number.isFinite(t) && t > 0 && t <= 1000;
    const checks = new ArgChecks()
      .check(/^[-\w]{1,63}$/.test(args.budgetName), 'budgetName', `'${args.budgetName}' is not a budget name (1-63 letters, digits, '-', '_')`)
      .check(Number.isFinite(args.amount) && args.amount > 0, 'amount', `${args.amount} is not a positive amount`)
      .check(count >= 1 && count <= MAX_BUDGET_NOTIFICATIONS, 'actualThresholdsPercent', `${count} notifications (${thresholds.length} actual${forecast ? ' + 1 forecast' : ''}); an Azure budget has 1 to ${MAX_BUDGET_NOTIFICATIONS}`)
      .check(new Set(thresholds).size === thresholds.length, 'actualThresholdsPercent', `has duplicates: ${thresholds.join(', ')}`)
      .check(pct(forecastAt), 'forecastThresholdPercent', `${forecastAt} is outside 0-1000 percent`)
      .check(args.contactEmails.length > 0, 'contactEmails', 'is empty; every notification needs at least one address')
      .check(/^\d{4}-(0[1-9]|1[0-2])-01$/.test(start), 'startDate', `'${start}' is not the first of a month (YYYY-MM-01)`);
    thresholds.forEach((t, i) => checks.check(pct(t), `actualThresholdsPercent[${i}]`, `${t} is outside 0-1000 percent`));
    args.contactEmails.forEach((e, i) => checks.check(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e), `contactEmails[${i}]`, `'${e}' is not an email address`));
    checks.throwIfAny(`InferenceBudget '${name}'`);

    const notify = (threshold: number, thresholdType: 'Actual' | 'Forecasted') => ({
      enabled: true,
      operator: 'GreaterThanOrEqualTo',
      threshold,
      thresholdType,
      contactEmails: [...args.contactEmails],
    });
    const notifications: Record<string, ReturnType<typeof notify>> = {};
    for (const t of thresholds) notifications[`actual${t}`] = notify(t, 'Actual');
    if (forecast) notifications[`forecast${forecastAt}`] = notify(forecastAt, 'Forecasted');

    this.startDate = start;
    this.budget = new consumption.Budget(
      `${name}-budget`,
      {
        scope: args.scope,
        budgetName: args.budgetName,
        amount: args.amount,
        category: 'Cost',
        timeGrain: 'Monthly',
        timePeriod: { startDate: `${start}T00:00:00Z` },
        ...(args.filterTag ? { filter: { tags: { name: args.filterTag.key, operator: 'In', values: [args.filterTag.value] } } } : {}),
        notifications,
      },
      // Azure refuses to change a budget's start date; a later run's default must not try.
      { parent: this, ignoreChanges: ['timePeriod.startDate'] },
    );
    this.registerOutputs({ budgetId: this.budget.id, startDate: start });
  }
}
