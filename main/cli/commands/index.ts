import type { Command } from '../command';
import { assessCommitCommand, assessRevealCommand } from './assess';
import { canonicalizeCommand } from './canonicalize';
import { demoCommand } from './demo';
import { generateCommand } from './generate';
import { incidentCreateCommand } from './incident';
import { keygenCommand } from './keygen';
import { phaseOpenCommand } from './phase';
import { roundCloseCommand, roundCountersignCommand } from './round';
import { rosterCreateCommand, rosterSignCommand, rosterUpdateCommand, rosterVerifyCommand } from './roster';
import { STORE_COMMANDS } from './store';
import { certificateCommand, tallyCommand } from './tally';
import { verifyCommand } from './verify';

export const COMMANDS: readonly Command[] = [
  keygenCommand,
  rosterCreateCommand,
  rosterUpdateCommand,
  rosterSignCommand,
  rosterVerifyCommand,
  incidentCreateCommand,
  assessCommitCommand,
  assessRevealCommand,
  phaseOpenCommand,
  roundCloseCommand,
  roundCountersignCommand,
  verifyCommand,
  tallyCommand,
  certificateCommand,
  ...STORE_COMMANDS,
  demoCommand,
  generateCommand,
  canonicalizeCommand,
];
