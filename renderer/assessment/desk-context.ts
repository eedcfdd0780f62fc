import { createContext, useContext } from 'react';
import type { WorkstationPreferences } from '../../shared/commission/participation';
import type { CommissionView } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { KeyControls } from '../keys/use-key-status';

/** What the assessing parts of the detail need from the app around them. */
export interface Desk {
  readonly api: TrucelineApi;
  readonly commission: CommissionView | undefined;
  readonly keys: KeyControls;
  readonly preferences: WorkstationPreferences | undefined;
  /** Reads the commission, the queue and the shown incident again (after an action that changed them). */
  readonly reload: () => void;
}

export const DeskContext = createContext<Desk | undefined>(undefined);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (desk === undefined) throw new Error('the assessing desk is used outside the app');
  return desk;
}
