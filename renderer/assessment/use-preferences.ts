import { useEffect, useState } from 'react';
import type { WorkstationPreferences } from '../../shared/commission/participation';
import type { TrucelineApi } from '../../shared/ipc/contract';

/** This workstation's signing preferences, read again with every `generation` (main says when they changed). */
export function usePreferences(api: TrucelineApi, generation: number): WorkstationPreferences | undefined {
  const [preferences, setPreferences] = useState<WorkstationPreferences>();
  useEffect(() => {
    let current = true;
    api.getPreferences().then(
      (value) => current && setPreferences(value),
      () => current && setPreferences(undefined),
    );
    return () => {
      current = false;
    };
  }, [api, generation]);
  return preferences;
}
