/** The resource group a deployment lives in: a new one with the cost tags, or an existing one. */
import * as pulumi from '@pulumi/pulumi';
import * as resources from '@pulumi/azure-native/resources';
import { ArgChecks } from './private/args';

/** Arguments of {@link InferenceResourceGroup}. */
export interface InferenceResourceGroupArgs {
  /** Resource group name (1-90 characters). */
  readonly resourceGroupName: string;
  /** Azure location of a new group, e.g. `eastus`. */
  readonly location: string;
  /**
   * Use the group of that name, which must exist already: nothing is created, its tags are left
   * alone (tag the resources instead), and `pulumi destroy` keeps it.
   * @default false - a new group is created, tagged, and deleted with the stack
   */
  readonly existing?: boolean;
  /**
   * Tags of a new group (cost allocation; Cost Management can pass them on to the usage of
   * everything inside with tag inheritance).
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A resource group: created with tags, or looked up when `existing`. */
export class InferenceResourceGroup extends pulumi.ComponentResource {
  /** The group's name. */
  readonly name: pulumi.Output<string>;
  /** ARM id (`/subscriptions/<id>/resourceGroups/<name>`), the scope of a resource-group budget. */
  readonly id: pulumi.Output<string>;
  /** The group, when this component created it. */
  readonly resourceGroup?: resources.ResourceGroup;

  constructor(name: string, args: InferenceResourceGroupArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:ResourceGroup', name, {}, opts);
    new ArgChecks()
      .check(/^[-\w.()]{1,90}$/u.test(args.resourceGroupName) && !args.resourceGroupName.endsWith('.'), 'resourceGroupName', `'${args.resourceGroupName}' is not a resource group name (1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.')`)
      .check(/^[a-z0-9]+$/.test(args.location), 'location', `'${args.location}' is not an Azure location name such as 'eastus'`)
      .throwIfAny(`InferenceResourceGroup '${name}'`);
    if (args.existing) {
      const found = resources.getResourceGroupOutput({ resourceGroupName: args.resourceGroupName }, { parent: this });
      this.name = found.name;
      this.id = found.id;
    } else {
      this.resourceGroup = new resources.ResourceGroup(
        `${name}-rg`,
        { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } },
        { parent: this },
      );
      this.name = this.resourceGroup.name;
      this.id = this.resourceGroup.id;
    }
    this.registerOutputs({ name: this.name, id: this.id });
  }
}
