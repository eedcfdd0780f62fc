/** Where an exported file was written, as the delegate would type it: the folder's own separator is kept. */
export function outboxFilePath(folder: string, file: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${file}` : `${folder}${separator}${file}`;
}
