import sodium from 'libsodium-wrappers';

let loaded = false;

/** Resolves once libsodium's WebAssembly is loaded; await it at every entry point before signing or verifying. */
export async function ready(): Promise<void> {
  if (loaded) return;
  await sodium.ready;
  loaded = true;
}

/** libsodium, for modules of shared/crypto only; throws when `ready()` was not awaited first. */
export function loadedSodium(): typeof sodium {
  if (!loaded) throw new Error('libsodium is not loaded: await ready() from shared/crypto first');
  return sodium;
}
