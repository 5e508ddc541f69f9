/** Every CLI command, in help order (DESIGN §4). */
import { catalogCommand } from './catalog';
import { Command, planCommand, schemaCommand, validateCommand } from './core';
import { checkCommand } from './check';
import { costCommand } from './cost';
import { synthCommand } from './synth';

export type { Command } from './core';
export const COMMANDS: Command[] = [validateCommand, planCommand, costCommand, checkCommand, synthCommand, catalogCommand, schemaCommand];
