// The commands the admin API and the dashboard app take in their URLs (`…/:command`), and the engine's name for each.
import type { OwnerCommand } from '../engine/reduce.js';

export const OWNER_COMMANDS: Record<string, OwnerCommand> = {
  'take-over': 'take_over',
  resume: 'resume',
  stop: 'stop',
  'stop-contact': 'stop_contact',
  'resume-contact': 'resume_contact',
};

export const UNKNOWN_COMMAND = 'use take-over, resume, stop, stop-contact or resume-contact';

export const NO_CONTACT = 'Jawab does not know the contact of this conversation yet: wait for their next message';
