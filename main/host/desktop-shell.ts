/** Where the user chose to save a file in a native dialog; `no-dialog` where the host has none (the outbox is the way out). */
export type SaveChoice = { readonly kind: 'chosen'; readonly path: string } | { readonly kind: 'cancelled' } | { readonly kind: 'no-dialog' };

/**
 * What the desktop around the app offers: native file dialogs (Electron) and opening a folder in
 * the file manager. The paths stay in main: the page asks for an action, never names a path.
 */
export interface DesktopShell {
  /** The files the user chose in a native open dialog ([] when cancelled); null where the host has no dialog (the inbox is the way in). */
  choosePackFiles(): Promise<readonly string[] | null>;
  chooseSavePath(suggestedName: string): Promise<SaveChoice>;
  /** Opens a folder in the desktop's file manager: null when it did, otherwise one line saying why not, with the path. */
  openFolder(path: string): Promise<string | null>;
}

/** A host with no desktop to talk to (tests, a server): no dialogs, and the folder's path for the user to open. */
export const NO_DESKTOP_SHELL: DesktopShell = {
  choosePackFiles: async () => null,
  chooseSavePath: async () => ({ kind: 'no-dialog' }),
  openFolder: async (path) => `this workstation cannot open folders here: open ${path} in your file manager`,
};
