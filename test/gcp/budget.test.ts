/** The Cloud Billing budget: thresholds, forecast, filter, one email channel per address. */
import * as pulumi from '@pulumi/pulumi';
import { InferenceBudget } from '../../lib/gcp';
import { OFFLINE_BILLING_ACCOUNT, OFFLINE_PROJECT_NUMBER } from '../../stacks/pulumi/gcp';
import { graphOf, inputs, named, ofType, planOf, runGcp, thrownBy } from './support/graph';

describe('budget from the plan', () => {
  test('support-assistant: 50/80/100% of actual spend plus the forecast at 100%, the project and the deployment label', async () => {
    const graph = await graphOf('support-assistant');
    const budget = inputs(named(graph, 'support-assistant-prod-budget-billing'));
    expect(budget).toMatchObject({
      billingAccount: OFFLINE_BILLING_ACCOUNT,
      displayName: 'support-assistant-prod-budget',
      amount: { specifiedAmount: { currencyCode: 'USD', units: '40000', nanos: 0 } },
      budgetFilter: { projects: [`projects/${OFFLINE_PROJECT_NUMBER}`], labels: { 'inferstack-deployment': 'support-assistant-prod' }, calendarPeriod: 'MONTH' },
      thresholdRules: [
        { thresholdPercent: 0.5, spendBasis: 'CURRENT_SPEND' },
        { thresholdPercent: 0.8, spendBasis: 'CURRENT_SPEND' },
        { thresholdPercent: 1, spendBasis: 'CURRENT_SPEND' },
        { thresholdPercent: 1, spendBasis: 'FORECASTED_SPEND' },
      ],
    });
    const channels = ofType(graph, 'gcp:monitoring/notificationChannel:NotificationChannel');
    expect(channels.map((c) => inputs(c).labels)).toEqual([{ email_address: 'finops@example.com' }]);
    expect(budget.allUpdatesRule).toEqual({ monitoringNotificationChannels: channels.map((c) => c.id), disableDefaultIamRecipients: false });
  });

  test('spot-floor: thresholds sorted, no forecast rule when forecastAlert is false, cents as nanos, one channel per address', async () => {
    const graph = await graphOf('spot-floor');
    const budget = inputs(ofType(graph, 'gcp:billing/budget:Budget')[0]);
    expect(budget.thresholdRules).toEqual([
      { thresholdPercent: 0.25, spendBasis: 'CURRENT_SPEND' },
      { thresholdPercent: 0.5, spendBasis: 'CURRENT_SPEND' },
      { thresholdPercent: 0.9, spendBasis: 'CURRENT_SPEND' },
    ]);
    expect(budget.amount.specifiedAmount).toEqual({ currencyCode: 'USD', units: '25000', nanos: 500000000 });
    expect(ofType(graph, 'gcp:monitoring/notificationChannel:NotificationChannel').map((c) => inputs(c).labels.email_address)).toEqual(['ml@example.com', 'finops@example.com']);
    expect(budget.budgetFilter.labels).toEqual({ [planOf('spot-floor').budget!.filterTag.key]: 'spot-floor-staging' });
  });

  test('a spec without a budget gets none, and needs no billing account', async () => {
    const graph = await graphOf('queue-only');
    expect(ofType(graph, 'gcp:billing/budget:Budget')).toEqual([]);
    expect(ofType(graph, 'gcp:monitoring/notificationChannel:NotificationChannel')).toEqual([]);
  });
});

describe('InferenceBudget on its own', () => {
  test('defaults: 50/80/100% plus forecast, every cost of the project', async () => {
    const graph = await runGcp(() => void new InferenceBudget('b', { billingAccount: '01ABCD-23EF45-6789AB', project: 'p', projectNumber: '7', monthlyUsd: 100 }));
    const b = inputs(named(graph, 'b-billing'));
    expect(b.thresholdRules.map((r: any) => [r.thresholdPercent, r.spendBasis])).toEqual([[0.5, 'CURRENT_SPEND'], [0.8, 'CURRENT_SPEND'], [1, 'CURRENT_SPEND'], [1, 'FORECASTED_SPEND']]);
    expect(b.budgetFilter).toEqual({ projects: ['projects/7'], calendarPeriod: 'MONTH' });
    expect(b.allUpdatesRule).toBeUndefined();
  });

  test('bad arguments: every problem at once', async () => {
    const e = await thrownBy(
      () => new InferenceBudget('b', { billingAccount: 'billing-1', project: 'p', monthlyUsd: 0, thresholdsPercent: [-5], notifyEmails: ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io', 'not-an-email'] }),
    );
    expect(pulumi.InputPropertiesError.isInstance(e)).toBe(true);
    expect((e as pulumi.InputPropertiesError).errors.map((x) => x.propertyPath)).toEqual(['args.billingAccount', 'args.monthlyUsd', 'args.thresholdsPercent[0]', 'args.notifyEmails', 'args.notifyEmails[5]']);
    expect(e.message).toContain('a budget notifies at most 5 channels, got 6 addresses; use a group address');
    expect(e.message).toContain("'billing-1' is not a billing account id (XXXXXX-XXXXXX-XXXXXX");
  });
});
