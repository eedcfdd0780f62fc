import type { Command } from '../command';
import { canonicalizeCommand } from './canonicalize';
import { keygenCommand } from './keygen';

export const COMMANDS: readonly Command[] = [keygenCommand, canonicalizeCommand];
