// The commands the admin API and the dashboard app take in their URLs (`…/:command`), and the engine's name for each.
import type { OwnerCommand } from '../engine/reduce.js';

export const OWNER_COMMANDS: Record<string, OwnerCommand> = { 'take-over': 'take_over', resume: 'resume', stop: 'stop' };

export const UNKNOWN_COMMAND = 'use take-over, resume or stop';
