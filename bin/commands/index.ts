/** Every CLI command, in help order. */
import { Command, CORE_COMMANDS } from './core';

export type { Command } from './core';
export const COMMANDS: Command[] = [...CORE_COMMANDS];
